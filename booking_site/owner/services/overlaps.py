"""Owner mode, overlaps: the staff member's existing bookings that a chosen time would overlap.

Shown on the review page before staff book, so a typed time (which skips Wix's availability
check) or an override never double-books anyone by surprise; Wix's own ``doubleBooked`` flag
on the result page only says so afterwards. Read live (never cached) with the API key, which
owner mode always has, from Query Extended Bookings (docs/wix-contract.md §8).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, tzinfo

from booking_site.owner.services.choosing import slot_times
from booking_site.owner.session import OwnerDraft
from booking_site.wix import Booking, WixError, get_client

logger = logging.getLogger("booking_site.owner")

# Bookings that hold their time: made, waiting for payment or for the owner's approval.
HOLDING = ("CONFIRMED", "PENDING", "CREATED")


@dataclass(frozen=True)
class Overlap:
    """An existing booking of the same staff member that shares some of the chosen time."""

    start: datetime
    end: datetime
    customer: str
    what: str | None


@dataclass(frozen=True)
class OverlapCheck:
    """The answer for the review page: ``checked`` False when Wix could not be asked (or the
    time names nobody to check), ``found`` the overlapping bookings in time order."""

    checked: bool
    staff_name: str | None
    found: tuple[Overlap, ...] = ()


def _overlap(booking: Booking, zone: tzinfo | None) -> Overlap | None:
    if booking.start is None or booking.end is None:
        return None
    name = " ".join(p for p in (booking.contact.first_name, booking.contact.last_name) if p)
    return Overlap(
        start=booking.start.astimezone(zone),
        end=booking.end.astimezone(zone),
        customer=name,
        what=booking.title,
    )


def overlapping_bookings(draft: OwnerDraft) -> OverlapCheck:
    """The chosen staff member's bookings overlapping the draft's time; never raises.

    Class sessions are not checked here (their capacity is: ``rules.places_left``).
    """
    slot = draft.slot
    if slot is None or slot.event_id or not slot.staff_id:
        return OverlapCheck(checked=False, staff_name=None)
    start, end = slot_times(slot)
    assert start is not None
    assert end is not None
    try:
        found = get_client().extended_bookings.query(
            resource_id=slot.staff_id, starts_before=end, ends_after=start, statuses=HOLDING
        )
    except WixError as exc:
        logger.info("overlap check unavailable: %s", exc)
        return OverlapCheck(checked=False, staff_name=slot.staff_name)
    overlaps = [_overlap(e.booking, start.tzinfo) for e in found]
    ordered = sorted((o for o in overlaps if o is not None), key=lambda o: o.start)
    return OverlapCheck(checked=True, staff_name=slot.staff_name, found=tuple(ordered))
