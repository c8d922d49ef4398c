"""When Create Booking's answer is lost: find out from Wix before anyone may try again.

Create Booking has no idempotency key (wix-api.md §14.4). Our reference travels as the
booking's ``externalUserId``, so with the API key we can ask Wix whether a timed-out request
made a booking, adopt it if so, and only otherwise let the customer submit again.
"""

from __future__ import annotations

from booking_site.errors import BookingError
from booking_site.models import Submission
from booking_site.services import submission as guard
from booking_site.services.wix_errors import translate, wix_errors
from booking_site.wix import Booking, WixConnectionError, WixError, WixServerError, get_client

State = Submission.State


def resolve_unknown(record: Submission) -> None:
    """After a Create Booking timeout: adopt the booking if Wix has it, else allow a retry.

    Without the API key Wix cannot be asked, and creating again could double the booking, so
    the customer is told it is still being processed instead.
    """
    if not get_client().has_api_key:
        raise BookingError("outcome_unknown")
    try:
        found = lookup_by_ref(record.ref)
    except BookingError as exc:
        # Still can't tell: never create again blindly; the customer may simply retry later.
        raise BookingError("outcome_pending", wix_request_id=exc.wix_request_id) from exc
    if found is not None:
        guard.record(
            record.ref, state=State.CREATED, booking_id=found.id, booking_revision=found.revision
        )
    else:
        guard.record(record.ref, state=State.FAILED)


def lookup_by_ref(ref: str) -> Booking | None:
    """The Wix booking made under our reference (``externalUserId``), via the API key."""
    client = get_client()
    if not client.has_api_key:
        return None
    with wix_errors():
        found = client.extended_bookings.query(external_user_id=ref)
    return found[0].booking if found else None


def answer_lost(exc: WixError) -> bool:
    """Whether Create Booking may have run although no answer came back.

    A timeout or broken connection, or Wix's own gateway timing out (504). Other 5xx and
    throttling mean the request was refused before it ran.
    """
    if isinstance(exc, WixConnectionError):
        return True
    return isinstance(exc, WixServerError) and exc.status == 504


def find_after_lost_answer(ref: str, exc: WixError) -> Booking:
    """The booking a Create Booking with a lost answer made, or an honest error.

    Raises ``outcome_unknown`` without the API key (Wix can't be asked), ``outcome_pending``
    when the lookup fails too, and the translated ``exc`` once Wix says there is no booking.
    The row stays UNKNOWN, so the next submit checks Wix again before creating anything.
    """
    if not get_client().has_api_key:
        raise BookingError("outcome_unknown") from exc
    try:
        found = lookup_by_ref(ref)
    except BookingError as lookup_failed:
        raise BookingError("outcome_pending", wix_request_id=lookup_failed.wix_request_id) from exc
    if found is None:
        raise translate(exc) from exc
    return found
