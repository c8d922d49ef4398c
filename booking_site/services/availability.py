"""Availability: a month of bookable slots for the calendar, one slot by key, alternatives.

One Wix call fetches a whole month window in the business's time zone and is cached for
``SLOTS_TTL`` seconds; staff and location filters and the customer's display time zone are
applied here, so switching them costs no Wix call. Slots are always re-derived from Wix: the
browser sends only a key, never times or prices.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone as dj_timezone

from booking_site.errors import BookingError
from booking_site.services import zones
from booking_site.services.caching import cached_read, invalidate_prefix_version, versioned_key
from booking_site.services.catalogue import site_info
from booking_site.services.window_memo import WindowMemo
from booking_site.services.wix_errors import wix_errors
from booking_site.wix import Service, SlotList, SlotResource, TimeSlot, get_client

SLOTS_TTL = 30  # availability is never older than this (issue: "about 30 s")
SEARCH_MONTHS_AHEAD = 6
# Nothing can be booked outside these years. A tampered key or date at the ends of Python's
# calendar (year 1, year 9999) would overflow the window's margins, and no Wix call is needed.
BOOKABLE_YEARS = range(2000, 2101)


@dataclass(frozen=True)
class SlotFilter:
    """What the customer narrowed the calendar to; ``duration_minutes``: a duration variant."""

    staff_id: str | None = None
    location_id: str | None = None
    duration_minutes: int | None = None


@dataclass(frozen=True)
class SlotChoice:
    """A bookable slot as shown to the customer, in their display time zone."""

    key: str
    slot: TimeSlot
    start: datetime
    end: datetime
    staff_names: tuple[str, ...]
    staff_id: str | None
    location_name: str | None
    spots_left: int | None

    @property
    def day(self) -> date:
        return self.start.date()


@dataclass(frozen=True)
class IndexedSlot:
    """A slot with its start and end already resolved to UTC (done once per cached window)."""

    slot: TimeSlot
    start_utc: datetime
    end_utc: datetime


@dataclass(frozen=True, eq=False)  # compared by identity: it keys the day-index memo
class MonthSlots:
    """A month window of slots as Wix listed them, sorted by start, in ``time_zone``."""

    time_zone: str
    slots: tuple[IndexedSlot, ...]

    @classmethod
    def index(cls, slot_list: SlotList) -> MonthSlots:
        indexed = (
            IndexedSlot(s, s.start.astimezone(UTC), s.end.astimezone(UTC)) for s in slot_list.slots
        )
        return cls(slot_list.time_zone, tuple(sorted(indexed, key=lambda i: i.start_utc)))


def _window(month: date) -> tuple[str, str]:
    # One day of margin each side: a slot near midnight may fall in this month once shown in
    # another zone. Local strings are Wix's LOCAL_DATE_TIME format (docs/wix-contract.md §4.1).
    first = month.replace(day=1) - timedelta(days=1)
    last = month.replace(day=calendar.monthrange(month.year, month.month)[1]) + timedelta(days=2)
    return f"{first.isoformat()}T00:00:00", f"{last.isoformat()}T00:00:00"


def month_slots(service: Service, month: date, minutes: int | None = None) -> MonthSlots:
    """All bookable slots of ``service`` around ``month``, from cache or one Wix call (none
    outside ``BOOKABLE_YEARS``). ``minutes``: a duration variant, asked of Time Slots (§21.3),
    except the service's own length, listed unasked in the window warm start and prefetch fill.
    """
    if month.year not in BOOKABLE_YEARS:
        return MonthSlots("UTC", ())
    if minutes is not None and minutes == next(iter(service.durations_minutes), None):
        minutes = None
    from_local, to_local = _window(month)
    length = f":{minutes}" if minutes else ""  # a duration variant's windows are kept apart
    key = versioned_key(f"slots:{service.id}", f"{month:%Y-%m}{length}")

    def load() -> MonthSlots:
        slots = get_client().time_slots
        if service.type == "CLASS":
            return MonthSlots.index(
                slots.list_events(
                    service_ids=[service.id],
                    from_local=from_local,
                    to_local=to_local,
                    time_zone=None,
                    include_non_bookable=True,  # full sessions are shown as "Full"
                )
            )
        return MonthSlots.index(
            slots.list_availability(
                service_id=service.id,
                from_local=from_local,
                to_local=to_local,
                time_zone=None,
                bookable_only=True,
                include_staff=True,
                duration_minutes=minutes,
            )
        )

    with wix_errors():
        return cached_read(key, load, ttl=SLOTS_TTL, stale_ttl=300)


def business_zone(service: Service) -> ZoneInfo:
    """The business's time zone, never an error (``services.zones``).

    Site Properties, else a Time Slots echo (§2; for a course another service's, §22), else
    the ``WIX_BUSINESS_TIME_ZONE`` setting, else UTC.
    """
    return zones.zone_named(site_info().time_zone or zones.echoed_zone(service, month_slots))


def forget_service_slots(service_id: str) -> None:
    """Our own booking changed this service's availability: drop its cached windows."""
    invalidate_prefix_version(f"slots:{service_id}")


def slot_key(slot: TimeSlot, staff_id: str | None) -> str:
    """The key a slot button submits: enough to find the slot again in Wix's answer.

    It starts with the slot's business-local start, whose month names the cached window.
    """
    if slot.event_id:
        return f"e|{slot.local_start}|{slot.event_id}"
    location = slot.location.id if slot.location and slot.location.id else ""
    return f"a|{slot.local_start}|{slot.local_end}|{location}|{staff_id or '*'}"


@dataclass(frozen=True)
class Match:
    """A slot that passes the customer's filters, with the staff who can take it."""

    item: IndexedSlot
    staff: tuple[SlotResource, ...]
    staff_id: str | None


def matching(month: MonthSlots, *, filters: SlotFilter, now: datetime | None = None) -> list[Match]:
    """The bookable, future slots that pass the staff and location filters, in start order."""
    now = now or dj_timezone.now()
    result = []
    for item in month.slots:
        slot = item.slot
        if not slot.bookable or item.start_utc <= now:
            continue
        staff = slot.resources
        if filters.staff_id:
            staff = tuple(r for r in staff if r.id == filters.staff_id)
            if not staff:
                continue
        if filters.location_id and (not slot.location or slot.location.id != filters.location_id):
            continue
        result.append(Match(item, staff, filters.staff_id if not slot.event_id else None))
    return result


def to_choice(match: Match, display_zone: ZoneInfo) -> SlotChoice:
    """What the customer sees of a matching slot, in their display zone."""
    slot = match.item.slot
    return SlotChoice(
        key=slot_key(slot, match.staff_id),
        slot=slot,
        start=match.item.start_utc.astimezone(display_zone),
        end=match.item.end_utc.astimezone(display_zone),
        staff_names=tuple(r.name or "" for r in match.staff),
        staff_id=match.staff_id,
        location_name=slot.location.name if slot.location else None,
        spots_left=spots_left(slot),
    )


def choices(
    month: MonthSlots, *, display_zone: ZoneInfo, filters: SlotFilter, now: datetime | None = None
) -> list[SlotChoice]:
    """Turn Wix slots into customer choices: filtered, future, bookable, in the display zone."""
    return [to_choice(m, display_zone) for m in matching(month, filters=filters, now=now)]


def spots_left(slot: TimeSlot) -> int | None:
    if not slot.event_id:
        return None
    if slot.bookable_capacity is not None:
        return slot.bookable_capacity
    return slot.remaining_capacity


# Many customers look at the same month with the same filters: its day index is kept per cached
# window (weakly: it goes when the window leaves the cache) and per minute, as slots expire.
_day_index: WindowMemo[MonthSlots, dict[date, list[Match]]] = WindowMemo(per_window=64)


def days_by_zone(
    month: MonthSlots, *, filters: SlotFilter, display_zone: ZoneInfo
) -> dict[date, list[Match]]:
    """``days_of(matching(month))``, memoized per window, filters, zone and minute."""
    now = dj_timezone.now()
    key = (filters, str(display_zone.key), now.replace(second=0, microsecond=0))
    found = _day_index.get(month, key)
    if found is not None:
        return found
    days = days_of(matching(month, filters=filters, now=now), display_zone)
    _day_index.put(month, key, days)
    return days


def days_of(matches: Iterable[Match], display_zone: ZoneInfo) -> dict[date, list[Match]]:
    """Group matches by their day in the display zone (they arrive in start order)."""
    days: dict[date, list[Match]] = {}
    for match in matches:
        days.setdefault(match.item.start_utc.astimezone(display_zone).date(), []).append(match)
    return days


def last_bookable_month(service: Service, *, today: date) -> date:
    """The last month worth showing: the policy's booking horizon, at most six months ahead.

    Beyond "book up to N days ahead" Wix only lists non-bookable slots, so asking for those
    months would spend Wix calls on empty calendars.
    """
    limit = today.replace(day=1)
    for _ in range(SEARCH_MONTHS_AHEAD):
        limit = (limit + timedelta(days=32)).replace(day=1)
    early = service.policy.early_limit_minutes
    if early:
        horizon = (today + timedelta(minutes=early)).replace(day=1)
        limit = min(limit, horizon)
    return limit


def next_available_month(
    service: Service, after: date, *, display_zone: ZoneInfo, filters: SlotFilter, last: date
) -> date | None:
    """The first month after ``after`` (up to ``last``) with a bookable slot."""
    month = after.replace(day=1)
    while month < last:
        month = (month + timedelta(days=32)).replace(day=1)
        window = month_slots(service, month, filters.duration_minutes)
        days = days_of(matching(window, filters=filters), display_zone)
        if any(day.month == month.month and day.year == month.year for day in days):
            return month
    return None


def find_choice(
    service: Service, key: str, *, display_zone: ZoneInfo, minutes: int | None = None
) -> SlotChoice:
    """The current slot behind a submitted key (listed for ``minutes``), re-derived from Wix;
    ``BookingError("slot_not_found")`` for an unknown, malformed or gone key."""
    parts = key.split("|")
    if not (parts[0] == "a" and len(parts) == 5) and not (parts[0] == "e" and len(parts) == 3):
        raise BookingError("slot_not_found")
    try:
        month = datetime.strptime(parts[1], "%Y-%m-%dT%H:%M:%S").date().replace(day=1)
    except ValueError as exc:
        raise BookingError("slot_not_found") from exc
    staff_id = parts[4] if parts[0] == "a" and parts[4] != "*" else None
    wanted = SlotFilter(staff_id=staff_id, duration_minutes=minutes)
    found = choices(month_slots(service, month, minutes), display_zone=display_zone, filters=wanted)
    for choice in found:
        if choice.key == key:
            return choice
    raise BookingError("slot_not_found")
