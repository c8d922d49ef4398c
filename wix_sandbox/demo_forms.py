"""Booking forms (Wix Forms, docs/wix-contract.md §13.4, §25): the demo's custom form and its
service, Get Form Summary / Get Form, and Create Booking's checks of ``formSubmission``.

Every other demo service uses the default form (zero GUID): first name, last name and email
required, phone optional. ``sports_massage`` uses an intake form with three more questions (a
required text, an optional dropdown, an optional checkbox). Answers are stored as a form
submission, as Wix does (the booking only carries ``formId`` and ``formSubmissionId``);
``Sandbox.form_submissions()`` shows them to tests. ``Sandbox.add_form_field`` adds a question
the way an owner would (a checkbox group, an address…) to test the other field types.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from .demo_types import DEFAULT_FORM_ID, ServiceSpec, demo_id
from .errors import FieldViolation, app_error, invalid_fields, not_found

if TYPE_CHECKING:  # context → state → demo → here: only the type is needed
    from .context import Ctx


@dataclass(frozen=True)
class FormFieldSpec:
    """One input: its ``target``, label, summary ``type``, options and Get Form's flags."""

    target: str
    label: str
    type: str = "STRING"
    required: bool = False
    options: tuple[tuple[str, str], ...] = ()  # (value, label)
    identifier: str = "TEXT_INPUT"
    max_items: int | None = None  # a checkbox group's ``validation.maxItems``

    @property
    def id(self) -> str:
        return demo_id("form-field", self.target)


_CONTACT = (
    FormFieldSpec("first_name", "First name", required=True, identifier="CONTACTS_FIRST_NAME"),
    FormFieldSpec("last_name", "Last name", required=True, identifier="CONTACTS_LAST_NAME"),
    FormFieldSpec("email", "Email", "EMAIL", required=True, identifier="CONTACTS_EMAIL"),
    FormFieldSpec("phone", "Phone", "PHONE", identifier="CONTACTS_PHONE"),
)
INTAKE_FORM_ID = demo_id("form", "sports-massage-intake")
FORMS: dict[str, tuple[FormFieldSpec, ...]] = {
    DEFAULT_FORM_ID: _CONTACT,
    INTAKE_FORM_ID: (
        *_CONTACT,
        FormFieldSpec(
            "focus_area",
            "Which area should the therapist focus on?",
            required=True,
            identifier="TEXT_AREA",
        ),
        FormFieldSpec(
            "training_level",
            "How often do you train?",
            options=(
                ("rarely", "Rarely"),
                ("weekly", "Once or twice a week"),
                ("daily", "Most days"),
            ),
            identifier="DROPDOWN",
        ),
        FormFieldSpec(
            "share_with_physio",
            "Share my notes with my physiotherapist",
            "BOOLEAN",
            identifier="CHECKBOX",
        ),
    ),
}

SERVICES: tuple[ServiceSpec, ...] = (
    ServiceSpec(
        "sports_massage",
        "Sports massage",
        "APPOINTMENT",
        "Targeted work for training aches, with a short intake form.",
        "A 45-minute treatment for runners, climbers and gym regulars. The booking form asks "
        "where it hurts and how often you train, so your therapist can plan the session.",
        "fernleigh-deep-tissue-massage.svg",
        "massage",
        45,
        "FIXED",
        Decimal("55.00"),
        staff=("maya", "tom"),
        locations=("islington",),
    ),
)
FORM_OF_SERVICE = {"sports_massage": INTAKE_FORM_ID}


def form_id(spec: ServiceSpec) -> str:
    """The booking form a service uses (``service.form.id``)."""
    return FORM_OF_SERVICE.get(spec.key, DEFAULT_FORM_ID)


def fields_of(ctx: Ctx, wanted: str) -> tuple[FormFieldSpec, ...]:
    """A form's fields as the business has them now (``Sandbox.edit_form_field`` and
    ``Sandbox.add_form_field`` change them)."""
    return tuple(
        dataclasses.replace(f, required=ctx.state.form_required.get((wanted, f.target), f.required))
        for f in (*FORMS[wanted], *ctx.state.form_added.get(wanted, ()))
    )


# Summary ``type`` → Get Form's ``inputOptions.inputType`` and its options key (§25, Forms SDK
# ``InputField``); text-like summary types are all ``STRING`` inputs.
_INPUTS = {
    "BOOLEAN": ("BOOLEAN", "booleanOptions"),
    "NUMBER": ("NUMBER", "numberOptions"),
    "ARRAY": ("ARRAY", "arrayOptions"),
    "OBJECT": ("OBJECT", "objectOptions"),
    "MULTILINE_ADDRESS": ("ADDRESS", "addressOptions"),
    "WIX_FILE": ("WIX_FILE", "wixFileOptions"),
    "PAYMENT": ("PAYMENT", "paymentOptions"),
}
# Summary types whose answer must be a JSON object (Wix: "must be object", §25).
OBJECT_TYPES = frozenset({"OBJECT", "MULTILINE_ADDRESS", "WIX_FILE", "SIGNATURE", "PAYMENT"})


def _input_options(f: FormFieldSpec) -> dict[str, Any]:
    input_type, options_key = _INPUTS.get(f.type, ("STRING", "stringOptions"))
    options: dict[str, Any] = {"validation": {}}
    if f.type == "ARRAY":
        options = {
            "componentType": "CHECKBOX_GROUP",
            "checkboxGroupOptions": {
                "label": f.label,
                "options": [{"label": label, "value": value} for value, label in f.options],
            },
            "validation": {"maxItems": f.max_items} if f.max_items else {},
        }
    return {
        "target": f.target,
        "inputType": input_type,
        "required": f.required,
        "pii": f.target in ("first_name", "last_name", "email", "phone"),
        options_key: options,
    }


def _fields(ctx: Ctx) -> tuple[str, tuple[FormFieldSpec, ...]]:
    wanted = ctx.params.get("formId", "")
    if wanted != DEFAULT_FORM_ID and "booking_form_restricted" in ctx.state.misconfigurations:
        # The key (or visitor) lacks the Wix Forms read permission (§25: apps only).
        raise app_error(403, "PERMISSION_DENIED", "permission forms:v4:form:get_form_summary")
    if wanted not in FORMS:
        raise not_found("FORM_NOT_FOUND", f"form {wanted} not found")
    return wanted, fields_of(ctx, wanted)


def get_form_summary(ctx: Ctx) -> dict[str, Any]:
    """GET /form-schema-service/v4/forms/{formId}/summary → ``{formSummary}``."""
    wanted, fields = _fields(ctx)
    return {
        "formSummary": {
            "id": wanted,
            "fields": [
                {
                    "id": f.id,
                    "target": f.target,
                    "label": f.label,
                    "type": f.type,
                    "options": [{"label": label, "value": value} for value, label in f.options],
                    "deleted": False,
                    "fields": [],
                }
                for f in fields
            ],
        }
    }


def get_form(ctx: Ctx) -> dict[str, Any]:
    """GET /form-schema-service/v4/forms/{formId} → ``{form}``: the nested schema (§25)."""
    wanted, fields = _fields(ctx)
    return {
        "form": {
            "id": wanted,
            "namespace": "wix.bookings.v2.bookings",
            "formFields": [
                {
                    "id": f.id,
                    "hidden": False,
                    "identifier": f.identifier,
                    "fieldType": "INPUT",
                    "inputOptions": _input_options(f),
                }
                for f in fields
            ],
            "steps": [{"id": demo_id("form-step", wanted), "name": "Page 1", "hidden": False}],
        }
    }


def check_submission(ctx: Ctx, spec: ServiceSpec, body: dict[str, Any]) -> dict[str, Any] | None:
    """Create Booking's checks of ``formSubmission``; the submission to store, if any.

    Without one, ``contactDetails`` alone must satisfy the form: fine for the default form,
    a missing-field error for a form with more required questions. Missing required targets
    are a 400 validation error naming each ("… must have required property '…'", §25);
    ``contactDetails`` beyond ``contactId`` that disagree with it are
    ``CONTACT_DETAILS_CONFLICT``.
    """
    fields = fields_of(ctx, form_id(spec))
    given = body.get("formSubmission")
    submission = given if isinstance(given, dict) else None
    answers = submission or {}
    if submission is None:
        contact = (body.get("booking") or {}).get("contactDetails") or {}
        answers = {"first_name": contact.get("firstName"), "email": contact.get("email")}
        answers |= {"last_name": contact.get("lastName"), "phone": contact.get("phone")}
    missing = [f.target for f in fields if f.required and _unanswered(answers.get(f.target))]
    if submission is None:  # contactDetails only: the default form's basics are checked elsewhere
        missing = [t for t in missing if t not in ("first_name", "last_name", "email", "phone")]
    if missing:
        raise invalid_fields(
            [
                FieldViolation("formSubmission", f"{t} must have required property '{t}'")
                for t in missing
            ]
        )
    if submission is not None:
        _check_shapes(fields, submission)
        _check_conflict(body, submission)
    return submission


def _unanswered(value: Any) -> bool:
    return value in (None, "", False) or value == [] or value == {}


def _check_shapes(fields: tuple[FormFieldSpec, ...], submission: dict[str, Any]) -> None:
    """Wix's type checks of the answers: an array where the form has a checkbox group (of its
    own option values), an object for object-valued types, 400 validation errors otherwise."""
    violations = []
    for f in fields:
        value = submission.get(f.target)
        if value is None:
            continue
        if f.type == "ARRAY":
            allowed = {v for v, _ in f.options}
            if not isinstance(value, list) or not all(v in allowed for v in value):
                violations.append(FieldViolation(f"formSubmission.{f.target}", "must be array"))
            elif f.max_items and len(value) > f.max_items:
                violations.append(
                    FieldViolation(
                        f"formSubmission.{f.target}",
                        f"must NOT have more than {f.max_items} items",
                    )
                )
        elif f.type in OBJECT_TYPES and not isinstance(value, dict):
            violations.append(FieldViolation(f"formSubmission.{f.target}", "must be object"))
    if violations:
        raise invalid_fields(violations)


def _check_conflict(body: dict[str, Any], submission: dict[str, Any]) -> None:
    contact = (body.get("booking") or {}).get("contactDetails") or {}
    pairs = (("firstName", "first_name"), ("lastName", "last_name"), ("email", "email"))
    for ours, target in (*pairs, ("phone", "phone")):
        if contact.get(ours) not in (None, "") and contact.get(ours) != submission.get(target):
            raise app_error(
                400,
                "CONTACT_DETAILS_CONFLICT",
                "Contact details in the booking don't match the form submission",
            )


def store_submission(ctx: Ctx, spec: ServiceSpec, doc: dict[str, Any], answers: Any) -> None:
    """Keep the answers as the booking's form submission (``formId``/``formSubmissionId``)."""
    doc["formId"] = form_id(spec)
    if isinstance(answers, dict):
        ctx.state.form_submissions[str(doc["formSubmissionId"])] = {
            "formId": doc["formId"],
            "bookingId": doc["id"],
            "submissions": dict(answers),
        }
