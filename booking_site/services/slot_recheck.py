"""The last look at a chosen slot before Create Booking, and the person it books.

Wix's booking flow re-validates the slot right before Create Booking (docs/wix-contract.md
§24): Get Availability Time Slot for an appointment, Get Event Time Slot for a class. A CREATED
booking holds nothing at Wix (§6.3), so the calendar the customer looked at may be minutes old.

"Anyone available" is the dangerous case: sent without a ``resource``, Wix checks
availability and assigns a person only at confirmation (after payment), so a customer could
pay for a time that is gone. So the re-check's answer, which lists every free staff member,
gives one concrete person, and Create Booking is sent with that ``resource``: Wix then checks
that person's time at creation and refuses a taken slot before any payment. The name shown
afterwards is the one Wix put on the booking.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from booking_site.errors import BookingError
from booking_site.services.snapshot import BookingSnapshot
from booking_site.services.wix_errors import translate
from booking_site.wix import Booking, TimeSlot, WixClient, WixError, WixNotFound, get_client
from booking_site.wix.models.slots import SlotLocation

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Rechecked:
    """What the re-check found: the staff member to book (None: nobody to pin), and name."""

    staff_id: str | None
    staff_name: str | None = None


def recheck_slot(
    slot: TimeSlot,
    *,
    staff_id: str | None,
    participants: int,
    any_staff: bool,
    client: WixClient | None = None,
) -> Rechecked:
    """Ask Wix whether ``slot`` is still free for ``participants`` (one call).

    ``staff_id`` is the person the customer chose; with ``any_staff`` (and no ``staff_id``)
    the first free person Wix lists is returned to be booked. Raises ``BookingError``:
    ``slot_taken`` when Wix no longer has the slot (404 ``SLOT_NOT_FOUND``), it is not
    bookable, or the chosen person is no longer free; ``class_full`` for too few places;
    ``policy_violation`` outside the booking window. A failed re-check (Wix down, a timeout)
    does not stop a booking Create Booking checks itself (a named person, a class): it is
    logged and the chosen values go ahead; "anyone" can't be booked safely without it, so
    then the translated error is raised. ``client`` defaults to ``get_client()``.
    """
    try:
        fresh = _read(client or get_client(), slot, staff_id)
    except WixNotFound as exc:
        raise BookingError("slot_taken", wix_request_id=exc.request_id) from exc
    except WixError as exc:
        if any_staff and not staff_id and not slot.event_id:
            raise translate(exc) from exc
        logger.warning(
            "slot re-check failed; Create Booking checks it",
            extra={"wix_request_id": getattr(exc, "request_id", None)},
        )
        return Rechecked(staff_id)
    if slot.event_id:
        return _class_verdict(fresh, participants, staff_id)
    return _appointment_verdict(fresh, staff_id, any_staff)


def _read(client: WixClient, slot: TimeSlot, staff_id: str | None) -> TimeSlot:
    time_slots = client.time_slots
    if slot.event_id:
        return time_slots.get_event(event_id=slot.event_id, time_zone=slot.time_zone)
    return time_slots.get_availability(
        service_id=slot.service_id,
        local_start=slot.local_start,
        local_end=slot.local_end,
        time_zone=slot.time_zone,
        location=slot.location,
        staff_id=staff_id,
    )


def _refused(fresh: TimeSlot) -> BookingError | None:
    if fresh.too_early or fresh.too_late or fresh.book_online_disabled:
        return BookingError("policy_violation")
    if not fresh.bookable:
        return BookingError("slot_taken")
    return None


def _class_verdict(fresh: TimeSlot, participants: int, staff_id: str | None) -> Rechecked:
    places = fresh.bookable_capacity
    if places is None:
        places = fresh.remaining_capacity
    if places is not None and places < participants:
        raise BookingError("class_full")
    refused = _refused(fresh)
    if refused is not None:
        raise refused
    return Rechecked(staff_id)


def _appointment_verdict(fresh: TimeSlot, staff_id: str | None, any_staff: bool) -> Rechecked:
    refused = _refused(fresh)
    if refused is not None:
        raise refused
    if staff_id:
        match = next((r for r in fresh.resources if r.id == staff_id), None)
        if match is None:
            raise BookingError("slot_taken")
        return Rechecked(staff_id, match.name)
    if any_staff and fresh.resources:
        person = fresh.resources[0]
        return Rechecked(person.id, person.name)
    return Rechecked(None)


def booked_snapshot(
    snapshot: BookingSnapshot, booking: Booking, rechecked: Rechecked
) -> BookingSnapshot:
    """The snapshot to keep, naming the one person Wix put on ``booking``.

    Wix's own answer comes first (``bookedEntity.slot.resource.name``); the re-check's name
    for the same person fills in when Create Booking echoes only the id. A booking Wix has not
    assigned anyone to yet keeps "anyone" (``any_staff``) and no name.
    """
    resource = booking.resource
    if resource is None:
        return snapshot
    name = resource.name or (rechecked.staff_name if rechecked.staff_id == resource.id else None)
    if not name:
        return snapshot.with_changes(staff_id=resource.id)
    return snapshot.with_changes(staff_id=resource.id, staff_name=name)


def named_from_wix(snapshot: BookingSnapshot, booking: Booking) -> BookingSnapshot:
    """``snapshot`` naming the person Wix has on ``booking`` now (it assigns "anyone" late)."""
    resource = booking.resource
    if resource is None or not resource.name or str(snapshot.service_type) == "COURSE":
        return snapshot
    if (resource.id, resource.name) == (snapshot.staff_id, snapshot.staff_name):
        return snapshot
    return snapshot.with_changes(staff_id=resource.id, staff_name=resource.name)


def still_free(snapshot: BookingSnapshot) -> bool:
    """Whether the unpaid booking's time is still free at Wix (one call).

    A CREATED booking holds nothing (docs/wix-contract.md §6.3): while its customer was away
    from checkout, someone else may have booked the time. False only when Wix says the slot,
    the person or the places are gone; a failed check counts as free (Wix's checkout and
    confirmation still decide).
    """
    if not snapshot.local_start or not snapshot.local_end or not snapshot.time_zone:
        return True
    location = None
    if snapshot.location_type:
        location = SlotLocation(
            id=snapshot.location_id,
            name=snapshot.location_name,
            address=snapshot.location_address,
            type=snapshot.location_type,
        )
    slot = TimeSlot(
        service_id=snapshot.service_id,
        local_start=snapshot.local_start,
        local_end=snapshot.local_end,
        time_zone=snapshot.time_zone,
        bookable=True,
        location=location,
        event_id=snapshot.event_id,
    )
    try:
        recheck_slot(
            slot, staff_id=snapshot.staff_id, participants=snapshot.participants, any_staff=False
        )
    except BookingError as refused:
        return refused.code not in ("slot_taken", "class_full")
    return True
