"""Issue 16, the calendar's facts: filters keep the day, compact times, no dead ends.

Today is Monday 7 December 2026, 08:00 in London (tests/conftest.py). In the demo, Tom works
Tuesday to Sunday, Maya Monday to Friday: Sunday 13 December has times with Tom only.
"""

from __future__ import annotations

import pytest
from django.test import Client

from tests.integration.helpers import soup
from wix_sandbox import Sandbox

MASSAGE = "/services/deep-tissue-massage/"
HTMX = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "calendar"}

pytestmark = pytest.mark.django_db(transaction=True)


def _filter_form(response: object) -> dict[str, str]:
    """What the filter form submits as it stands (the browser's GET, or htmx's on change)."""
    form = soup(response).select_one("form.calendar-filters")  # type: ignore[arg-type]
    values = {i["name"]: i.get("value", "") for i in form.select("input[name]")}
    for select in form.select("select[name]"):
        chosen = select.select_one("option[selected]") or select.select_one("option")
        values[select["name"]] = chosen.get("value", "")
    return values


def _selected_day(response: object) -> str:
    link = soup(response).select_one("#month-grid a[aria-current=date]")  # type: ignore[arg-type]
    return link["href"].rsplit("date=", 1)[1].split("&")[0]


@pytest.mark.parametrize("headers", [{}, HTMX], ids=["no-javascript", "htmx"])
def test_changing_staff_keeps_the_chosen_day_when_it_still_has_times(
    client: Client, sandbox: Sandbox, headers: dict[str, str]
) -> None:
    page = client.get(MASSAGE, {"month": "2026-12", "date": "2026-12-09"})
    assert _selected_day(page) == "2026-12-09"

    query = _filter_form(page) | {"staff": sandbox.demo.staff("tom")}
    narrowed = client.get(MASSAGE, query, **headers)

    assert _selected_day(narrowed) == "2026-12-09"
    assert soup(narrowed).select_one("#day-heading").get_text() == "Wednesday 9 December 2026"


@pytest.mark.parametrize("headers", [{}, HTMX], ids=["no-javascript", "htmx"])
def test_a_filter_that_empties_the_day_says_so_and_picks_the_nearest_day(
    client: Client, sandbox: Sandbox, headers: dict[str, str]
) -> None:
    page = client.get(MASSAGE, {"month": "2026-12", "date": "2026-12-13"})
    assert _selected_day(page) == "2026-12-13"  # a Sunday: Tom's day

    query = _filter_form(page) | {"staff": sandbox.demo.staff("maya")}
    narrowed = client.get(MASSAGE, query, **headers)

    assert _selected_day(narrowed) == "2026-12-14"  # Monday, one day on (Saturday has none)
    note = soup(narrowed).select_one("#calendar .day-moved")
    assert note is not None
    assert note.get_text(" ", strip=True) == (
        "No free times on Sunday 13 December 2026 with these choices: "
        "showing the nearest day, Monday 14 December 2026."
    )
