"""Booking forms end to end on the sandbox (docs/wix-contract.md §25): the custom-form service's
questions asked, validated in place, kept, reviewed, and sent as ``formSubmission``; Wix's own
missing-field refusal marked on the field; owner mode too.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from tests.integration.helpers import (
    CONTACT,
    choose_first_slot,
    follow_to,
    hosted_checkout_action,
    our_bookings,
    page_text,
    soup,
    status_after,
    submit,
)
from wix_sandbox import Sandbox
from wix_sandbox.demo_forms import INTAKE_FORM_ID

pytestmark = pytest.mark.django_db(transaction=True)

SPORTS = "sports-massage"
ANSWERS = {
    "answer_focus_area": "Left calf, after a half marathon",
    "answer_training_level": "weekly",
    "answer_share_with_physio": "on",
}


def _details(client: Client, **fields: Any) -> Any:
    return client.post("/book/details/", {**CONTACT, "participants": 1, **fields})


def _error_of(page: Any, name: str) -> str:
    field = soup(page).select_one(f"[name={name}]")
    assert field is not None, name
    assert field.get("aria-invalid") == "true"
    described = soup(page).select_one(f"#{field['aria-describedby']}")
    return described.get_text(strip=True)


def test_the_custom_form_is_asked_with_its_labels(client: Client, sandbox: Sandbox) -> None:
    details = choose_first_slot(client, SPORTS)

    page = soup(details)
    legend = page.select_one("#booking-questions legend").get_text(strip=True)
    labels = [label.get_text(" ", strip=True) for label in page.select("#booking-questions label")]
    assert legend == "About your booking"
    assert labels == [
        "Which area should the therapist focus on?",
        "How often do you train? (optional)",
        "Share my notes with my physiotherapist",
    ]
    assert page.select_one("textarea[name=answer_focus_area]").has_attr("required")
    options = [o.get_text() for o in page.select("select[name=answer_training_level] option")]
    assert options == ["Choose one", "Rarely", "Once or twice a week", "Most days"]
    assert page.select_one("input[type=checkbox][name=answer_share_with_physio]") is not None
    # The contact fields stay the four the default form has.
    contact = next(
        f for f in page.select("#details-form fieldset") if f.legend.get_text() == "Contact details"
    )
    assert [i["name"] for i in contact.select("input")] == [
        "first_name",
        "last_name",
        "email",
        "phone",
    ]


def test_the_default_form_keeps_the_four_contact_fields_and_no_wix_form_call(
    client: Client, sandbox: Sandbox
) -> None:
    details = choose_first_slot(client, "deep-tissue-massage")

    assert soup(details).select_one("#booking-questions") is None
    assert "forms.summary" not in sandbox.call_counts()


def test_custom_form_service_booked_end_to_end(client: Client, sandbox: Sandbox) -> None:
    choose_first_slot(client, SPORTS)
    saved = _details(client, **ANSWERS)
    assert saved.status_code == 302
    review = client.get(saved["Location"])
    text = page_text(review)
    assert "Which area should the therapist focus on? Left calf, after a half marathon" in text
    assert "How often do you train? Once or twice a week" in text
    assert "Share my notes with my physiotherapist Yes" in text

    checkout = follow_to(client, submit(client))
    status = status_after(client, hosted_checkout_action(client, checkout, "Pay"))

    (booking,) = our_bookings(sandbox)
    assert (booking["status"], booking["formId"]) == ("CONFIRMED", INTAKE_FORM_ID)
    assert booking["contactDetails"]["email"] == CONTACT["email"]
    (stored,) = sandbox.form_submissions()
    assert stored["bookingId"] == booking["id"]
    assert stored["submissions"] == {
        "first_name": CONTACT["first_name"],
        "last_name": CONTACT["last_name"],
        "email": CONTACT["email"],
        "phone": CONTACT["phone"],
        "focus_area": "Left calf, after a half marathon",
        "training_level": "weekly",
        "share_with_physio": True,
    }
    assert soup(status).h1.get_text(strip=True) == "You're booked"


def test_a_missing_required_answer_is_said_on_its_field_and_nothing_is_lost(
    client: Client, sandbox: Sandbox
) -> None:
    choose_first_slot(client, SPORTS)

    page = _details(client, **{**ANSWERS, "answer_focus_area": "  "})

    assert page.status_code == 200
    assert _error_of(page, "answer_focus_area") == "Please answer this question."
    html = soup(page)
    assert html.select_one("input[name=email]")["value"] == CONTACT["email"]
    assert html.select_one("select[name=answer_training_level] option[selected]")["value"] == (
        "weekly"
    )
    assert html.select_one("input[name=answer_share_with_physio]").has_attr("checked")
    assert our_bookings(sandbox) == []


def test_the_form_error_is_swapped_in_place_for_htmx(client: Client, sandbox: Sandbox) -> None:
    choose_first_slot(client, SPORTS)

    partial = client.post(
        "/book/details/",
        {**CONTACT, "participants": 1, "answer_training_level": "nonsense"},
        headers={"HX-Request": "true", "HX-Target": "details-form"},
    )

    assert partial.status_code == 200
    assert b"<html" not in partial.content
    assert _error_of(partial, "answer_focus_area") == "Please answer this question."
    assert _error_of(partial, "answer_training_level") == "Please choose one of the options."


def test_wix_refusing_a_missing_answer_at_submit_marks_that_field(
    client: Client, sandbox: Sandbox
) -> None:
    # The business makes the question optional; the customer leaves it empty …
    sandbox.edit_form_field(INTAKE_FORM_ID, "focus_area", required=False)
    choose_first_slot(client, SPORTS)
    saved = _details(client, answer_training_level="daily")
    assert saved["Location"] == "/book/review/"
    # … and makes it required again before they press "Book" (the site's copy is older).
    sandbox.edit_form_field(INTAKE_FORM_ID, "focus_area", required=True)

    bounced = submit(client)

    assert bounced["Location"] == "/book/details/"
    page = client.get("/book/details/")
    assert _error_of(page, "answer_focus_area") == "Please answer this question."
    html = soup(page)
    assert html.select_one("input[name=first_name]")["value"] == CONTACT["first_name"]
    assert html.select_one("select[name=answer_training_level] option[selected]")["value"] == (
        "daily"
    )
    assert our_bookings(sandbox) == []
    # Answering it books as usual.
    again = _details(client, answer_training_level="daily", answer_focus_area="Shoulders")
    assert again["Location"] == "/book/review/"
    assert "/_wix-sandbox/checkout/" in submit(client)["Location"]
    assert sandbox.form_submissions()[0]["submissions"]["focus_area"] == "Shoulders"


@pytest.fixture
def owner(client: Client, sandbox: Sandbox) -> Client:
    staff = User.objects.create_user("desk", password="a-long-test-passphrase", is_staff=True)
    client.force_login(staff)
    return client


def _owner_slot(client: Client) -> str:
    for day in ("2026-12-07", "2026-12-08", "2026-12-09"):
        page = client.get(f"/owner/book/service/{SPORTS}/?date={day}")
        buttons = soup(page).select("button[name=slot]")
        if buttons:
            return str(buttons[0]["value"])
    raise AssertionError("no sports massage slot offered")


def test_owner_mode_asks_the_form_and_books_with_its_answers(
    owner: Client, sandbox: Sandbox
) -> None:
    owner.post(f"/owner/book/service/{SPORTS}/slot/", {"slot": _owner_slot(owner)})
    details = owner.get("/owner/book/details/")
    assert soup(details).select_one("textarea[name=answer_focus_area]") is not None
    person = {"first_name": "Ravi", "last_name": "Shah", "email": "ravi@example.com"}
    refused = owner.post("/owner/book/details/", {**person, "participants": 1, "payment": "venue"})
    assert _error_of(refused, "answer_focus_area") == "Please answer this question."

    saved = owner.post(
        "/owner/book/details/",
        {**person, "participants": 1, "payment": "venue", "answer_focus_area": "Lower back"},
    )
    assert saved["Location"] == "/owner/book/review/"
    review = page_text(owner.get("/owner/book/review/"))
    assert "Which area should the therapist focus on? Lower back" in review
    assert "Share my notes with my physiotherapist No" in review
    result = owner.post("/owner/book/submit/")

    assert result.status_code == 302, result.content[:500]
    (stored,) = sandbox.form_submissions()
    assert stored["submissions"] == {
        "first_name": "Ravi",
        "last_name": "Shah",
        "email": "ravi@example.com",
        "focus_area": "Lower back",
        "share_with_physio": False,
    }
    booking = next(b for b in sandbox.bookings() if b["id"] == stored["bookingId"])
    assert (booking["status"], booking["contactDetails"]["firstName"]) == ("CONFIRMED", "Ravi")


def test_owner_mode_marks_the_field_wix_refused_at_submit(owner: Client, sandbox: Sandbox) -> None:
    sandbox.edit_form_field(INTAKE_FORM_ID, "focus_area", required=False)
    owner.post(f"/owner/book/service/{SPORTS}/slot/", {"slot": _owner_slot(owner)})
    person = {"first_name": "Ravi", "last_name": "Shah", "email": "ravi@example.com"}
    saved = owner.post("/owner/book/details/", {**person, "participants": 1, "payment": "venue"})
    assert saved["Location"] == "/owner/book/review/"
    sandbox.edit_form_field(INTAKE_FORM_ID, "focus_area", required=True)

    bounced = owner.post("/owner/book/submit/")

    assert bounced["Location"] == "/owner/book/details/"
    page = owner.get("/owner/book/details/")
    assert _error_of(page, "answer_focus_area") == "Please answer this question."
    assert soup(page).select_one("input[name=email]")["value"] == "ravi@example.com"
    assert "Some of your answers weren't accepted" in page_text(page)
    assert sandbox.form_submissions() == []
