"""Deep links (docs/architecture.md §6): every parameter is used when valid, and skipped with a note
when not.

Time is frozen at Monday 7 December 2026, 08:00 London (tests/conftest.py).
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from booking_site.models import Submission
from booking_site.session import SESSION_KEY
from tests.integration.helpers import (
    choose_first_slot,
    fill_details,
    follow_to,
    hosted_checkout_action,
    soup,
    status_after,
    submit,
)
from wix_sandbox import Sandbox

pytestmark = pytest.mark.django_db(transaction=True)

MASSAGE = "/services/deep-tissue-massage/"
YOGA = "/services/vinyasa-flow/"


def _notes(response: Any) -> list[str]:
    return [p.get_text(strip=True) for p in soup(response).select("#messages .message")]


def _draft(client: Client) -> dict[str, Any]:
    return client.session[SESSION_KEY]


def _selected(response: Any, name: str) -> str | None:
    option = soup(response).select_one(f"select[name={name}] option[selected]")
    return option["value"] if option else None


def _details_value(response: Any, name: str) -> str | None:
    field = soup(response).select_one(f"#details-form [name={name}]")
    return field.get("value") if field else None


def test_valid_deep_link_sets_day_staff_location_zone_and_prefill(
    client: Client, sandbox: Sandbox
) -> None:
    tom, richmond = sandbox.demo.staff("tom"), sandbox.demo.location("richmond")
    query = {
        "date": "2026-12-09",
        "staff": tom,
        "location": richmond,
        "tz": "America/New_York",
        "first_name": "Ann",
        "last_name": "Lee",
        "email": "ann.lee@example.com",
        "phone": "+44 7700 900123",
    }

    page = client.get(MASSAGE, query)

    assert page.status_code == 200
    assert _notes(page) == []
    html = soup(page)
    assert html.select_one("#day-heading").get_text(strip=True) == "Wednesday 9 December 2026"
    assert _selected(page, "staff") == tom
    assert _selected(page, "location") == richmond
    assert _selected(page, "tz") == "America/New_York"
    labels = [b.get_text(" ", strip=True) for b in html.select("button[name=slot]")]
    assert labels
    assert all("with Tom" in label and "Richmond" in label for label in labels)
    assert "Times shown in America/New York" in html.select_one(".day-slots").get_text(" ")

    details = choose_first_slot(client, MASSAGE.strip("/").split("/")[1], **query)
    assert [_details_value(details, k) for k in ("first_name", "last_name", "email", "phone")] == [
        "Ann",
        "Lee",
        "ann.lee@example.com",
        "+44 7700 900123",
    ]


@pytest.mark.parametrize(
    ("query", "note", "dropped"),
    [
        ({"staff": "no-such-person"}, "staff member in your link isn't available", "staff"),
        ({"location": "no-such-place"}, "location in your link isn't available", "location"),
        ({"tz": "Mars/Olympus"}, "didn't recognise the time zone", "tz"),
        ({"date": "2026-12-01"}, "date in your link has passed", "date"),
        ({"date": "2026-13-45"}, "date in your link wasn't valid", "date"),
        ({"date": "2028-06-01"}, "too far ahead to book yet", "date"),
        ({"date": "2026-12-13"}, "no free times on Sunday 13 December 2026", None),
    ],
)
def test_invalid_or_stale_calendar_value_is_ignored_with_a_note(
    client: Client, sandbox: Sandbox, query: dict[str, str], note: str, dropped: str | None
) -> None:
    if query.get("date") == "2026-12-13":  # Maya does not work on Sundays
        query = {**query, "staff": sandbox.demo.staff("maya")}

    page = client.get(MASSAGE, query)

    assert page.status_code == 200
    notes = _notes(page)
    assert len(notes) == 1
    assert note in notes[0]
    html = soup(page)
    assert html.select("button[name=slot]"), "the calendar still offers times"
    if dropped in ("staff", "location"):
        assert _selected(page, dropped) is None
    if dropped == "tz":
        assert _selected(page, "tz") == "Europe/London"
    if dropped == "date":
        assert html.select_one("#day-heading").get_text(strip=True) == "Monday 7 December 2026"


def test_htmx_calendar_swap_repeats_no_notes(client: Client, sandbox: Sandbox) -> None:
    page = client.get(MASSAGE, {"staff": "gone"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="calendar")

    assert page.status_code == 200
    assert b"<html" not in page.content
    assert _notes(page) == []


@pytest.mark.parametrize(
    ("field", "value", "kept"),
    [
        ("first_name", "Ann", True),
        ("first_name", "A" * 101, False),
        ("last_name", "Lee-Smith", True),
        ("last_name", "L" * 101, False),
        ("email", "ann@example.com", True),
        ("email", "not-an-email", False),
        ("phone", "+44 (0)20 7946 0000", True),
        ("phone", "call me", False),
    ],
)
def test_contact_prefill_kept_only_when_valid(
    client: Client, sandbox: Sandbox, field: str, value: str, kept: bool
) -> None:
    page = client.get(MASSAGE, {field: value})

    assert page.status_code == 200
    assert _draft(client)["prefill"] == ({field: value} if kept else {})
    notes = _notes(page)
    assert notes == (
        [] if kept else ["Some contact details in your link weren't valid; please type them in."]
    )


@pytest.mark.parametrize(
    ("raw", "stored", "note"),
    [
        ("3", 3, None),
        ("4", 4, None),
        ("9", 4, "At most 4 participants can be booked at once, so we've set 4."),
        ("0", None, "The number of participants in your link wasn't valid."),
        ("two", None, "The number of participants in your link wasn't valid."),
    ],
)
def test_participants_bounded_by_the_service_policy(
    client: Client, sandbox: Sandbox, raw: str, stored: int | None, note: str | None
) -> None:
    page = client.get(YOGA, {"participants": raw})

    assert page.status_code == 200
    assert _draft(client)["participants"] == stored
    assert _notes(page) == ([note] if note else [])


def test_participants_prefill_reaches_the_details_form(client: Client, sandbox: Sandbox) -> None:
    # The Tuesday class is nearly full; Saturday 12 December has three places left.
    details = choose_first_slot(
        client, "vinyasa-flow", min_spots=3, participants="3", date="2026-12-12"
    )

    assert _details_value(details, "participants") == "3"


def test_utm_tags_are_validated_and_bounded(client: Client, sandbox: Sandbox) -> None:
    query = {
        "utm_source": "newsletter",
        "utm_medium": "email\x07",
        "utm_term": "x" * 300,
        "utm_content": "",
        "utm_Campaign": "uppercase-name",
        "utm_": "no-name",
        "utm_bad-name": "dash",
        "notutm_source": "other",
    }
    query |= {f"utm_extra{i}": str(i) for i in range(12)}

    page = client.get(MASSAGE, query)

    assert page.status_code == 200
    assert _notes(page) == []  # tags are for the owner, never a note to the customer
    utm = _draft(client)["utm"]
    assert len(utm) == 10
    assert utm["utm_source"] == "newsletter"
    assert utm["utm_medium"] == "email"
    assert utm["utm_term"] == "x" * 200
    assert not {"utm_content", "utm_Campaign", "utm_", "utm_bad-name", "notutm_source"} & set(utm)


def test_utm_tags_travel_with_the_booking_to_the_confirmation(
    client: Client, sandbox: Sandbox
) -> None:
    client.get(MASSAGE, {"utm_source": "partner-blog", "utm_campaign": "winter"})
    choose_first_slot(client, "deep-tissue-massage")
    fill_details(client)
    checkout = follow_to(client, submit(client))
    paid = hosted_checkout_action(client, checkout, "Pay")

    status = status_after(client, paid)

    assert status.status_code == 200
    tags = soup(status).select_one("#booking-analytics")
    assert tags["data-booking-status"] == "confirmed"
    assert tags["data-utm-source"] == "partner-blog"
    assert tags["data-utm-campaign"] == "winter"
    assert tags.has_attr("hidden")
    ref = _draft(client)["ref"]
    assert Submission.objects.get(ref=ref).summary["utm"] == {
        "utm_source": "partner-blog",
        "utm_campaign": "winter",
    }
    wix = [b for b in sandbox.bookings() if b.get("externalUserId") == ref]
    assert len(wix) == 1  # externalUserId ties the Wix booking to our row with the tags
