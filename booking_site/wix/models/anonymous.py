"""Anonymous booking actions (docs/wix-contract.md §27): a booking read by its token, with what it
allows."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Self

from booking_site.wix.models._parse import obj, opt_bool, opt_str
from booking_site.wix.models.bookings import Booking
from booking_site.wix.models.common import Money


@dataclass(frozen=True)
class AllowedActions:
    """``allowedAnonymousActions``: what the booking policy lets the customer do now."""

    cancel: bool
    reschedule: bool

    @classmethod
    def from_api(cls, payload: Mapping[str, Any]) -> Self:
        """Absent flags count as not allowed: offering an action Wix refuses is worse."""
        return cls(cancel=opt_bool(payload, "cancel"), reschedule=opt_bool(payload, "reschedule"))


@dataclass(frozen=True)
class CancellationFee:
    """``bookingFee.cancellationFee``: PREVIEW is what cancelling now would cost."""

    price: Money | None
    status: str
    trigger: str
    policy_description: str | None

    @property
    def applied(self) -> bool:
        """True once Wix charged it (after a cancel); PREVIEW means "would be charged"."""
        return self.status in ("APPLIED_TO_ORDER", "NOT_YET_APPLIED_TO_ORDER")

    @classmethod
    def maybe(cls, payload: Any) -> Self | None:
        """Parse ``bookingFee``; None without a priced cancellation fee."""
        fee = obj(obj(payload).get("cancellationFee"))
        price = Money.maybe(fee.get("price"))
        if price is None or price.amount <= 0:
            return None
        details = obj(obj(payload).get("policyDetails"))
        return cls(
            price=price,
            status=opt_str(fee, "status") or "UNKNOWN_STATUS",
            trigger=opt_str(fee, "trigger") or "UNKNOWN_TRIGGER",
            policy_description=opt_str(details, "descriptionTranslated")
            or opt_str(details, "description"),
        )


@dataclass(frozen=True)
class AnonymousBooking:
    """Get Booking Anonymously: the booking, the allowed actions and any cancellation fee."""

    booking: Booking
    allowed: AllowedActions
    fee: CancellationFee | None

    @classmethod
    def from_api(cls, payload: Mapping[str, Any]) -> Self:
        """Parse ``{booking, allowedAnonymousActions, bookingFee?}``; the booking is required."""
        return cls(
            booking=Booking.from_api(obj(payload.get("booking"))),
            allowed=AllowedActions.from_api(obj(payload.get("allowedAnonymousActions"))),
            fee=CancellationFee.maybe(payload.get("bookingFee")),
        )
