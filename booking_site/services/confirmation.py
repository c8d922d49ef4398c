"""Confirm-or-Decline that survives a lost answer, for the customer's and the staff submit.

Confirm-or-Decline (docs/wix-contract.md §7.1) has no idempotency key either, but it is safe to find
out what it did: Wix answers a repeat on a CONFIRMED or PENDING booking with 428
``BOOKING_STATUS_ALREADY_SET`` (§14.1, §14.4), and the booking can be read back (API key).
So a write whose answer never arrived, or arrived unreadable, is "outcome unknown" until the
booking is read: CONFIRMED/PENDING/DECLINED is what it did, CREATED means it did not run.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from booking_site.errors import BookingError
from booking_site.services.wix_errors import already_ordered, already_set, answer_lost
from booking_site.wix import Booking, WixError, get_client

if TYPE_CHECKING:
    from booking_site.wix.resources.ecom import EcomAPI

# Statuses a Confirm-or-Decline leaves behind (§7.1): it ran, whatever we were told.
_SETTLED = frozenset({"CONFIRMED", "PENDING", "DECLINED"})


def confirm_or_decline(*, booking_id: str, payment_status: str) -> Booking | None:
    """Confirm (or decline) ``booking_id`` once; the booking as Wix now has it.

    Returns None when Wix says the status is already set but the booking can't be read right
    now: it is settled, only its details are unknown. Raises ``BookingError``:
    ``outcome_pending`` while a lost answer can't be checked, or Wix's translated refusal
    (raised as ``WixError`` for the caller's own translation).
    """
    client = get_client()
    try:
        return client.bookings.confirm_or_decline(
            booking_id=booking_id, payment_status=payment_status
        )
    except WixError as exc:
        if already_set(exc):
            return _read_back_or_none(booking_id)
        if not answer_lost(exc):
            raise
        lost = exc
    booking = _read_back(booking_id, lost)
    if str(booking.status) in _SETTLED:
        return booking
    # Still CREATED: the lost request never ran, so asking again cannot settle it twice.
    try:
        return client.bookings.confirm_or_decline(
            booking_id=booking_id, payment_status=payment_status
        )
    except WixError as exc:
        if already_set(exc):
            return _read_back_or_none(booking_id)
        if answer_lost(exc):
            raise BookingError("outcome_pending", wix_request_id=_request_id(exc)) from exc
        raise


def _read_back(booking_id: str, lost: WixError) -> Booking:
    try:
        return get_client().extended_bookings.get(booking_id)
    except WixError as exc:
        # Can't tell yet whether it was confirmed: the next try reads again before writing.
        raise BookingError("outcome_pending", wix_request_id=_request_id(exc)) from lost


def _read_back_or_none(booking_id: str) -> Booking | None:
    try:
        return get_client().extended_bookings.get(booking_id)
    except WixError:
        return None


def _request_id(exc: WixError) -> str | None:
    return getattr(exc, "request_id", None)


def place_order(ecom: EcomAPI, ecom_id: str, *, price_token: str | None = None) -> str:
    """Place the order of a free, pay-in-person or plan-paid cart (visitor); its order id.

    Repeating it is safe, because Wix orders a cart only once and its refusal carries the
    order id. Raises ``BookingError("outcome_pending")`` when the answer was lost (the next try
    places again and learns the order), and ``WixError`` for any other refusal.
    """
    try:
        return ecom.place_order(ecom_id, price_token=price_token).order_id
    except WixError as exc:
        earlier = already_ordered(exc)
        if earlier is not None:
            return earlier
        if answer_lost(exc):
            raise BookingError("outcome_pending", wix_request_id=_request_id(exc)) from exc
        raise
