"""Manage my booking: a link per booking to see, cancel or reschedule it (docs/wix-contract.md §27).

The link is ``/manage/<token>/`` where ``token`` is a random key of ours (``secrets``, 192
bits), stored on the booking's ``Submission`` next to the anonymous-action token Wix minted
for it. A random key rather than a signed wrapper: nothing in it can be decoded or forged, a
``SECRET_KEY`` rotation does not break links already in customers' calendars, and an unknown
key costs one indexed lookup and no Wix call. Wix's token never appears in a URL of ours.

Wix stays the source of truth: every page reads the booking afresh by its Wix token, and
what may be done is Wix's ``allowedAnonymousActions`` (the owner's overrides aside).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from booking_site.errors import BookingError
from booking_site.models import Submission
from booking_site.services import catalogue, status_reads
from booking_site.services.action_tokens import can_mint, mint_for
from booking_site.services.caching import cached_read
from booking_site.services.wix_errors import translate
from booking_site.wix import (
    AllowedActions,
    Booking,
    BookingStatus,
    CancellationFee,
    Service,
    WixConflict,
    WixConnectionError,
    WixError,
    WixNotFound,
    WixPreconditionFailed,
    WixRateLimited,
    WixServerError,
    WixUnauthorized,
    get_client,
)

__all__ = ["can_mint", "mint_for"]  # re-exported: minting lives in action_tokens

logger = logging.getLogger(__name__)

OPEN_STATUSES = frozenset({"CREATED", "CONFIRMED", "PENDING", "WAITING_LIST"})


@dataclass(frozen=True)
class BusinessContact:
    """How to reach the business when the policy says "ask us" (Site Properties)."""

    name: str | None
    email: str | None
    phone: str | None


@dataclass(frozen=True)
class ManagedBooking:
    """A booking as Wix has it now, with what the policy allows and what it costs to cancel.

    ``cancel_block`` / ``reschedule_block`` are None when the action is offered, else a code
    the presentation layer words: ``cancelled``, ``past``, ``not_open``, ``course``,
    ``varied_price``, ``manual_approval``, ``too_late``, ``policy_off``, ``not_online``.
    """

    ref: str
    booking: Booking
    service: Service
    allowed: AllowedActions
    fee: CancellationFee | None
    customer_zone: str
    business_zone: str
    contact: BusinessContact
    now: datetime
    owner: bool = False

    @property
    def cancelled(self) -> bool:
        return self.booking.status == BookingStatus.CANCELED

    @property
    def is_course(self) -> bool:
        return str(self.service.type) == "COURSE"

    @property
    def cancel_block(self) -> str | None:
        common = self._closed()
        if common:
            return common
        if self.owner or self.allowed.cancel:
            return None
        return self._policy_reason(
            self.service.policy.cancellation_enabled, self.service.policy.cancellation_limit_minutes
        )

    @property
    def reschedule_block(self) -> str | None:
        common = self._closed()
        if common:
            return common
        # Rules Wix forbids or that a reschedule cannot keep (§27.2): never offered, owner or not.
        if self.is_course:
            return "course"
        if str(self.service.payment.rate_type) == "VARIED":
            return "varied_price"
        if self.service.requires_manual_approval:
            return "manual_approval"
        if self.owner or self.allowed.reschedule:
            return None
        return self._policy_reason(self.service.policy.reschedule_enabled, None)

    def _closed(self) -> str | None:
        if self.cancelled:
            return "cancelled"
        if str(self.booking.status) not in OPEN_STATUSES:
            return "not_open"
        if self.booking.start is not None and self.booking.start <= self.now:
            return "past"
        return None

    def _policy_reason(self, enabled: bool, limit_minutes: int | None) -> str:
        if not enabled:
            return "policy_off"
        start = self.booking.start
        if (
            limit_minutes is not None
            and start is not None
            and (start - self.now).total_seconds() < limit_minutes * 60
        ):
            return "too_late"
        return "not_online"


def row_for(token: str) -> Submission:
    """The submission a manage token names; ``manage_link_invalid`` for anything else."""
    if not token or len(token) > 64:
        raise BookingError("manage_link_invalid")
    row = Submission.objects.filter(manage_token=token).first()
    if row is None or not row.wix_manage_token:
        raise BookingError("manage_link_invalid")
    return row


def translated(exc: WixError) -> BookingError:
    """A Wix failure while managing: a rejected token is a dead link, a passing one "later"."""
    if isinstance(exc, WixUnauthorized | WixNotFound):
        return BookingError("manage_link_invalid")
    if isinstance(exc, WixServerError | WixConnectionError | WixRateLimited):
        return BookingError("manage_try_later", wix_request_id=getattr(exc, "request_id", None))
    return translate(exc)


def business_contact() -> BusinessContact:
    """The business's name, email and phone (cached); unknowns when Wix can't say."""
    try:
        props = cached_read(
            "site-contact", lambda: get_client().site.get_properties(), ttl=600, stale_ttl=86400
        )
    except WixError:
        return BusinessContact(None, None, None)
    return BusinessContact(props.business_name, props.email, props.phone)


def read(token: str, *, now: datetime) -> ManagedBooking:
    """The booking behind ``token`` as Wix has it now; ``BookingError`` otherwise."""
    return read_row(row_for(token), now=now, owner=False)


def read_row(row: Submission, *, now: datetime, owner: bool) -> ManagedBooking:
    """The booking of ``row`` read by its Wix token; ``owner`` lifts the policy (point 7)."""
    client = get_client()
    try:
        got = client.anonymous_bookings.get(row.wix_manage_token or "")
        service = _service(got.booking.service_id, row.wix_manage_token or "")
    except WixError as exc:
        raise translated(exc) from exc
    summary = row.summary if isinstance(row.summary, dict) else {}
    business = catalogue.site_info().time_zone or got.booking.timezone or "UTC"
    return ManagedBooking(
        ref=row.ref,
        booking=got.booking,
        service=service,
        allowed=got.allowed,
        fee=got.fee,
        customer_zone=str(summary.get("time_zone") or got.booking.timezone or business),
        business_zone=business,
        contact=business_contact(),
        now=now,
        owner=owner,
    )


def _service(service_id: str | None, wix_token: str) -> Service:
    # The catalogue copy is cached and is what the calendar uses; a hidden service (or one
    # since removed from the catalogue) is still the booking's: ask Wix by the token.
    if service_id:
        try:
            return catalogue.get_service_by_id(service_id)
        except BookingError:
            pass
    return get_client().anonymous_bookings.get_service(wix_token)


def cancel(token: str, *, revision: str, now: datetime) -> ManagedBooking:
    """Cancel the booking once, as the customer (Wix applies the policy and any fee).

    ``revision`` is the one the customer confirmed: a booking changed since is not cancelled
    (``manage_changed``). A repeat (double click, second tab) finds it cancelled and is a no-op.
    """
    row = row_for(token)
    current = read_row(row, now=now, owner=False)
    if current.cancelled:
        return current
    if current.booking.revision != revision:
        raise BookingError("manage_changed")
    if current.cancel_block:
        return current  # the page words the reason; nothing is sent to Wix
    try:
        get_client().anonymous_bookings.cancel(row.wix_manage_token or "", revision=revision)
    except (WixConflict, WixPreconditionFailed) as exc:
        after = read_row(row, now=now, owner=False)
        if after.cancelled or after.cancel_block:
            return after  # another request cancelled it, or the policy closed meanwhile
        raise BookingError("manage_changed") from exc
    except WixError as exc:
        raise translated(exc) from exc
    status_reads.forget(row.ref)  # the confirmation page now says cancelled
    logger.info("booking cancelled by customer", extra={"ref": row.ref})
    return read_row(row, now=now, owner=False)
