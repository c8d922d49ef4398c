"""The month grid of the slot calendar: which days have times, and the chosen day's slots."""

from __future__ import annotations

import calendar
import functools
from dataclasses import dataclass
from datetime import date, time
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from django.utils import timezone as dj_timezone
from django.utils.formats import date_format, time_format
from django.utils.translation import get_language, gettext, ngettext

from booking_site.services.availability import (
    SlotChoice,
    SlotFilter,
    days_by_zone,
    last_bookable_month,
    month_slots,
    next_available_month,
    to_choice,
)
from booking_site.wix import Service


@dataclass(frozen=True)
class DayCell:
    """One day of the month grid, with its link and its accessible name already composed.

    Composed here rather than in the template: forty-two cells of filters and tags were most
    of the calendar's rendering time.
    """

    day: date
    in_month: bool
    slot_count: int
    past: bool
    selected: bool
    label: str
    query: str


@dataclass(frozen=True)
class DaySlot:
    """A slot button of the chosen day, its texts composed once (see ``DayCell``)."""

    choice: SlotChoice
    time_text: str
    detail_text: str

    @property
    def key(self) -> str:
        return self.choice.key


def day_slot(choice: SlotChoice, *, many_locations: bool) -> DaySlot:
    """Compose "13:00 to 14:00" and "with Ana at Islington, 3 spots left" for a button."""
    language = get_language()
    time_text = gettext("%(start)s to %(end)s") % {
        "start": _time_text(language, choice.start.hour, choice.start.minute),
        "end": _time_text(language, choice.end.hour, choice.end.minute),
    }
    detail = _detail_text(
        language,
        choice.staff_names,
        choice.location_name if many_locations else None,
        choice.spots_left,
    )
    return DaySlot(choice, time_text, detail)


@functools.lru_cache(maxsize=4096)
def _detail_text(
    language: str, staff: tuple[str, ...], place: str | None, spots: int | None
) -> str:
    # Memoized per language: the same few staff and place combinations recur on every day.
    del language  # part of the cache key only
    parts = []
    if staff:
        parts.append(gettext("with %(names)s") % {"names": ", ".join(staff)})
    if place:
        parts.append(gettext("at %(place)s") % {"place": place})
    detail = " ".join(parts)
    if spots is not None:
        left = ngettext("%(n)d spot left", "%(n)d spots left", spots) % {"n": spots}
        detail = f"{detail}, {left}" if detail else left
    return detail


@functools.lru_cache(maxsize=2048)
def _time_text(language: str, hour: int, minute: int) -> str:
    del language  # part of the cache key only
    return time_format(time(hour, minute), "TIME_FORMAT")


@dataclass(frozen=True)
class MonthCalendar:
    """Everything the calendar partial renders."""

    month: date
    weeks: tuple[tuple[DayCell, ...], ...]
    previous_month: date | None
    next_month: date | None
    selected_day: date | None
    day_slots: tuple[DaySlot, ...]
    next_available: date | None
    display_time_zone: str
    business_time_zone: str
    filters: SlotFilter

    def query(self, month: date | None) -> str:
        """The link to another month with the same filters ("" when there is none)."""
        if month is None:
            return ""
        return calendar_query(month, filters=self.filters, zone=self.display_time_zone)

    @property
    def previous_query(self) -> str:
        return self.query(self.previous_month)

    @property
    def next_query(self) -> str:
        return self.query(self.next_month)

    @property
    def next_available_query(self) -> str:
        return self.query(self.next_available)

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
    """
    today = dj_timezone.now().astimezone(display_zone).date()
    first_month = today.replace(day=1)
    month = (month or selected or today).replace(day=1)
    month = max(month, first_month)
    last_month = last_bookable_month(service, today=today)
    month = min(month, last_month)
    slot_list = month_slots(service, month)
    days = days_by_zone(slot_list, filters=filters, display_zone=display_zone)
    in_month = {d: m for d, m in days.items() if (d.year, d.month) == (month.year, month.month)}
    if selected not in in_month:
        selected = min(in_month) if in_month else None
    next_available = None
    if not in_month:
        next_available = next_available_month(
            service, month, display_zone=display_zone, filters=filters, last=last_month
        )
    zone_name = str(display_zone.key)
    month_query = calendar_query(month, filters=filters, zone=zone_name)

    def cell(day: date) -> DayCell:
        count = len(in_month.get(day, ()))
        return DayCell(
            day=day,
            in_month=day.month == month.month,
            slot_count=count,
            past=day < today,
            selected=day == selected,
            label=_day_label(day, count, past=day < today, selected=day == selected),
            query=f"{month_query}&date={day.isoformat()}" if count else "",
        )

    weeks = tuple(
        tuple(cell(day) for day in week)
        for week in calendar.Calendar(firstweekday=0).monthdatescalendar(month.year, month.month)
    )
    return MonthCalendar(
        month=month,
        weeks=weeks,
        previous_month=_add_months(month, -1) if month > first_month else None,
        next_month=_add_months(month, 1) if month < last_month else None,
        selected_day=selected,
        # Only the chosen day's slots become full choices: the rest of the month is just counted.
        day_slots=tuple(
            day_slot(to_choice(m, display_zone), many_locations=len(service.locations) > 1)
            for m in (in_month.get(selected, ()) if selected else ())
        ),
        next_available=next_available,
        display_time_zone=str(display_zone.key),
        business_time_zone=slot_list.time_zone,
        filters=filters,
    )


def calendar_query(month: date, day: date | None = None, *, filters: SlotFilter, zone: str) -> str:
    """``?month=…&date=…`` keeping the staff, location and time-zone choices."""
    params = {"month": month.strftime("%Y-%m")}
    if day is not None:
        params["date"] = day.isoformat()
    if filters.staff_id:
        params["staff"] = filters.staff_id
    if filters.location_id:
        params["location"] = filters.location_id
    params["tz"] = zone
    return "?" + urlencode(params)


def _day_label(day: date, count: int, *, past: bool, selected: bool) -> str:
    """The cell's accessible name: the full date and its availability (never colour alone)."""
    return _day_label_in(get_language(), day, count, past, selected)


@functools.lru_cache(maxsize=4096)
def _day_label_in(language: str, day: date, count: int, past: bool, selected: bool) -> str:
    # Memoized per language: the same few hundred labels are composed for every visitor.
    del language  # part of the cache key only; the active language is used below
    if count:
        state = ngettext("%(n)d time available", "%(n)d times available", count) % {"n": count}
    else:
        state = gettext("past") if past else gettext("no times available")
    label = f"{date_format(day, 'DATE_FORMAT')}, {state}"
    return f"{label}, {gettext('selected')}" if selected else label


def _add_months(month: date, count: int) -> date:
    index = month.year * 12 + month.month - 1 + count
    return date(index // 12, index % 12 + 1, 1)
