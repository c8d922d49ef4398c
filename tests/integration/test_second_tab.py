"""A second tab (issue 16 point 13): a page rendered for an older draft, sent after the draft
changed in another tab, says so and shows the current booking instead of booking it blindly."""

from __future__ import annotations

import pytest
from django.test import Client

from wix_sandbox import Sandbox

from .helpers import CONTACT, choose_first_slot, fill_details, our_bookings, page_text, soup

pytestmark = pytest.mark.django_db

MASSAGE, CONSULTATION = "deep-tissue-massage", "wellbeing-consultation"
DAY = "2026-12-09"


def _version(page) -> str:
    field = soup(page).select_one("input[name=draft_version]")
    assert field is not None, page.content.decode()[:1500]
    return str(field["value"])


def _service_row(page) -> str:
    rows = [
        r.dd.get_text() for r in soup(page).select("dl.summary > div") if r.dt.text == "Service"
    ]
    return rows[0]


def test_an_older_review_page_is_not_submitted_for_another_service(
    client: Client, sandbox: Sandbox
) -> None:
    # Tab 1 reaches the review of a consultation ...
    choose_first_slot(client, CONSULTATION, date=DAY)
    tab_one = fill_details(client)
    assert _service_row(tab_one) == "Wellbeing consultation"
    old_version = _version(tab_one)
    # ... tab 2 (same session) then picks a massage and gets to its review.
    choose_first_slot(client, MASSAGE, date=DAY)
    tab_two = fill_details(client, payment_option="OFFLINE")
    assert _service_row(tab_two) == "Deep tissue massage"
    assert _version(tab_two) != old_version

    # Tab 1's "Confirm booking" now: nothing is booked; the current booking is shown to confirm.
    answer = client.post("/book/submit/", {"draft_version": old_version})
    assert answer.status_code == 302
    assert answer["Location"] == "/book/review/"
    assert our_bookings(sandbox) == []
    review = client.get(answer["Location"])
    assert "This booking was changed in another tab or window." in page_text(review)
    assert _service_row(review) == "Deep tissue massage"

    # Confirming the page that shows it books it.
    done = client.post("/book/submit/", {"draft_version": _version(review)})
    assert done.status_code == 302
    assert [b["bookedEntity"]["title"] for b in our_bookings(sandbox)] == ["Deep tissue massage"]


def test_an_older_details_form_is_not_applied_to_the_new_choice(
    client: Client, sandbox: Sandbox
) -> None:
    tab_one = choose_first_slot(client, CONSULTATION, date=DAY)
    old_version = _version(tab_one)
    choose_first_slot(client, MASSAGE, date=DAY)

    answer = client.post(
        "/book/details/", {**CONTACT, "participants": "1", "draft_version": old_version}
    )
    assert answer.status_code == 302
    assert answer["Location"] == "/book/details/"
    page = client.get("/book/details/")
    assert "You changed this booking in another tab or window." in page_text(page)
    assert _service_row(page) == "Deep tissue massage"
    # Nothing was applied: the review still waits for these details.
    assert client.get("/book/review/")["Location"] == "/book/details/"


def test_htmx_gets_a_redirect_not_a_silent_swap(client: Client, sandbox: Sandbox) -> None:
    tab_one = choose_first_slot(client, CONSULTATION, date=DAY)
    old_version = _version(tab_one)
    choose_first_slot(client, MASSAGE, date=DAY)
    answer = client.post(
        "/book/details/",
        {**CONTACT, "participants": "1", "draft_version": old_version},
        headers={"HX-Request": "true", "HX-Target": "details-form"},
    )
    assert answer["HX-Redirect"] == "/book/details/"
