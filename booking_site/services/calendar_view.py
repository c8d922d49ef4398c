"""The month grid of the slot calendar: which days have times, and the chosen day's slots.

Typed values only: the labels, query strings and markup are ``presentation.calendar``'s and
the templates'.
"""

from __future__ import annotations

import calendar
import dataclasses
from dataclasses import dataclass
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone as dj_timezone

from booking_site.services import prefetch
from booking_site.services.availability import (
    Match,
    MonthSlots,
    SlotChoice,
    SlotFilter,
    days_by_zone,
    last_bookable_month,
    month_slots,
    next_available_month,
    spots_left,
    to_choice,
)
from booking_site.services.window_memo import WindowMemo
from booking_site.wix import Service


@dataclass(frozen=True)
class CalendarDay:
    """One day of the month grid: its date, how many times it has, and its state."""

    day: date
    in_month: bool
    slot_count: int
    past: bool
    selected: bool
    full_count: int = 0  # class sessions with no place left (shown as "Full")


@dataclass(frozen=True)
class MonthCalendar:
    """A month of one service's availability as one customer narrowed and placed it.

    ``weeks`` are Monday-first rows of the grid (days of the adjacent months included, with
    ``in_month`` False); ``day_slots`` are the selected day's times in ``display_time_zone``;
    ``many_locations`` says whether a slot must name its location; ``moved_from`` is the day
    the customer asked for when it has no times with their filters and the nearest day with
    times is shown instead; ``bookable_until`` the last day bookings are open for (the policy's
    horizon, else the end of the last month offered); ``next_free_day`` the first day with
    times after an empty month.
    """

    month: date
    today: date
    weeks: tuple[tuple[CalendarDay, ...], ...]
    previous_month: date | None
    next_month: date | None
    selected_day: date | None
    day_slots: tuple[SlotChoice, ...]
    next_available: date | None
    display_time_zone: str
    business_time_zone: str
    filters: SlotFilter
    many_locations: bool
    moved_from: date | None = None
    bookable_until: date | None = None
    next_free_day: date | None = None

    @property
    def has_slots(self) -> bool:
        return any(cell.slot_count for week in self.weeks for cell in week if cell.in_month)


def month_calendar(
    service: Service,
    *,
    month: date | None,
    selected: date | None,
    display_zone: ZoneInfo,
    filters: SlotFilter,
) -> MonthCalendar:
    """Build the month grid for ``month`` (default: the selected day's month, or this month).

    When no day is selected, the first day with times is, so the first available times are in
    the page's initial HTML. Raises ``BookingError`` when Wix fails and nothing is cached.

    A month with times is built once per cached window, service, choice and minute (the
    same granularity as ``days_by_zone``), then the same value is returned: every visitor
    looking at one month costs one grid, not one each.
    """
    today = dj_timezone.now().astimezone(display_zone).date()
    first_month = today.replace(day=1)
    month = (month or selected or today).replace(day=1)
    month = max(month, first_month)
    last_month = last_bookable_month(service, today=today)
    month = min(month, last_month)
    slot_list = month_slots(service, month, filters.duration_minutes)
    if filters.duration_minutes is None:  # a chosen length's windows are not prefetched
        prefetch.next_month(service, month, last=last_month)  # the customer's likely next click
    minute = dj_timezone.now().replace(second=0, microsecond=0)
    key = (id(service), month, selected, str(display_zone.key), filters, today, minute)
    built = _built.get(slot_list, key)
    if built is not None and built[0] is service:
        return built[1]
    result = _build(service, slot_list, month, selected, display_zone, filters, today, last_month)
    # An empty month also read the months after it (next_available_month): not memoized, as
    # its value depends on windows other than ``slot_list``.
    if result.next_available is None and result.has_slots:
        _built.put(slot_list, key, (service, result))
    return result


# Built grids by window, then by the service object (kept in the value so that its id is not
# reused while the entry lives), the choices and the minute.
_built: WindowMemo[MonthSlots, tuple[Service, MonthCalendar]] = WindowMemo(per_window=256)


def _build(
    service: Service,
    slot_list: MonthSlots,
    month: date,
    selected: date | None,
    display_zone: ZoneInfo,
    filters: SlotFilter,
    today: date,
    last_month: date,
) -> MonthCalendar:
    """The month grid itself (``month_calendar``'s uncached part)."""
    first_month = today.replace(day=1)
    days = days_by_zone(slot_list, filters=filters, display_zone=display_zone)
    in_month = {d: m for d, m in days.items() if (d.year, d.month) == (month.year, month.month)}
    full = _full_by_day(slot_list, month, display_zone, filters) if service.type == "CLASS" else {}
    moved_from = None
    if selected in full and selected not in in_month:
        pass  # only full sessions that day: shown as such, not moved away from
    elif selected is not None and selected not in in_month and in_month:
        # A filter (or a stale link) emptied the asked-for day: the nearest day, earlier on a tie.
        if (selected.year, selected.month) == (month.year, month.month):
            moved_from = selected
        asked = selected
        selected = min(in_month, key=lambda d: (abs((d - asked).days), d))
    elif selected not in in_month:
        selected = min(in_month) if in_month else None
    next_available = next_free_day = None
    if not in_month:
        next_available = next_available_month(
            service, month, display_zone=display_zone, filters=filters, last=last_month
        )
    if next_available is not None:
        later = days_by_zone(
            month_slots(service, next_available, filters.duration_minutes),
            filters=filters,
            display_zone=display_zone,
        )
        next_free_day = min(
            (d for d in later if (d.year, d.month) == (next_available.year, next_available.month)),
            default=None,
        )
    # With staff and place left to "any", a clock time is one choice however many can take it.
    collapse = service.type == "APPOINTMENT" and not (filters.staff_id or filters.location_id)
    weeks = tuple(
        tuple(
            CalendarDay(
                day=day,
                in_month=day.month == month.month,
                slot_count=_time_count(in_month.get(day, []), collapse),
                full_count=len(full.get(day, [])) if day.month == month.month else 0,
                past=day < today,
                selected=day == selected,
            )
            for day in week
        )
        for week in calendar.Calendar(firstweekday=0).monthdatescalendar(month.year, month.month)
    )
    return MonthCalendar(
        month=month,
        today=today,
        weeks=weeks,
        previous_month=_add_months(month, -1) if month > first_month else None,
        next_month=_add_months(month, 1) if month < last_month else None,
        selected_day=selected,
        # Only the chosen day's slots become full choices: the rest of the month is just counted.
        day_slots=_day_choices(
            in_month.get(selected, []) + full.get(selected, []) if selected else [],
            display_zone,
            collapse,
        ),
        next_available=next_available,
        display_time_zone=str(display_zone.key),
        business_time_zone=slot_list.time_zone,
        filters=filters,
        many_locations=len(service.locations) > 1,
        moved_from=moved_from,
        bookable_until=_bookable_until(service, today, last_month),
        next_free_day=next_free_day,
    )


def any_time_key(match: Match) -> str:
    """The key of "this clock time, anyone, anywhere": ``a|<start>|<end>|*|*``.

    Same shape as ``availability.slot_key``'s appointment keys (so its month is read the same
    way); ``*`` as the location marks the "any" form, which ``chosen_slot.find_bookable``
    resolves to a concrete free slot from Wix's current answer; the staff member is picked
    from Wix's answer right before Create Booking (``slot_recheck``).
    """
    slot = match.item.slot
    return f"a|{slot.local_start}|{slot.local_end}|*|*"


def _full_by_day(
    slot_list: MonthSlots, month: date, zone: ZoneInfo, filters: SlotFilter
) -> dict[date, list[Match]]:
    """The month's class sessions with no place left, by day: shown as "Full", never hidden."""
    now = dj_timezone.now()
    found: dict[date, list[Match]] = {}
    for item in slot_list.slots:
        slot = item.slot
        if not slot.event_id or slot.bookable or spots_left(slot) != 0 or item.start_utc <= now:
            continue
        day = item.start_utc.astimezone(zone).date()
        if (day.year, day.month) != (month.year, month.month):
            continue
        if filters.staff_id and all(r.id != filters.staff_id for r in slot.resources):
            continue
        if filters.location_id and (not slot.location or slot.location.id != filters.location_id):
            continue
        found.setdefault(day, []).append(Match(item, slot.resources, None))
    return found


def _time_count(matches: list[Match], collapse: bool) -> int:
    if not collapse:
        return len(matches)
    return len({(m.item.start_utc, m.item.end_utc) for m in matches})


def _day_choices(matches: list[Match], zone: ZoneInfo, collapse: bool) -> tuple[SlotChoice, ...]:
    """The day's choices in start order; when collapsing, one per start and end, naming no one."""
    matches = sorted(matches, key=lambda m: m.item.start_utc)
    if not collapse:
        return tuple(to_choice(m, zone) for m in matches)
    seen: dict[tuple[object, object], SlotChoice] = {}
    for match in matches:
        when = (match.item.start_utc, match.item.end_utc)
        if when not in seen:
            choice = to_choice(match, zone)
            seen[when] = dataclasses.replace(
                choice, key=any_time_key(match), staff_names=(), location_name=None
            )
    return tuple(seen.values())


def _bookable_until(service: Service, today: date, last_month: date) -> date:
    early = service.policy.early_limit_minutes
    end_of_last = _add_months(last_month, 1) - timedelta(days=1)
    # Whole days only: "up to 30 days ahead" from today is the 30th day on.
    return min(today + timedelta(days=early // (24 * 60)), end_of_last) if early else end_of_last


def _add_months(month: date, count: int) -> date:
    index = month.year * 12 + month.month - 1 + count
    return date(index // 12, index % 12 + 1, 1)
