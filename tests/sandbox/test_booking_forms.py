"""Booking forms in the sandbox (docs/wix-contract.md §13.4, §25): the two reads, and Create
Booking's checks of ``formSubmission``."""

from __future__ import annotations

from typing import Any

import httpx

from wix_sandbox import Sandbox
from wix_sandbox.demo import DEFAULT_FORM_ID
from wix_sandbox.demo_forms import INTAKE_FORM_ID, FormFieldSpec

from .conftest import app_code, appointment_slot, booking_body

PATH = "/bookings/v2/bookings"
FORMS = "/form-schema-service/v4/forms"
# Maya works Mondays in Islington; 45 minutes from 10:00.
SLOT = {"service": "sports_massage", "start": "2026-03-02T10:00:00", "end": "2026-03-02T10:45:00"}
SUBMISSION = {"first_name": "Ann", "last_name": "Lee", "email": "ann.lee@example.com"}


def _create(api: httpx.Client, headers: dict[str, str], sandbox: Sandbox, **body: object) -> Any:
    payload = booking_body({"slot": appointment_slot(sandbox, **SLOT)})
    if "formSubmission" in body:
        del payload["booking"]["contactDetails"]
    return api.post(PATH, json=payload | body, headers=headers)


def test_the_service_names_its_form_and_the_summary_lists_its_fields(
    api: httpx.Client, visitor: dict[str, str], sandbox: Sandbox
) -> None:
    service = api.get(
        f"/bookings/v2/services/{sandbox.demo.service('sports_massage')}", headers=visitor
    ).json()["service"]

    summary = api.get(f"{FORMS}/{service['form']['id']}/summary", headers=visitor).json()

    assert service["form"]["id"] == INTAKE_FORM_ID
    fields = summary["formSummary"]["fields"]
    assert [(f["target"], f["type"]) for f in fields] == [
        ("first_name", "STRING"),
        ("last_name", "STRING"),
        ("email", "EMAIL"),
        ("phone", "PHONE"),
        ("focus_area", "STRING"),
        ("training_level", "STRING"),
        ("share_with_physio", "BOOLEAN"),
    ]
    assert fields[5]["options"][0] == {"label": "Rarely", "value": "rarely"}
    assert "required" not in fields[4]  # only Get Form says (§25)


def test_get_form_has_required_in_the_nested_input_options(
    api: httpx.Client, visitor: dict[str, str]
) -> None:
    form = api.get(f"{FORMS}/{INTAKE_FORM_ID}", headers=visitor).json()["form"]
    default = api.get(f"/_api/form-schema-service/v4/forms/{DEFAULT_FORM_ID}", headers=visitor)

    required = {
        f["inputOptions"]["target"]: f["inputOptions"]["required"] for f in form["formFields"]
    }
    assert required == {
        "first_name": True,
        "last_name": True,
        "email": True,
        "phone": False,
        "focus_area": True,
        "training_level": False,
        "share_with_physio": False,
    }
    assert [f["inputOptions"]["target"] for f in default.json()["form"]["formFields"]] == [
        "first_name",
        "last_name",
        "email",
        "phone",
    ]


def test_an_unknown_form_is_404(api: httpx.Client, visitor: dict[str, str]) -> None:
    assert api.get(f"{FORMS}/nope/summary", headers=visitor).status_code == 404


def test_a_missing_required_answer_is_a_field_violation(
    api: httpx.Client, visitor: dict[str, str], sandbox: Sandbox
) -> None:
    response = _create(api, visitor, sandbox, formSubmission=SUBMISSION)
    only_contact = _create(api, visitor, sandbox)

    for refused in (response, only_contact):
        assert refused.status_code == 400
        (violation,) = refused.json()["details"]["validationError"]["fieldViolations"]
        assert violation["description"] == "focus_area must have required property 'focus_area'"
    assert sandbox.bookings() == [b for b in sandbox.bookings() if not b.get("externalUserId")]


def test_the_answers_are_stored_as_the_bookings_form_submission(
    api: httpx.Client, visitor: dict[str, str], sandbox: Sandbox
) -> None:
    answers = {**SUBMISSION, "focus_area": "Hamstrings", "share_with_physio": True}

    booking = _create(api, visitor, sandbox, formSubmission=answers).json()["booking"]

    assert (booking["formId"], booking["contactDetails"]["firstName"]) == (INTAKE_FORM_ID, "Ann")
    assert sandbox.form_submissions() == [
        {"formId": INTAKE_FORM_ID, "bookingId": booking["id"], "submissions": answers}
    ]


def test_the_owner_can_make_a_question_optional(
    api: httpx.Client, visitor: dict[str, str], sandbox: Sandbox
) -> None:
    sandbox.edit_form_field(INTAKE_FORM_ID, "focus_area", required=False)

    created = _create(api, visitor, sandbox, formSubmission=SUBMISSION)
    sandbox.reset()
    refused = _create(api, visitor, sandbox, formSubmission=SUBMISSION)

    assert created.status_code == 200
    assert (refused.status_code, app_code(refused)) == (400, None)  # a validationError


def test_a_checkbox_group_answer_must_be_an_array_of_its_options_and_an_address_an_object(
    api: httpx.Client, visitor: dict[str, str], sandbox: Sandbox
) -> None:
    options = (("sprain", "A sprain"), ("surgery", "Surgery"))
    sandbox.add_form_field(
        INTAKE_FORM_ID, FormFieldSpec("injuries", "Injuries", "ARRAY", options=options)
    )
    sandbox.add_form_field(INTAKE_FORM_ID, FormFieldSpec("home", "Home", "MULTILINE_ADDRESS"))
    base = {**SUBMISSION, "focus_area": "Calf"}

    as_text = _create(api, visitor, sandbox, formSubmission={**base, "injuries": "sprain"})
    unknown = _create(api, visitor, sandbox, formSubmission={**base, "injuries": ["cold"]})
    address = _create(api, visitor, sandbox, formSubmission={**base, "home": "1 High St"})
    fine = _create(api, visitor, sandbox, formSubmission={**base, "injuries": ["surgery"]})

    violations = [
        r.json()["details"]["validationError"]["fieldViolations"]
        for r in (as_text, unknown, address)
    ]
    assert [r.status_code for r in (as_text, unknown, address, fine)] == [400, 400, 400, 200]
    assert [(v[0]["field"], v[0]["description"]) for v in violations] == [
        ("formSubmission.injuries", "must be array"),
        ("formSubmission.injuries", "must be array"),
        ("formSubmission.home", "must be object"),
    ]
    form = api.get(f"{FORMS}/{INTAKE_FORM_ID}", headers=visitor).json()["form"]
    group = next(f for f in form["formFields"] if f["inputOptions"]["target"] == "injuries")
    assert group["inputOptions"]["inputType"] == "ARRAY"
    assert group["inputOptions"]["arrayOptions"]["checkboxGroupOptions"]["options"] == [
        {"label": "A sprain", "value": "sprain"},
        {"label": "Surgery", "value": "surgery"},
    ]
