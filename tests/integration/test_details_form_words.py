"""The details form speaks the site's own sentences, limits input lengths and asks only what it
must (issue 16 point 12)."""

from __future__ import annotations

import pytest
from django.test import Client

from wix_sandbox import Sandbox

from .helpers import CONTACT, choose_first_slot, soup

pytestmark = pytest.mark.django_db

# Django's default wordings: none may reach a customer.
DJANGO_DEFAULTS = (
    "This field is required",
    "Enter a valid",
    "Ensure this value",
    "Enter a whole number",
    "Select a valid choice",
)


def _errors(page) -> dict[str, str]:
    return {
        p["id"].removeprefix("id_").removesuffix("-error"): p.get_text(" ", strip=True)
        for p in soup(page).select("p.field-error")
    }


def _post(client: Client, **fields: str):
    return client.post("/book/details/", {**CONTACT, "participants": "1", **fields})


def test_empty_fields_each_say_what_to_enter(sandbox: Sandbox) -> None:
    client = Client()
    choose_first_slot(client, "vinyasa-flow", min_spots=4, date="2026-12-15")
    page = _post(client, first_name="", last_name="", email="", participants="")
    assert _errors(page) == {
        "first_name": "Please enter your first name.",
        "last_name": "Please enter your last name.",
        "email": "Please enter your email address: the booking confirmation goes there.",
        "participants": "Please say how many people are coming.",
    }


def test_too_long_bad_email_bad_phone_and_counts_in_plain_words(sandbox: Sandbox) -> None:
    client = Client()
    choose_first_slot(client, "vinyasa-flow", min_spots=4, date="2026-12-15")
    page = _post(
        client,
        first_name="A" * 101,
        last_name="B" * 101,
        email="not-an-email",
        phone="call me maybe",
        participants="5",
    )
    assert _errors(page) == {
        "first_name": "Your first name can be at most 100 characters.",
        "last_name": "Your last name can be at most 100 characters.",
        "email": "Enter an email address like name@example.com.",
        "phone": "Enter a phone number, like +44 7700 900123.",
        "participants": "At most 4 people can be booked at once.",
    }
    long_email = _post(client, email="a" * 250 + "@example.com", phone="+" + "1" * 30)
    assert _errors(long_email) == {
        "email": "An email address can be at most 254 characters.",
        "phone": "Enter a phone number, like +44 7700 900123.",
    }
    for bad in ("two", "0"):
        assert _errors(_post(client, participants=bad))["participants"] in {
            "Enter the number of people as a whole number, like 2.",
            "At least one person must come.",
        }
    text = soup(page).get_text(" ")
    assert [d for d in DJANGO_DEFAULTS if d in text] == []


def test_inputs_carry_maxlength(sandbox: Sandbox) -> None:
    client = Client()
    page = choose_first_slot(client, "vinyasa-flow")
    lengths = {i["name"]: i.get("maxlength") for i in soup(page).select("#details-form input")}
    assert {k: lengths[k] for k in ("first_name", "last_name", "email", "phone")} == {
        "first_name": "100",
        "last_name": "100",
        "email": "254",
        "phone": "21",
    }


def test_participants_are_asked_only_when_more_than_one_can_come(sandbox: Sandbox) -> None:
    one = Client()
    massage = soup(choose_first_slot(one, "deep-tissue-massage"))
    assert massage.select("fieldset.participants") == []
    assert "Participants" not in massage.select_one("#details-form").get_text()
    hidden = massage.select_one("input[name=participants]")
    assert hidden is not None
    assert hidden["type"] == "hidden"
    assert hidden["value"] == "1"

    many = Client()
    yoga = soup(choose_first_slot(many, "vinyasa-flow", min_spots=4, date="2026-12-15"))
    field = yoga.select_one("fieldset.participants input[name=participants]")
    assert field is not None
    assert field["type"] == "number"


def test_change_time_goes_back_to_the_chosen_day_in_the_chosen_zone(sandbox: Sandbox) -> None:
    client = Client()
    page = client.get("/services/deep-tissue-massage/", {"tz": "America/New_York"})
    key = soup(page).select_one("button[name=slot]")["value"]
    day = soup(page).select_one("a[aria-current=date]")["href"]
    client.post("/services/deep-tissue-massage/choose/", {"slot": key, "tz": "America/New_York"})
    details = soup(client.get("/book/details/"))
    link = details.select_one("a#change-time")
    assert link is not None
    assert link.get_text() == "Change time"
    href = link["href"]
    assert href.startswith("/services/deep-tissue-massage/?date=")
    assert "tz=America%2FNew_York" in href
    chosen_date = href.split("date=")[1].split("&")[0]
    assert f"date={chosen_date}" in day
