"""The month grid is built once per cached window and minute (services/calendar_view.py),
and that memo never shows a time that has started or a window it was not built from.

Issue 19: on the service page the grid cost more CPU than the rest of the view; every visitor
looking at one month now shares one build of it.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client

from booking_site.services import availability, catalogue, refresh
from booking_site.services.calendar_view import month_calendar
from tests.integration.helpers import slot_buttons
from wix_sandbox import Sandbox

MASSAGE = "deep-tissue-massage"
# No "book at least N hours ahead" limit: Wix lists a time until it starts.
CONSULTATION = "wellbeing-consultation"
LONDON = ZoneInfo("Europe/London")
pytestmark = pytest.mark.django_db(transaction=True)


def _grid(day: str) -> object:
    service = catalogue.get_service(MASSAGE)
    return month_calendar(
        service,
        month=None,
        selected=datetime.fromisoformat(day).date(),
        display_zone=LONDON,
        filters=availability.SlotFilter(),
    )


def test_one_window_and_choice_give_one_grid_for_everyone(sandbox: Sandbox) -> None:
    first, second = _grid("2026-12-12"), _grid("2026-12-12")
    other_day = _grid("2026-12-14")

    assert first is second
    assert other_day is not first
    assert other_day.selected_day.isoformat() == "2026-12-14"  # type: ignore[attr-defined]


def _keys(day: str) -> list[str]:
    page = Client().get(f"/services/{CONSULTATION}/", {"date": day})
    return [b["key"] for b in slot_buttons(page)]


def test_a_time_that_starts_drops_out_though_the_window_is_still_cached(
    sandbox: Sandbox, now: datetime
) -> None:
    today = now.astimezone(LONDON).date().isoformat()
    keys = _keys(today)
    assert keys, "the demo has consultation times today"
    first_start = datetime.fromisoformat(keys[0].split("|")[1]).replace(tzinfo=LONDON)
    start_utc = first_start.astimezone(UTC)

    with time_machine.travel(start_utc - timedelta(seconds=12), tick=False):
        _keys(today)  # an hour on: everything read again (the catalogue behind the page)
        refresh.drain(timeout=30)
    with time_machine.travel(start_utc - timedelta(seconds=10), tick=False):
        before = _keys(today)  # the window fetched here, 10 s before the first time starts
    with time_machine.travel(start_utc + timedelta(seconds=15), tick=False):
        after = _keys(today)  # the same window, still fresh: no new Wix answer

    assert before[0] == keys[0]
    assert keys[0] not in after
    assert after == before[1:]


def test_our_booking_gives_a_new_grid_without_the_booked_time(sandbox: Sandbox) -> None:
    before = _grid("2026-12-12")
    service = catalogue.get_service(MASSAGE)
    availability.forget_service_slots(service.id)  # what our own booking does

    after = _grid("2026-12-12")

    assert after is not before  # built again from the new window, not the memo
    assert after == before  # nothing changed in Wix, so the same grid by value
