"""Courses without Time Slots (issue 13.4, 16.1): dates from the schedule, places from every page.

Wix's Time Slots refuse courses (docs/wix-contract.md §22); the sandbox does the same, so these
pages work only when the sessions come from the schedule's calendar events and the places left
from every page of Extended Bookings (§23).
"""

from __future__ import annotations

import icalendar
import pytest
from django.test import Client, override_settings

from wix_sandbox import Sandbox
from wix_sandbox.demo_courses import TALKS_BOOKINGS, TALKS_CAPACITY

from .helpers import fill_details, follow_to, hosted_checkout_action, soup, status_after, submit

COURSE = "mindfulness-foundations-6-weeks"
TALKS = "wellbeing-talks-4-thursdays"
# Six Thursdays from ten days after "today" (Monday 7 December 2026, tests/conftest.py).
SESSION_DAYS = ["Thu 17 Dec 2026", "Thu 24 Dec 2026", "Thu 31 Dec 2026", "Thu 7 Jan 2027",
                "Thu 14 Jan 2027", "Thu 21 Jan 2027"]  # fmt: skip

DASH = "\u2013"  # the en dash between a session's start and end

pytestmark = pytest.mark.django_db(transaction=True)


def _rows(page: object) -> list[str]:
    return [" ".join(li.get_text(" ").split()) for li in soup(page).select("ol.sessions li")]


def _facts(page: object) -> dict[str, str]:
    found = {}
    for row in soup(page).select("dl.facts > div"):
        term, value = row.find("dt"), row.find("dd")
        if term and value:
            found[term.get_text(strip=True)] = " ".join(value.get_text(" ").split())
    return found


def test_places_left_follow_every_page_of_the_demo_talks_series(
    client: Client, sandbox: Sandbox
) -> None:
    page = client.get(f"/services/{TALKS}/")

    assert page.status_code == 200
    assert soup(page).select_one("p.places").get_text(strip=True) == (
        f"{TALKS_CAPACITY - TALKS_BOOKINGS} places left"
    )
    # 110 bookings: two pages of 100, the second asked for by its cursor alone.
    assert sandbox.call_counts()["extended_bookings.query"] == 2
    assert "time_slots.list" not in sandbox.call_counts()
    assert "events.list" not in sandbox.call_counts()


def test_a_course_page_lists_each_session_from_the_schedule(
    client: Client, sandbox: Sandbox
) -> None:
    page = client.get(f"/services/{COURSE}/")

    assert page.status_code == 200
    assert _rows(page) == [f"{day} 19:00{DASH}20:30" for day in SESSION_DAYS]
    facts = _facts(page)
    assert facts["Teacher"] == "Leo Marchetti"
    assert facts["Where"].startswith("Fernleigh Islington")
    assert facts["Price"] == "£180 for all 6 sessions"
    assert sandbox.call_counts()["calendar.events"] == 1


def test_a_course_booked_end_to_end_lists_its_sessions_and_gets_one_event_each(
    client: Client, sandbox: Sandbox
) -> None:
    client.post(f"/services/{COURSE}/book-course/")
    fill_details(client)
    review = client.get("/book/review/")

    assert _rows(review) == [f"{day} 19:00{DASH}20:30" for day in SESSION_DAYS]
    assert _facts(review)["Price"] == "£180 for all 6 sessions"
    assert _facts(review)["Teacher"] == "Leo Marchetti"

    checkout = follow_to(client, submit(client))
    status = status_after(client, hosted_checkout_action(client, checkout, "Pay"))

    assert soup(status).h1.get_text(strip=True) == "You're booked"
    assert _rows(status) == [f"{day} 19:00{DASH}20:30" for day in SESSION_DAYS]
    assert _facts(status)["Price"] == "£180 for all 6 sessions"
    assert _facts(status)["Where"].startswith("Fernleigh Islington")

    ics = client.get("/book/booking.ics")
    calendar = icalendar.Calendar.from_ical(ics.content)
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 6
    assert [e.decoded("DTSTART").date().isoformat() for e in events][:2] == [
        "2026-12-17",
        "2026-12-24",
    ]
    assert {e.decoded("DTEND") - e.decoded("DTSTART") for e in events} == {
        events[0].decoded("DTEND") - events[0].decoded("DTSTART")
    }
    assert all(str(e["LOCATION"]).startswith("Fernleigh Islington") for e in events)
    assert all("With Leo Marchetti" in str(e["DESCRIPTION"]) for e in events)
    assert len({str(e["UID"]) for e in events}) == 6

    # The manage page's file, read back from Wix, holds the same six sessions and UIDs.
    manage_url = soup(status).select_one("#manage-link")["href"]
    manage_page = client.get(manage_url)
    ics_link = soup(manage_page).find("a", string="Add to calendar (.ics)")
    assert ics_link is not None, manage_page.content[:3000]
    again = icalendar.Calendar.from_ical(client.get(ics_link["href"]).content)
    managed = list(again.walk("VEVENT"))
    assert [e.decoded("DTSTART") for e in managed] == [e.decoded("DTSTART") for e in events]
    assert {str(e["UID"]) for e in managed} == {str(e["UID"]) for e in events}


def test_the_course_page_renders_when_site_properties_fail(
    client: Client, sandbox: Sandbox
) -> None:
    """Site Properties answers 500: the zone comes from another service's Time Slots answer."""
    sandbox.inject_faults(kind="500", rate=1.0, endpoints=["site.properties"])

    page = client.get(f"/services/{COURSE}/")

    assert page.status_code == 200
    assert sandbox.call_counts()["site.properties"] >= 1
    assert _rows(page)[0] == f"{SESSION_DAYS[0]} 19:00{DASH}20:30"
    assert "Times in Europe/London" in soup(page).get_text(" ")


@override_settings(WIX_BUSINESS_TIME_ZONE="Asia/Tokyo")
def test_without_site_properties_or_time_slots_the_setting_names_the_zone(
    client: Client, sandbox: Sandbox
) -> None:
    sandbox.inject_faults(kind="500", rate=1.0, endpoints=["site.properties", "time_slots.list"])

    page = client.get(f"/services/{COURSE}/")

    assert page.status_code == 200
    # Tokyo is 9 hours ahead of London in December: 19:00 there is 04:00 the next day here.
    assert _rows(page)[0] == f"Fri 18 Dec 2026 04:00{DASH}05:30"
    assert "Times in Asia/Tokyo" in soup(page).get_text(" ")


def test_a_course_whose_calendar_cant_be_read_gives_its_dates_and_its_first_session(
    client: Client, sandbox: Sandbox
) -> None:
    """Calendar Events answers 500: the dates from the schedule, the .ics never one block."""
    sandbox.inject_faults(kind="500", rate=1.0, endpoints=["calendar.events"])

    page = client.get(f"/services/{COURSE}/")
    client.post(f"/services/{COURSE}/book-course/")
    fill_details(client)
    checkout = follow_to(client, submit(client))
    status_after(client, hosted_checkout_action(client, checkout, "Pay"))
    events = list(
        icalendar.Calendar.from_ical(client.get("/book/booking.ics").content).walk("VEVENT")
    )

    assert page.status_code == 200
    panel = " ".join(soup(page).select_one(".booking-panel").get_text(" ").split())
    assert "From Thursday 17 December 2026 to Thursday 21 January 2027." in panel, panel
    assert _rows(page) == []
    assert len(events) == 1
    start, end = events[0].decoded("DTSTART"), events[0].decoded("DTEND")
    assert start.isoformat() == "2026-12-17T19:00:00+00:00"
    assert (end - start).total_seconds() == 3600


def test_our_own_course_booking_rereads_its_places_but_not_its_session_dates(
    client: Client, sandbox: Sandbox
) -> None:
    # The dates live in their own cache namespace ("course-sessions"): a booking changes the
    # places left (invalidated at once) but not the schedule, which is not read again for it.
    client.get(f"/services/{COURSE}/")
    places_reads = sandbox.call_counts()["extended_bookings.query"]
    client.post(f"/services/{COURSE}/book-course/")
    fill_details(client)
    checkout = follow_to(client, submit(client))
    status_after(client, hosted_checkout_action(client, checkout, "Pay"))
    dates_reads = sandbox.call_counts()["calendar.events"]
    places_before = sandbox.call_counts()["extended_bookings.query"]

    page = client.get(f"/services/{COURSE}/")

    assert _rows(page) == [f"{day} 19:00{DASH}20:30" for day in SESSION_DAYS]
    assert sandbox.call_counts()["calendar.events"] == dates_reads
    assert sandbox.call_counts()["extended_bookings.query"] > places_before >= places_reads
