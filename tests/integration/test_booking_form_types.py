"""Booking form questions beyond text, dropdown and checkbox (docs/wix-contract.md §25): a
checkbox group (``ARRAY``) asked, validated, kept, reviewed and sent as a JSON array; an
object-valued question (an address) the site can't build named on the page, never dropped in
silence; a form Wix refuses to serve remembered briefly instead of asked on every view.
"""

from __future__ import annotations

import dataclasses
from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from tests.integration.helpers import (
    CONTACT,
    choose_first_slot,
    our_bookings,
    page_text,
    pay_at_checkout,
    soup,
    submit,
)
from wix_sandbox import Sandbox
from wix_sandbox.demo_forms import INTAKE_FORM_ID, FormFieldSpec

pytestmark = pytest.mark.django_db(transaction=True)

SPORTS = "sports-massage"
FOCUS = {"answer_focus_area": "Left calf"}
INJURIES = FormFieldSpec(
    "injuries",
    "Any of these in the last year?",
    "ARRAY",
    options=(("sprain", "A sprain"), ("fracture", "A fracture"), ("surgery", "Surgery")),
    identifier="CHECKBOX_GROUP",
    max_items=2,
)
ADDRESS = FormFieldSpec(
    "home_address", "Home address", "MULTILINE_ADDRESS", identifier="MULTILINE_ADDRESS"
)


def _details(client: Client, **fields: Any) -> Any:
    return client.post("/book/details/", {**CONTACT, "participants": 1, **FOCUS, **fields})


def _group_error(page: Any) -> str:
    group = soup(page).select_one("fieldset#id_answer_injuries")
    assert group is not None
    described = soup(page).select_one(f"#{group['aria-describedby']}")
    return described.get_text(strip=True)


def test_a_checkbox_group_is_asked_as_one_group_of_its_options(
    client: Client, sandbox: Sandbox
) -> None:
    sandbox.add_form_field(INTAKE_FORM_ID, INJURIES)

    page = soup(choose_first_slot(client, SPORTS))

    group = page.select_one("#booking-questions fieldset#id_answer_injuries")
    assert group.legend.get_text(" ", strip=True) == "Any of these in the last year? (optional)"
    boxes = group.select("input[type=checkbox][name=answer_injuries]")
    assert [b["value"] for b in boxes] == ["sprain", "fracture", "surgery"]
    assert [group.select_one(f"label[for={b['id']}]").get_text() for b in boxes] == [
        "A sprain",
        "A fracture",
        "Surgery",
    ]


def test_checkbox_group_answers_are_kept_reviewed_and_sent_as_an_array(
    client: Client, sandbox: Sandbox
) -> None:
    sandbox.add_form_field(INTAKE_FORM_ID, INJURIES)
    choose_first_slot(client, SPORTS)

    saved = _details(client, answer_injuries=["sprain", "surgery"])
    assert saved["Location"] == "/book/review/"
    assert "Any of these in the last year? A sprain, Surgery" in page_text(
        client.get("/book/review/")
    )
    # Back on the details page, the ticks are still there (kept in the draft).
    again = soup(client.get("/book/details/"))
    ticked = [b["value"] for b in again.select("input[name=answer_injuries][checked]")]
    assert ticked == ["sprain", "surgery"]

    status = pay_at_checkout(client, submit(client))

    (booking,) = our_bookings(sandbox)
    (stored,) = sandbox.form_submissions()
    assert stored["bookingId"] == booking["id"]
    assert stored["submissions"]["injuries"] == ["sprain", "surgery"]
    assert soup(status).h1.get_text(strip=True) == "You're booked"


def test_an_unticked_optional_group_is_left_out_and_says_so_on_review(
    client: Client, sandbox: Sandbox
) -> None:
    sandbox.add_form_field(INTAKE_FORM_ID, INJURIES)
    choose_first_slot(client, SPORTS)

    assert _details(client)["Location"] == "/book/review/"

    assert "Any of these in the last year? None ticked" in page_text(client.get("/book/review/"))
    submit(client)
    assert "injuries" not in sandbox.form_submissions()[0]["submissions"]


def test_a_required_group_needs_a_tick_and_wix_limits_are_kept(
    client: Client, sandbox: Sandbox
) -> None:
    sandbox.add_form_field(INTAKE_FORM_ID, INJURIES)
    sandbox.edit_form_field(INTAKE_FORM_ID, "injuries", required=True)
    choose_first_slot(client, SPORTS)

    none = _details(client)
    three = _details(client, answer_injuries=["sprain", "fracture", "surgery"])
    unknown = _details(client, answer_injuries=["broken-heart"])

    assert _group_error(none) == "Please tick the options that apply."
    assert _group_error(three) == "Please tick at most 2 options."
    assert _group_error(unknown) == "Please tick the options that apply."
    assert sandbox.form_submissions() == []


def test_an_optional_address_question_is_named_on_the_page_and_the_booking_goes_through(
    client: Client, sandbox: Sandbox
) -> None:
    sandbox.add_form_field(INTAKE_FORM_ID, ADDRESS)

    details = choose_first_slot(client, SPORTS)

    note = " ".join(soup(details).select_one("#questions-not-asked").get_text().split())
    assert "also has a question this page can't ask: “Home address”" in note
    assert "left unanswered here" in note
    assert soup(details).select_one("[name=answer_home_address]") is None
    assert _details(client)["Location"] == "/book/review/"
    assert "Home address Not asked on this site" in page_text(client.get("/book/review/"))
    submit(client)
    (stored,) = sandbox.form_submissions()
    assert "home_address" not in stored["submissions"]


def test_a_required_address_question_makes_the_service_say_contact_us(
    client: Client, sandbox: Sandbox
) -> None:
    sandbox.add_form_field(INTAKE_FORM_ID, dataclasses.replace(ADDRESS, required=True))

    page = choose_first_slot(client, SPORTS)

    assert soup(page).select_one("#details-form") is None
    assert "contact" in page_text(page).lower()
    assert our_bookings(sandbox) == []


def test_wix_doctor_names_the_question_it_cannot_ask(sandbox: Sandbox, capsys: Any) -> None:
    sandbox.add_form_field(INTAKE_FORM_ID, ADDRESS)
    sandbox.add_form_field(INTAKE_FORM_ID, INJURIES)

    call_command("wix_doctor")

    out = capsys.readouterr().out
    assert "“Any of these in the last year?” (optional)" in out
    assert (
        "[WARN] service Sports massage: Its booking form's optional “Home address” "
        "(MULTILINE_ADDRESS) can't be asked here"
    ) in out


def test_a_refused_form_is_remembered_briefly_not_asked_on_every_view(
    client: Client, sandbox: Sandbox
) -> None:
    sandbox.set_misconfiguration("booking_form_restricted")
    first = choose_first_slot(client, SPORTS)
    assert soup(first).select_one("#booking-questions") is None  # the contact fields only
    asked = sandbox.call_counts()["forms.summary"]

    for _ in range(3):
        client.get("/book/details/")
    assert sandbox.call_counts()["forms.summary"] == asked

    sandbox.set_misconfiguration("booking_form_restricted", enabled=False)
    with time_machine.travel(timezone.now() + timedelta(minutes=3), tick=False):
        later = client.get("/book/details/")
    assert sandbox.call_counts()["forms.summary"] == asked + 1
    assert soup(later).select_one("textarea[name=answer_focus_area]") is not None
