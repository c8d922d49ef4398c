"""After submit: what Wix says became of the booking, resuming payment, and starting over.

The return URL proves nothing (docs/wix-contract.md §10): the status always comes from Wix. With the
API key it is the booking itself (Query Extended Bookings by id). Without it, the booking is read
by its anonymous-action token where Wix lets the customer's visitor mint one (§27); only where it
doesn't is the outcome inferred from the order Wix reports on the thank-you callback.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from booking_site.errors import BookingError
from booking_site.models import Submission
from booking_site.services import cart
from booking_site.services import submission as guard
from booking_site.services.action_tokens import wix_token_for
from booking_site.services.availability import forget_service_slots
from booking_site.services.slot_recheck import named_from_wix, still_free
from booking_site.services.snapshot import BookingSnapshot
from booking_site.services.wix_errors import once_booked, translate
from booking_site.wix import Booking, VisitorScope, VisitorTokens, WixError, get_client

logger = logging.getLogger(__name__)

Status = Literal[
    "confirmed",
    "pending",
    "awaiting_payment",
    "cancelled",
    "declined",
    "double_booked",  # paid, but Wix kept it on a time someone else had (doubleBooked)
    "slot_gone",  # not paid, and meanwhile someone else booked its time (CREATED holds nothing)
    "received",
    "confirming",  # Wix sent an order id back, but its status can't be read just now
    "unchecked",  # the status can't be read just now, and no order id came back
]
_BY_WIX_STATUS: dict[str, Status] = {
    "CONFIRMED": "confirmed",
    "PENDING": "pending",
    "CREATED": "awaiting_payment",
    "WAITING_LIST": "pending",
    "CANCELED": "cancelled",
    "DECLINED": "declined",
}


@dataclass(frozen=True)
class BookingOutcome:
    """What the status page shows: Wix's verdict and the snapshot of what was booked."""

    ref: str
    status: Status
    booking_id: str
    payment_status: str | None
    summary: BookingSnapshot
    can_resume_payment: bool
    verified: bool  # read from the booking itself (API key), not inferred

    @property
    def start(self) -> datetime | None:
        """Start in the business zone (appointments and classes) or UTC (courses)."""
        return self.summary.start

    @property
    def end(self) -> datetime | None:
        return self.summary.end


def booking_outcome(
    ref: str, *, order_id: str | None = None, visitor_tokens: VisitorTokens | None = None
) -> BookingOutcome:
    """Ask Wix what became of the booking submitted under ``ref``.

    ``order_id`` is what the return URL claims, which proves nothing (docs/wix-contract.md §10):
    with the API key the booking itself is read; without it the visitor's own cart must say it was
    ordered. When Wix can't be asked right now the outcome is ``confirming`` (an order id came back)
    or ``unchecked``, never an error: the booking exists either way. Raises
    ``BookingError("booking_not_found")`` when ``ref`` never made a booking.
    """
    record = guard.find(ref)
    if record is None or not record.booking_id:
        raise BookingError("booking_not_found")
    waiting: Status = "confirming" if (order_id or record.order_id) else "unchecked"
    client = get_client()
    if client.has_api_key:
        try:
            booking = client.extended_bookings.get(record.booking_id)
        except WixError as exc:
            error = translate(exc)
            if error.code == "booking_not_found":
                raise error from exc
            return _outcome(record, waiting, None, verified=False)
        return _read(record, booking)
    # Without the key: the booking itself, by its anonymous-action token, where Wix lets the
    # customer's visitor mint one (docs/wix-contract.md §27); else what the cart says.
    by_token = _by_token(record, visitor_tokens)
    if by_token is not None:
        return _read(record, by_token)
    if record.state == Submission.State.DONE or record.order_id:
        return _outcome(record, "received", None, verified=False)
    if not order_id:
        return _outcome(record, "awaiting_payment", None, verified=False)
    try:
        taken = cart.order_taken(record, get_client().for_visitor(visitor_tokens))
    except WixError:
        return _outcome(record, "confirming", None, verified=False)
    if taken is None:
        return _outcome(record, "awaiting_payment", None, verified=False)
    guard.record(ref, state=Submission.State.DONE, order_id=(taken or order_id)[:64])
    return _outcome(record, "received", None, verified=False)


def _read(record: Submission, booking: Booking) -> BookingOutcome:
    """The outcome of the booking as Wix has it now, read from the booking itself.

    Wix's verdict is worded as it affects the customer: a paid booking Wix kept on a time that
    someone else had too (``doubleBooked``, docs/wix-contract.md §24) is ``double_booked``; an
    unpaid one whose time was taken meanwhile is ``slot_gone`` (§6.3: CREATED holds nothing).
    The person Wix put on the booking is kept in the snapshot, so every page names them.
    """
    status = _BY_WIX_STATUS.get(booking.status, "awaiting_payment")
    if booking.double_booked and status in ("confirmed", "pending"):
        status = "double_booked"
    summary = BookingSnapshot.from_json(record.summary)
    named = named_from_wix(summary, booking)
    changes: dict[str, Any] = {}
    if named != summary:
        changes["summary"] = named.to_json()
    if booking.revision != record.booking_revision:
        changes["booking_revision"] = booking.revision
    if changes:
        guard.record(record.ref, **changes)
        record = guard.find(record.ref) or record
    if status == "awaiting_payment" and not still_free(named):
        status = "slot_gone"
    return _outcome(record, status, booking.payment_status, verified=True)


def _by_token(record: Submission, visitor_tokens: VisitorTokens | None) -> Booking | None:
    """The booking read by its anonymous-action token (keyless sites), or None without one."""
    token = wix_token_for(record.ref, visitor_tokens=visitor_tokens)
    if not token:
        return None
    try:
        return get_client().anonymous_bookings.get(token).booking
    except WixError as exc:
        logger.warning(
            "booking not readable by its token",
            extra={"ref": record.ref, "wix_request_id": getattr(exc, "request_id", None)},
        )
        return None


def _outcome(
    record: Submission, status: Status, payment_status: str | None, *, verified: bool
) -> BookingOutcome:
    return BookingOutcome(
        ref=record.ref,
        status=status,
        booking_id=record.booking_id,
        payment_status=payment_status,
        summary=BookingSnapshot.from_json(record.summary),
        can_resume_payment=status == "awaiting_payment" and bool(record.ecom_id),
        verified=verified,
    )


def resume_payment(
    *, ref: str, visitor_tokens: VisitorTokens | None, return_url: str, thank_you_url: str
) -> tuple[str | None, VisitorTokens | None]:
    """A fresh hosted-checkout URL for the same cart/checkout (a session URL works once).

    Returns the URL, or None when the booking no longer waits for payment (paid in another
    tab, say) or its time was taken meanwhile (the status page tells either), and the
    (possibly refreshed) visitor tokens to keep. Costs one more Wix call: the slot re-read.
    Raises ``booking_held`` when Wix can't be asked right now.
    """
    record = guard.find(ref)
    if record is None or not record.ecom_id:
        raise BookingError("booking_not_found")
    scope = get_client().for_visitor(visitor_tokens)
    snapshot = BookingSnapshot.from_json(record.summary)
    try:
        if not cart.awaits_payment(record, scope):
            return None, _kept(scope)
        if not still_free(snapshot):
            # Taken while the customer was away: a checkout for it would take money for a
            # time they can't have. The status page says so and offers other times.
            return None, _kept(scope)
        session = cart.checkout_session(
            record,
            scope,
            email=snapshot.email or None,
            return_url=return_url,
            thank_you_url=thank_you_url,
        )
    except WixError as exc:
        raise once_booked(translate(exc)) from exc
    return session.full_url, _kept(scope)


def _kept(scope: VisitorScope) -> VisitorTokens | None:
    return scope.tokens


def attempt_used(ref: str) -> bool:
    """Whether ``ref`` already made a Wix booking (so a new choice needs a new attempt)."""
    record = guard.find(ref)
    return record is not None and bool(record.booking_id)


def start_over(ref: str) -> bool:
    """Abandon the booking under ``ref``: cancel it in Wix when it is still unpaid.

    Returns True when a CREATED booking was cancelled (needs the API key; without it Wix keeps
    the unpaid booking, which does not appear on the business calendar).
    """
    record = guard.find(ref)
    client = get_client()
    if record is None or not record.booking_id or not client.has_api_key:
        return False
    try:
        booking = client.extended_bookings.get(record.booking_id)
        if booking.status != "CREATED":
            return False
        client.bookings.cancel(booking_id=booking.id, revision=booking.revision)
    except WixError as exc:
        # Starting over must still work for the customer; the stale booking stays unpaid.
        logger.warning(
            "could not cancel abandoned booking", extra={"ref": ref, "error": translate(exc).code}
        )
        return False
    guard.record(ref, state=Submission.State.DONE)
    service_id = BookingSnapshot.from_json(record.summary).service_id
    if service_id:
        forget_service_slots(service_id)
    return True
