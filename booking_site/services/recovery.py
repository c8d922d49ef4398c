"""When Create Booking's answer is lost: find out from Wix before anyone may try again.

Create Booking has no idempotency key (wix-api.md §14.4). Our reference travels as the
booking's ``externalUserId``, so with the API key we can ask Wix whether a request whose answer
never arrived (a timeout, a dropped connection, an empty or unreadable 2xx) made a booking,
adopt it if so, and only otherwise let the request create again. The customer's submit and the
staff submit both create through ``create_once``, so the two never drift apart.
"""

from __future__ import annotations

from collections.abc import Callable

from booking_site.errors import BookingError
from booking_site.models import Submission
from booking_site.services import submission as guard
from booking_site.services.wix_errors import answer_lost, translate, wix_errors
from booking_site.wix import Booking, WixError, get_client

State = Submission.State


def create_once(ref: str, create: Callable[[], Booking]) -> Booking:
    """The booking for ``ref``: adopted from Wix after an earlier lost answer, or ``create()``d.

    The caller holds the submit claim on ``ref`` and records the booking it gets back. Raises
    ``BookingError``: the translated refusal (row FAILED, a retry may create), or
    ``outcome_unknown`` (no API key to ask) / ``outcome_pending`` (the look-up failed too)
    while Wix can't tell; the row then stays UNKNOWN, so the next try asks Wix first again.
    """
    record = guard.find(ref)
    if record is not None and record.state == State.UNKNOWN:
        found = _look_up(ref, cause=None)
        if found is not None:
            return found
    try:
        return create()
    except BookingError:
        guard.record(ref, state=State.FAILED)
        raise
    except WixError as exc:
        if not answer_lost(exc):
            guard.record(ref, state=State.FAILED)
            raise translate(exc) from exc
        # Wix may or may not have created it: find out before anyone may try again.
        guard.record(ref, state=State.UNKNOWN)
        found = _look_up(ref, cause=exc)
        if found is None:
            # Not there (yet): the row stays UNKNOWN, so the next try asks again first, in
            # case Wix finishes the lost request late.
            raise translate(exc) from exc
        return found


def lookup_by_ref(ref: str) -> Booking | None:
    """The Wix booking made under our reference (``externalUserId``), via the API key."""
    client = get_client()
    if not client.has_api_key:
        return None
    with wix_errors():
        found = client.extended_bookings.query(external_user_id=ref)
    return found[0].booking if found else None


def _look_up(ref: str, *, cause: WixError | None) -> Booking | None:
    """Ask Wix whether ``ref`` made a booking; raise while that can't be known."""
    if not get_client().has_api_key:
        # Creating again could double the booking, and Wix can't be asked.
        raise BookingError("outcome_unknown") from cause
    try:
        return lookup_by_ref(ref)
    except BookingError as lookup_failed:
        # Still can't tell: never create again blindly; the customer may simply retry later.
        raise BookingError("outcome_pending", wix_request_id=lookup_failed.wix_request_id) from (
            cause or lookup_failed
        )
