"""After submit: what Wix says became of the booking, resuming payment, and starting over.

The return URL proves nothing (wix-api.md §10): the status always comes from Wix. With the API
key it is the booking itself (Query Extended Bookings by id). Without it, a visitor cannot read
bookings, so the outcome is inferred from the order Wix reports on the thank-you callback.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from booking_site.errors import BookingError
from booking_site.models import Submission
from booking_site.services import submission as guard
from booking_site.services.availability import forget_service_slots
from booking_site.services.wix_errors import translate, wix_errors
from booking_site.wix import VisitorTokens, WixError, get_client

logger = logging.getLogger(__name__)

Status = Literal["confirmed", "pending", "awaiting_payment", "cancelled", "declined", "received"]
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
    summary: dict[str, Any]
    can_resume_payment: bool
    verified: bool  # read from the booking itself (API key), not inferred

    @property
    def start(self) -> datetime | None:
        """Start in the business zone (appointments and classes) or UTC (courses)."""
        return _moment(self.summary, "local_start", "course_start")

    @property
    def end(self) -> datetime | None:
        return _moment(self.summary, "local_end", "course_end")


def _moment(summary: dict[str, Any], local_key: str, course_key: str) -> datetime | None:
    try:
        if summary.get(local_key):
            zone = ZoneInfo(str(summary.get("time_zone") or "UTC"))
            return datetime.fromisoformat(str(summary[local_key])).replace(tzinfo=zone)
        if summary.get(course_key):
            return datetime.fromisoformat(str(summary[course_key]))
    except (ValueError, ZoneInfoNotFoundError):
        return None
    return None


def booking_outcome(ref: str, *, order_id: str | None = None) -> BookingOutcome:
    """Ask Wix what became of the booking submitted under ``ref``.

    Raises ``BookingError("booking_not_found")`` when ``ref`` never made a booking, and
    ``temporarily_unavailable`` when Wix can't be asked right now.
    """
    record = guard.find(ref)
    if record is None or not record.booking_id:
        raise BookingError("booking_not_found")
    client = get_client()
    if client.has_api_key:
        with wix_errors():
            booking = client.extended_bookings.get(record.booking_id)
        status = _BY_WIX_STATUS.get(booking.status, "awaiting_payment")
        if booking.revision != record.booking_revision:
            guard.record(ref, booking_revision=booking.revision)
        return _outcome(record, status, booking.payment_status, verified=True)
    if record.state == Submission.State.DONE or (order_id or record.order_id):
        if order_id and not record.order_id:
            guard.record(ref, order_id=order_id[:64])
        return _outcome(record, "received", None, verified=False)
    return _outcome(record, "awaiting_payment", None, verified=False)


def _outcome(
    record: Submission, status: Status, payment_status: str | None, *, verified: bool
) -> BookingOutcome:
    return BookingOutcome(
        ref=record.ref,
        status=status,
        booking_id=record.booking_id,
        payment_status=payment_status,
        summary=dict(record.summary or {}),
        can_resume_payment=status == "awaiting_payment" and bool(record.ecom_id),
        verified=verified,
    )


def resume_payment(
    *, ref: str, visitor_tokens: dict[str, Any] | None, return_url: str, thank_you_url: str
) -> tuple[str, dict[str, Any] | None]:
    """A fresh hosted-checkout URL for the same cart/checkout (a session URL works once).

    Returns the URL and the (possibly refreshed) visitor tokens to keep.
    """
    record = guard.find(ref)
    if record is None or not record.ecom_id:
        raise BookingError("booking_not_found")
    tokens = VisitorTokens.from_dict(visitor_tokens) if visitor_tokens else None
    scope = get_client().for_visitor(tokens)
    with wix_errors():
        session = scope.redirects.create_for_checkout(
            checkout_id=record.ecom_id, post_flow_url=return_url, thank_you_url=thank_you_url
        )
    new_tokens = scope.tokens
    return session.full_url, new_tokens.to_dict() if new_tokens else None


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
    service_id = (record.summary or {}).get("service_id")
    if service_id:
        forget_service_slots(service_id)
    return True
