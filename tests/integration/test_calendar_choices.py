"""Issue 16, the calendar's facts: filters keep the day, compact times, no dead ends.

Today is Monday 7 December 2026, 08:00 in London (tests/conftest.py). In the demo, Tom works
Tuesday to Sunday, Maya Monday to Friday: Sunday 13 December has times with Tom only.
"""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client

from tests.integration.helpers import fill_details, follow_to, hosted_checkout_action, soup, submit
from wix_sandbox import Sandbox

MASSAGE = "/services/deep-tissue-massage/"
YOGA = "/services/vinyasa-flow/"
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


def _times(response: object) -> dict[str, list[str]]:
    """The day's visible times by group heading: {"Morning": ["09:00", …], …}."""
    groups = soup(response).select("#slot-list .slot-group")  # type: ignore[arg-type]
    return {
        g.select_one("h4").get_text(strip=True): [
            t.get_text(strip=True) for t in g.select("button[name=slot] .slot-time")
        ]
        for g in groups
    }


@pytest.mark.parametrize(
    ("language", "nine", "two_pm"), [("en-gb", "08:30", "14:00"), ("en", "8:30 AM", "2:00 PM")]
)
def test_any_staff_and_place_shows_one_time_only_button_per_clock_time_by_part_of_day(
    client: Client, sandbox: Sandbox, language: str, nine: str, two_pm: str
) -> None:
    # Wednesday: Maya and Priya in Islington, Tom in Richmond, so most times come twice or more.
    page = client.get(MASSAGE, {"date": "2026-12-09"}, HTTP_ACCEPT_LANGUAGE=language)

    times = _times(page)
    assert list(times) == ["Morning", "Afternoon", "Evening"]
    everything = [t for group in times.values() for t in group]
    assert len(everything) == len(set(everything)), everything  # one button per clock time
    assert times["Morning"][0] == nine
    assert two_pm in times["Afternoon"]
    first = soup(page).select_one("#slot-list button[name=slot]")
    assert first.get_text(" ", strip=True).startswith(nine)  # the end time for screen readers
    assert "with" not in first.get_text()  # who and where come after, on the details step
    link = soup(page).select_one("#month-grid a[aria-current=date] .visually-hidden")
    assert link.get_text().endswith(f", {len(everything)} times available, selected")


def test_one_time_for_anyone_names_nobody_until_wix_assigns_someone(
    client: Client, sandbox: Sandbox
) -> None:
    # Issue 16.2: "anyone" never reads as two people, nor as a person Wix has not booked yet;
    # the one person is picked right before Create Booking (tests/integration/test_slot_recheck).
    page = client.get(MASSAGE, {"date": "2026-12-09"})
    key = soup(page).select_one("#slot-list button[name=slot]")["value"]

    details = client.post(f"{MASSAGE}choose/", {"slot": key}, follow=True)

    summary = soup(details).select_one("dl.summary").get_text(" ", strip=True)
    names = ("Maya", "Priya", "Tom", "Leo")
    assert [name for name in names if name in summary] == [], summary
    assert "With Any available therapist" in summary
    assert "Where" in summary


def test_months_past_the_booking_window_are_not_offered_and_a_sentence_says_until_when(
    client: Client, sandbox: Sandbox
) -> None:
    # The massage books up to 30 days ahead: until Wednesday 6 January 2027.
    december = soup(client.get(MASSAGE))
    january = soup(client.get(MASSAGE, {"month": "2027-01"}))
    later = soup(client.get(MASSAGE, {"month": "2027-03"}))

    until = "You can book up to Wednesday 6 January 2027."
    assert december.select_one(".booking-window").get_text(strip=True) == until
    assert december.select_one(".month-nav a[rel=next]") is not None
    assert january.select_one(".month-nav a[rel=next]") is None
    assert january.select_one(".booking-window").get_text(strip=True) == until
    assert later.select_one("#month-label").get_text() == "January 2027"  # never past it


def test_a_month_with_nothing_free_says_why_and_links_to_the_next_free_day(
    client: Client, sandbox: Sandbox
) -> None:
    with time_machine.travel(datetime(2026, 12, 31, 21, 0, tzinfo=ZoneInfo("Europe/London"))):
        page = soup(client.get(MASSAGE, {"month": "2026-12"}))
        notice = page.select_one("#calendar .no-times")
        link = notice.select_one("a")
        january = soup(client.get(MASSAGE, {"month": "2027-01"}))

    first_free = january.select_one("#month-grid a")["href"].rsplit("date=", 1)[1][:10]
    assert notice.select_one("p").get_text(strip=True) == (
        "No free times in December 2026: every time this month is booked or has passed."
    )
    assert f"date={first_free}" in link["href"]
    assert "month=2027-01" in link["href"]
    day = datetime.fromisoformat(first_free)
    assert link.get_text(strip=True) == f"Next free day: {day:%A} {day.day} January 2027"


def test_a_full_class_time_is_shown_as_full_not_hidden(client: Client, sandbox: Sandbox) -> None:
    day = {"date": "2026-12-12"}
    before = soup(client.get(YOGA, day)).select("#slot-list button[name=slot]")
    taken_time = before[0].select_one(".slot-time").get_text(strip=True)
    places = int(re.search(r"(\d+) spots? left", before[0].get_text()).group(1))

    other = Client()
    other.post(f"{YOGA}choose/", {"slot": before[0]["value"]}, follow=True)
    fill_details(other, participants=places)  # every place left: the session is now full
    # Paid: a CREATED booking holds nothing at Wix (docs/wix-contract.md §6.3).
    hosted_checkout_action(other, follow_to(other, submit(other)), "Pay")

    after = soup(client.get(YOGA, day)).select("#slot-list button.slot")
    assert len(after) == len(before)  # still listed
    full = after[0]
    assert full.select_one(".slot-time").get_text(strip=True) == taken_time
    assert full.select_one(".slot-detail").get_text(strip=True) == "Full"
    assert full.has_attr("disabled")
    assert not full.has_attr("name")  # nothing to submit


def test_an_empty_last_month_blames_the_booking_window(client: Client, sandbox: Sandbox) -> None:
    # On 2 December bookings reach 1 January only, a day with no times: January stays empty.
    with time_machine.travel(datetime(2026, 12, 2, 5, 0, tzinfo=ZoneInfo("Europe/London"))):
        page = soup(client.get(MASSAGE, {"month": "2027-01"}))

    assert page.select_one("#month-label").get_text() == "January 2027"
    assert page.select_one("#calendar .no-times p").get_text(strip=True) == (
        "No free times in January 2027: bookings are open up to Friday 1 January 2027 only."
    )
