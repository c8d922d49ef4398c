"""The slot a customer chose: kept in the draft, sent to Wix, or replaced by alternatives."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone as dj_timezone

from booking_site.errors import BookingError
from booking_site.services.availability import (
    SlotChoice,
    SlotFilter,
    choices,
    find_choice,
    forget_service_slots,
    last_bookable_month,
    month_slots,
    spots_left,
)
from booking_site.session import BookingDraft, ChosenSlot
from booking_site.wix import Service, TimeSlot
from booking_site.wix.models.slots import SlotLocation


def spots_left_for(service: Service, chosen: ChosenSlot) -> int | None:
    """Places left in the chosen class session, from the cached month window."""
    start = datetime.fromisoformat(chosen.local_start)
    for item in month_slots(service, start.date()).slots:
        if item.slot.event_id == chosen.event_id:
            return spots_left(item.slot)
    return None


def alternatives_for(service: Service, draft: BookingDraft, *, limit: int = 6) -> list[SlotChoice]:
    """The nearest bookable times to the draft's lost slot: same day and staff first.

    Read from the cached windows, which ``slot_lost`` dropped when Wix refused the slot: the
    list reflects the booking that took it, and showing it again costs no Wix call.
    """
    chosen = draft.slot
    if chosen is None:
        return []
    zone = ZoneInfo(draft.display_time_zone or chosen.time_zone)
    taken_start = datetime.fromisoformat(chosen.local_start).replace(
        tzinfo=ZoneInfo(chosen.time_zone)
    )
    month = taken_start.date().replace(day=1)
    minutes = draft.duration_minutes  # alternatives of the same length
    wanted = SlotFilter(duration_minutes=minutes)
    pool = choices(month_slots(service, month, minutes), display_zone=zone, filters=wanted)
    next_month = (month + timedelta(days=32)).replace(day=1)
    pool += choices(month_slots(service, next_month, minutes), display_zone=zone, filters=wanted)
    taken_day = taken_start.astimezone(zone).date()

    def rank(choice: SlotChoice) -> tuple[int, int, float]:
        same_day = 0 if choice.day == taken_day else 1
        staff = {r.id for r in choice.slot.resources}
        same_staff = 0 if chosen.staff_id and chosen.staff_id in staff else 1
        return (same_day, same_staff, abs((choice.start - taken_start).total_seconds()))

    fresh = [
        c
        for c in pool
        if not (c.slot.local_start == chosen.local_start and c.slot.event_id == chosen.event_id)
    ]
    return sorted(fresh, key=rank)[:limit]


def slot_lost(draft: BookingDraft) -> None:
    """Wix just refused the draft's slot (taken, full, gone): drop the service's cached windows.

    Called once, by the request that heard it from Wix, so the alternatives and everyone's
    calendar show it gone; the page listing the alternatives then only reads (never on a GET,
    which anyone could repeat to empty the cache for everyone).
    """
    if draft.service_id:
        forget_service_slots(draft.service_id)


def find_bookable(
    service: Service, key: str, *, display_zone: ZoneInfo, minutes: int | None = None
) -> SlotChoice:
    """The slot behind a customer's key, refused without a Wix call outside the bookable window.

    ``minutes`` is the duration variant the calendar listed the key's slot with.

    The window is the months the calendar offers (this month up to the booking horizon), with
    a month's margin either side for slots that change month in the display zone. A key for
    any other month (a far or past year, a crafted date) cannot be a slot we showed, and would
    cost a Wix call for an uncached month. Raises ``BookingError("slot_not_found")``.
    """
    month = _key_month(key)
    today = dj_timezone.now().astimezone(display_zone).date()
    first = (today.replace(day=1) - timedelta(days=1)).replace(day=1)
    last = (last_bookable_month(service, today=today) + timedelta(days=32)).replace(day=1)
    if month is None or not first <= month <= last:
        raise BookingError("slot_not_found")
    if key.startswith("a|") and key.endswith("|*|*"):
        return _any_free(service, key, month, display_zone=display_zone, minutes=minutes)
    return find_choice(service, key, display_zone=display_zone, minutes=minutes)


def _any_free(
    service: Service, key: str, month: date, *, display_zone: ZoneInfo, minutes: int | None
) -> SlotChoice:
    """A clock time shown for "anyone, anywhere": the first free slot at that time (of the
    chosen length ``minutes``, None for the service's own).

    Nobody is named yet: the person is picked from Wix's answer right before Create Booking
    (``slot_recheck``), so the draft never promises someone who may be gone by then.
    """
    start, end = key.split("|")[1:3]
    for choice in choices(
        month_slots(service, month, minutes),
        display_zone=display_zone,
        filters=SlotFilter(duration_minutes=minutes),
    ):
        slot = choice.slot
        if slot.local_start == start and slot.local_end == end and not slot.event_id:
            return dataclasses.replace(choice, staff_id=None, staff_names=())
    raise BookingError("slot_not_found")


def _key_month(key: str) -> date | None:
    """The first of the month a slot key's business-local start falls in, if it has one."""
    parts = key.split("|")
    try:
        return datetime.strptime(parts[1], "%Y-%m-%dT%H:%M:%S").date().replace(day=1)
    except (IndexError, ValueError):
        return None


def chosen_from(choice: SlotChoice) -> ChosenSlot:
    """What the draft keeps of a slot choice."""
    slot = choice.slot
    location = slot.location
    return ChosenSlot(
        service_id=slot.service_id,
        local_start=slot.local_start,
        local_end=slot.local_end,
        time_zone=slot.time_zone,
        schedule_id=slot.schedule_id,
        event_id=slot.event_id,
        staff_id=choice.staff_id,
        # One name only, for the one person chosen; "anyone" names nobody (never a list).
        staff_name=_chosen_name(choice),
        any_staff=_anyone(choice),
        location_id=location.id if location else None,
        location_type=location.type if location else None,
        location_name=location.name if location else None,
        location_address=location.address if location else None,
    )


def _anyone(choice: SlotChoice) -> bool:
    """An appointment chosen without a person, where Wix has people to assign."""
    slot = choice.slot
    return not slot.event_id and choice.staff_id is None and bool(slot.resources)


def _chosen_name(choice: SlotChoice) -> str | None:
    if choice.slot.event_id:
        # A class has its one teacher, whom Wix names on the slot.
        return choice.staff_names[0] if len(choice.staff_names) == 1 else None
    if choice.staff_id is None:
        return None
    by_id = {r.id: r.name for r in choice.slot.resources}
    return by_id.get(choice.staff_id) or (choice.staff_names[0] if choice.staff_names else None)


def time_slot_of(chosen: ChosenSlot) -> TimeSlot:
    """The slot a draft keeps, as the client's ``TimeSlot`` for Create Booking.

    The local times are Wix's own strings, kept verbatim (docs/wix-contract.md §6.2).
    """
    location = None
    if chosen.location_type:
        location = SlotLocation(
            id=chosen.location_id,
            name=chosen.location_name,
            address=chosen.location_address,
            type=chosen.location_type,
        )
    return TimeSlot(
        service_id=chosen.service_id,
        local_start=chosen.local_start,
        local_end=chosen.local_end,
        time_zone=chosen.time_zone,
        bookable=True,
        location=location,
        schedule_id=chosen.schedule_id,
        event_id=chosen.event_id,
    )
