"""The calendar as the service page shows it: day names, slot texts, links, fragment keys.

``CalendarView`` wraps the service's ``MonthCalendar``. Its texts are composed lazily, so a
grid or slot list served from the fragment cache (``templates/booking/service.html``) costs
only its key: the cache keys are the fragment's content itself, so a booking, a new minute
or a new availability version gives a new key without any invalidation, and no key holds
anything of one visitor (the slot form's CSRF token sits outside the cached list).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property
from urllib.parse import urlencode

from django.utils.formats import date_format
from django.utils.translation import get_language, gettext, ngettext

from booking_site.presentation.slot_buttons import SlotButton, SlotGroup, slot_button
from booking_site.services.availability import SlotFilter
from booking_site.services.calendar_view import CalendarDay, MonthCalendar


@dataclass(frozen=True)
class DayCell:
    """One ``<td>`` of the month grid: a link for days with times, plain text otherwise."""

    day: date
    in_month: bool
    slot_count: int
    selected: bool
    label: str
    query: str
    full_count: int = 0

    @property
    def classes(self) -> str:
        names = (
            ("has-slots", self.slot_count),
            ("all-full", self.full_count and not self.slot_count),
            ("selected", self.selected),
        )
        return " ".join(name for name, on in names if on)


class CalendarView:
    """What the calendar partial renders, for one ``MonthCalendar`` of ``service_id``."""

    def __init__(self, calendar: MonthCalendar, *, service_id: str) -> None:
        self.calendar = calendar
        self.service_id = service_id

    # The typed values the template shows as they are (formatted by its date filters).
    @property
    def month(self) -> date:
        return self.calendar.month

    @property
    def previous_month(self) -> date | None:
        return self.calendar.previous_month

    @property
    def next_month(self) -> date | None:
        return self.calendar.next_month

    @property
    def next_available(self) -> date | None:
        return self.calendar.next_available

    @property
    def selected_day(self) -> date | None:
        return self.calendar.selected_day

    @property
    def moved_note(self) -> str:
        """ "No free times on <asked-for day> …: showing the nearest day, <day>." or ""."""
        cal = self.calendar
        if cal.moved_from is None or cal.selected_day is None:
            return ""
        return gettext(
            "No free times on %(asked)s with these choices: showing the nearest day, %(shown)s."
        ) % {
            "asked": date_format(cal.moved_from, "DATE_FORMAT"),
            "shown": date_format(cal.selected_day, "DATE_FORMAT"),
        }

    @property
    def bookable_until_note(self) -> str:
        """ "You can book up to <day>." (the booking window's end), or ""."""
        until = self.calendar.bookable_until
        if until is None:
            return ""
        return gettext("You can book up to %(day)s.") % {"day": date_format(until, "DATE_FORMAT")}

    @property
    def empty_month_note(self) -> str:
        """Why a month shows no times (the window's end, or everything booked or past)."""
        cal = self.calendar
        month = date_format(cal.month, "YEAR_MONTH_FORMAT")
        until = cal.bookable_until
        month_end = _last_day(cal.month)
        if until is not None and until < month_end:
            # The booking window closes within (or before) this month: that is the reason.
            return gettext("No free times in %(month)s: bookings are open up to %(day)s only.") % {
                "month": month,
                "day": date_format(until, "DATE_FORMAT"),
            }
        return gettext(
            "No free times in %(month)s: every time this month is booked or has passed."
        ) % {"month": month}

    @property
    def next_free_day(self) -> date | None:
        return self.calendar.next_free_day

    @property
    def next_free_day_query(self) -> str:
        day = self.calendar.next_free_day
        if day is None:
            return ""
        return calendar_query(
            day.replace(day=1), day, filters=self.calendar.filters, zone=self.display_time_zone
        )

    @property
    def display_time_zone(self) -> str:
        return self.calendar.display_time_zone

    @property
    def business_time_zone(self) -> str:
        return self.calendar.business_time_zone

    @property
    def has_slots(self) -> bool:
        return self.calendar.has_slots

    def query(self, month: date | None) -> str:
        """The link to another month with the same filters ("" when there is none)."""
        if month is None:
            return ""
        return calendar_query(
            month, filters=self.calendar.filters, zone=self.calendar.display_time_zone
        )

    @property
    def previous_query(self) -> str:
        return self.query(self.calendar.previous_month)

    @property
    def next_query(self) -> str:
        return self.query(self.calendar.next_month)

    @property
    def next_available_query(self) -> str:
        return self.query(self.calendar.next_available)

    @cached_property
    def weeks(self) -> tuple[tuple[DayCell, ...], ...]:
        month_query = self.query(self.calendar.month)
        return tuple(tuple(_cell(day, month_query) for day in week) for week in self.calendar.weeks)

    @cached_property
    def day_slots(self) -> tuple[SlotButton, ...]:
        many = self.calendar.many_locations
        return tuple(slot_button(choice, many_locations=many) for choice in self.calendar.day_slots)

    @cached_property
    def slot_groups(self) -> tuple[SlotGroup, ...]:
        """``day_slots`` by part of the day (before noon, before 17:00, later), empty ones out."""
        parts = (
            ("morning", gettext("Morning")),
            ("afternoon", gettext("Afternoon")),
            ("evening", gettext("Evening")),
        )
        buckets: list[list[SlotButton]] = [[], [], []]
        for choice, button in zip(self.calendar.day_slots, self.day_slots, strict=True):
            hour = choice.start.hour
            buckets[0 if hour < 12 else 1 if hour < 17 else 2].append(button)
        return tuple(
            SlotGroup(name, label, tuple(found))
            for (name, label), found in zip(parts, buckets, strict=True)
            if found
        )

    @cached_property
    def grid_key(self) -> str:
        """Everything the grid's HTML depends on but the language (the template adds it)."""
        cal = self.calendar
        counts = ",".join(
            f"{d.slot_count}/{d.full_count}" for week in cal.weeks for d in week if d.in_month
        )
        return "|".join(
            (
                self.service_id,
                cal.month.isoformat(),
                cal.today.isoformat(),
                cal.selected_day.isoformat() if cal.selected_day else "",
                cal.display_time_zone,
                cal.filters.staff_id or "",
                cal.filters.location_id or "",
                str(cal.filters.duration_minutes or ""),
                counts,
            )
        )

    @cached_property
    def slots_key(self) -> str:
        """Everything the slot list's HTML depends on but the language (see ``grid_key``)."""
        many = self.calendar.many_locations
        return repr(
            tuple(
                (
                    c.key,
                    c.start.strftime("%H:%M"),
                    c.end.strftime("%H:%M"),
                    c.staff_names,
                    c.location_name if many else None,
                    c.spots_left,
                )
                for c in self.calendar.day_slots
            )
        )


def _cell(day: CalendarDay, month_query: str) -> DayCell:
    return DayCell(
        day=day.day,
        in_month=day.in_month,
        slot_count=day.slot_count,
        selected=day.selected,
        label=_day_label(
            get_language(), day.day, day.slot_count, day.past, day.selected, day.full_count
        ),
        query=f"{month_query}&date={day.day.isoformat()}"
        if day.slot_count or day.full_count
        else "",
        full_count=day.full_count,
    )


def _last_day(month: date) -> date:
    return (month.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)


def calendar_query(month: date, day: date | None = None, *, filters: SlotFilter, zone: str) -> str:
    """``?month=…&date=…`` keeping the staff, location, duration and time-zone choices."""
    params = {"month": month.strftime("%Y-%m")}
    if day is not None:
        params["date"] = day.isoformat()
    if filters.staff_id:
        params["staff"] = filters.staff_id
    if filters.location_id:
        params["location"] = filters.location_id
    if filters.duration_minutes:
        params["duration"] = str(filters.duration_minutes)
    params["tz"] = zone
    return "?" + urlencode(params)


@functools.lru_cache(maxsize=4096)
def _day_label(
    language: str, day: date, count: int, past: bool, selected: bool, full: int = 0
) -> str:
    """The cell's accessible name: the full date and its availability (never colour alone)."""
    del language  # part of the cache key only; the active language is used below
    if full and not count:
        state = gettext("all times full")
    elif count:
        state = ngettext("%(n)d time available", "%(n)d times available", count) % {"n": count}
    else:
        state = gettext("past") if past else gettext("no times available")
    label = f"{date_format(day, 'DATE_FORMAT')}, {state}"
    return f"{label}, {gettext('selected')}" if selected else label
