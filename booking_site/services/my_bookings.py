"""A signed-in member's bookings from Wix, upcoming and past, with their manage links.

Wix documents Query Extended Bookings for app identities only (docs/wix-contract.md §8,
§27.3), so the member's bookings are read with the API key, filtered on the member who made
them (``createdBy.id.memberId``: a booking made while signed in). A booking this site made has
our reference as ``externalUserId``; it then gets the manage link of "Manage my booking"
(``services/manage.py``), whose page offers cancel and reschedule where Wix allows them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from booking_site.member_session import SignedIn
from booking_site.models import Submission
from booking_site.services import manage
from booking_site.services.wix_errors import wix_errors
from booking_site.wix import Booking, get_client

# Statuses a customer still has a booking in (the others are history or never happened).
_OPEN = frozenset({"CONFIRMED", "PENDING", "WAITING_LIST"})
_SHOWN = _OPEN | {"CANCELED", "DECLINED"}
MAX_MANAGE_LINKS = 20


@dataclass(frozen=True)
class MyBooking:
    """One of the member's bookings; ``manage_token`` opens its manage page (None: none)."""

    booking: Booking
    service_name: str
    manage_token: str | None


@dataclass(frozen=True)
class MyBookings:
    """Upcoming (soonest first) and past (latest first); ``needs_api_key`` when unreadable."""

    upcoming: tuple[MyBooking, ...]
    past: tuple[MyBooking, ...]
    needs_api_key: bool = False


def my_bookings(signed_in: SignedIn, *, now: datetime | None = None) -> MyBookings:
    """The member's bookings; raises ``BookingError`` when Wix can't be read."""
    now = now or datetime.now(UTC)
    client = get_client()
    if not client.has_api_key:
        return MyBookings((), (), needs_api_key=True)
    with wix_errors():
        found = client.extended_bookings.query(member_id=signed_in.member_id, limit=100)
    bookings = [e.booking for e in found if str(e.booking.status) in _SHOWN]
    names = _our_names([b.external_user_id for b in bookings if b.external_user_id])
    upcoming = sorted(
        (b for b in bookings if b.end and b.end > now and str(b.status) in _OPEN),
        key=lambda b: b.start or now,
    )
    past = sorted(
        (b for b in bookings if b not in upcoming),
        key=lambda b: b.start or now,
        reverse=True,
    )
    return MyBookings(
        tuple(
            MyBooking(b, names.get(b.external_user_id or "", b.title or ""), _token(b, n))
            for n, b in enumerate(upcoming)
        ),
        tuple(MyBooking(b, names.get(b.external_user_id or "", b.title or ""), None) for b in past),
    )


def _token(booking: Booking, position: int) -> str | None:
    """The manage link of a booking this site made (minted on first showing, bounded)."""
    if not booking.external_user_id or position >= MAX_MANAGE_LINKS:
        return None
    return manage.mint_for(booking.external_user_id)


def _our_names(refs: list[str]) -> dict[str, str]:
    """Service names of the bookings this site made, from their stored snapshots."""
    rows = Submission.objects.filter(ref__in=refs).values_list("ref", "summary")
    names = {}
    for ref, summary in rows:
        if isinstance(summary, dict) and isinstance(summary.get("service_name"), str):
            names[ref] = summary["service_name"]
    return names
