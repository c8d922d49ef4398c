"""The chosen day's time buttons: "13:00" shown, " to 14:00 with Ana at Islington" read out.

Composed per language with small memos, as the same few times, staff and places recur daily.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import time

from django.utils.formats import time_format
from django.utils.translation import get_language, gettext, ngettext

from booking_site.presentation.staff import staff_shown
from booking_site.services.availability import SlotChoice


@dataclass(frozen=True)
class SlotButton:
    """A slot button of the chosen day: "13:00", " to 14:00" (read out, not shown) and
    "with Ana at Islington, 3 spots left" (what the customer narrowed to, and places)."""

    key: str
    time_text: str
    detail_text: str
    start_text: str = ""
    end_text: str = ""
    full: bool = False  # a class session with no place left: shown, not offered
    who_text: str = ""  # " with Ana at Islington" (read out; the filters already show it)
    spots_text: str = ""  # "3 spots left" or "Full" (shown)


@dataclass(frozen=True)
class SlotGroup:
    """The chosen day's times in one part of the day: "Morning", "Afternoon", "Evening"."""

    name: str
    label: str
    slots: tuple[SlotButton, ...]


def slot_button(choice: SlotChoice, *, many_locations: bool) -> SlotButton:
    """Compose "13:00 to 14:00" and "with Ana at Islington, 3 spots left" for a button."""
    language = get_language()
    time_text = gettext("%(start)s to %(end)s") % {
        "start": _time_text(language, choice.start.hour, choice.start.minute),
        "end": _time_text(language, choice.end.hour, choice.end.minute),
    }
    detail = _detail_text(
        language,
        staff_shown(choice),
        choice.location_name if many_locations else None,
        choice.spots_left,
    )
    start = _time_text(language, choice.start.hour, choice.start.minute)
    end = _time_text(language, choice.end.hour, choice.end.minute)
    # " to 14:00" is read out with the start but not shown: the buttons stay time-only.
    end_text = gettext(" to %(end)s") % {"end": end}
    return SlotButton(
        choice.key,
        time_text,
        detail,
        start_text=start,
        end_text=end_text,
        full=choice.spots_left == 0,
        who_text=_who_text(
            language,
            staff_shown(choice),
            choice.location_name if many_locations else None,
            choice.spots_left is not None,
        ),
        spots_text=_detail_text(language, (), None, choice.spots_left),
    )


def _who_text(language: str, staff: tuple[str, ...], place: str | None, more: bool) -> str:
    """ " with Ana at Islington" (and a comma when the places follow), or ""."""
    who = _detail_text(language, staff, place, None)
    if not who:
        return ""
    return f" {who}," if more else f" {who}"


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
    if spots == 0:
        return gettext("Full")
    if spots is not None:
        left = ngettext("%(n)d spot left", "%(n)d spots left", spots) % {"n": spots}
        detail = f"{detail}, {left}" if detail else left
    return detail


@functools.lru_cache(maxsize=2048)
def _time_text(language: str, hour: int, minute: int) -> str:
    del language  # part of the cache key only
    return time_format(time(hour, minute), "TIME_FORMAT")
