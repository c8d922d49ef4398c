"""A service's booking policy (``service.bookingPolicy``), including its cancellation fees."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any, Self

from booking_site.wix.errors import WixResponseError
from booking_site.wix.models._parse import obj, objs, opt_bool, opt_int, opt_str
from booking_site.wix.models.common import Money


@dataclass(frozen=True)
class CancellationWindow:
    """One fee of ``cancellationFeePolicy.cancellationWindows``.

    The fee applies when the session starts within ``start_in_minutes`` of the cancellation
    (``None``: any time). It is a fixed ``amount`` or a ``percentage`` of the price (a oneof).
    """

    start_in_minutes: int | None
    amount: Money | None = None
    percentage: Decimal | None = None

    @classmethod
    def maybe(cls, payload: Mapping[str, Any]) -> Self | None:
        """Parse one window; one without an amount or a percentage charges nothing: None."""
        amount = None
        if payload.get("amount") is not None:
            try:
                amount = Money.from_api(obj(payload.get("amount")))
            except WixResponseError:
                amount = None
        percentage = _decimal(opt_str(payload, "percentage"))
        if (amount is None or amount.amount <= 0) and not percentage:
            return None
        return cls(
            start_in_minutes=opt_int(payload, "startInMinutes"),
            amount=amount,
            percentage=percentage if amount is None else None,
        )


def _decimal(text: str | None) -> Decimal | None:
    try:
        value = Decimal(text) if text else None
    except InvalidOperation:
        return None
    return value if value is not None and value.is_finite() and value > 0 else None


@dataclass(frozen=True)
class BookingPolicy:
    """The booking rules of a service; ``None`` limits mean the limit is switched off."""

    max_participants_per_booking: int = 1
    early_limit_minutes: int | None = None
    late_limit_minutes: int | None = None
    book_after_start: bool = False
    cancellation_enabled: bool = False
    cancellation_limit_minutes: int | None = None
    reschedule_enabled: bool = False
    custom_description: str | None = None
    waitlist_enabled: bool = False
    # Fees for cancelling late (``cancellationFeePolicy``, enabled); widest window first.
    cancellation_fees: tuple[CancellationWindow, ...] = ()

    @classmethod
    def from_api(cls, payload: Mapping[str, Any]) -> Self:
        """Parse ``service.bookingPolicy``; absent sub-policies count as disabled."""
        early = obj(payload.get("limitEarlyBookingPolicy"))
        late = obj(payload.get("limitLateBookingPolicy"))
        cancel = obj(payload.get("cancellationPolicy"))
        custom = obj(payload.get("customPolicyDescription"))
        return cls(
            max_participants_per_booking=max(
                1, opt_int(obj(payload.get("participantsPolicy")), "maxParticipantsPerBooking") or 1
            ),
            early_limit_minutes=_limit(early, "earliestBookingInMinutes"),
            late_limit_minutes=_limit(late, "latestBookingInMinutes"),
            book_after_start=opt_bool(obj(payload.get("bookAfterStartPolicy")), "enabled"),
            cancellation_enabled=opt_bool(cancel, "enabled"),
            cancellation_limit_minutes=(
                opt_int(cancel, "latestCancellationInMinutes")
                if opt_bool(cancel, "enabled") and opt_bool(cancel, "limitLatestCancellation")
                else None
            ),
            reschedule_enabled=opt_bool(obj(payload.get("reschedulePolicy")), "enabled"),
            custom_description=(
                opt_str(custom, "description") if opt_bool(custom, "enabled") else None
            ),
            waitlist_enabled=opt_bool(obj(payload.get("waitlistPolicy")), "enabled"),
            cancellation_fees=_fees(obj(payload.get("cancellationFeePolicy"))),
        )


def _limit(policy: Mapping[str, Any], key: str) -> int | None:
    return opt_int(policy, key) if opt_bool(policy, "enabled") else None


def _fees(policy: Mapping[str, Any]) -> tuple[CancellationWindow, ...]:
    if not opt_bool(policy, "enabled"):
        return ()
    windows = [CancellationWindow.maybe(w) for w in objs(policy.get("cancellationWindows"))]
    found = [w for w in windows if w is not None]
    # Widest first: a window without a start applies at any time.
    return tuple(sorted(found, key=lambda w: -(w.start_in_minutes or 10**9)))
