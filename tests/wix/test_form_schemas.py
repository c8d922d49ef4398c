"""Wix Forms: a booking form read from Get Form Summary and Get Form (docs/wix-contract.md §25)."""

from __future__ import annotations

from booking_site.wix import WixClient
from booking_site.wix.models.form_schemas import BookingForm, FormOption

from .fakes import ADMIN_HEADERS, FakeWix, auth_headers, load

FORM_ID = "9a7c1f5e-2b44-4d7e-8e0a-5c1b2d3e4f60"
BASE = f"/form-schema-service/v4/forms/{FORM_ID}"


def test_the_booking_form_merges_the_summary_with_get_forms_flags(
    wix: WixClient, fake: FakeWix
) -> None:
    fake.add("GET", f"{BASE}/summary", "form_summary")
    fake.add("GET", BASE, "form_get")

    form = wix.forms.get_booking_form(FORM_ID)

    assert fake.calls() == [("GET", f"{BASE}/summary"), ("GET", BASE)]
    assert all(auth_headers(r) == ADMIN_HEADERS for r in fake.requests)
    assert form.id == FORM_ID
    assert [(q.target, q.kind, q.required) for q in form.questions] == [
        ("level", "choice", True),
        ("notes", "long_text", False),
        ("waiver", "checkbox", True),
        ("home_address", None, False),
    ]
    assert form.field("level").options == (  # type: ignore[union-attr]
        FormOption("beginner", "Beginner"),
        FormOption("advanced", "Advanced"),
    )
    assert form.field("old_question") is None  # deleted
    assert form.field("internal_ref").hidden  # type: ignore[union-attr]
    assert form.unanswerable == ()  # the address is optional


def test_a_required_question_the_site_cannot_ask_makes_the_form_unanswerable() -> None:
    summary = load("form_summary")["formSummary"]
    full = load("form_get")["form"]
    for field in full["formFields"]:
        if field.get("inputOptions", {}).get("target") == "home_address":
            field["inputOptions"]["required"] = True

    form = BookingForm.from_api(summary, full)

    assert [f.target for f in form.unanswerable] == ["home_address"]


def test_without_get_form_every_question_is_optional() -> None:
    form = BookingForm.from_api(load("form_summary")["formSummary"], None)

    assert not any(q.required for q in form.questions)
    assert form.field("notes").kind == "text"  # type: ignore[union-attr]


def test_a_checkbox_group_is_asked_with_its_options_and_limits_a_tags_array_is_not() -> None:
    summary = {
        "id": FORM_ID,
        "fields": [
            {
                "target": "goals",
                "label": "Goals",
                "type": "ARRAY",
                "options": [{"label": "Strength", "value": "strength"}],
            },
            {"target": "tags", "label": "Tags", "type": "ARRAY", "options": []},
        ],
    }
    full = {
        "formFields": [
            {
                "inputOptions": {
                    "target": "goals",
                    "inputType": "ARRAY",
                    "required": True,
                    "arrayOptions": {"validation": {"minItems": 1, "maxItems": 3}},
                }
            },
        ]
    }

    form = BookingForm.from_api(summary, full)

    goals, tags = form.questions
    assert (goals.kind, goals.required, goals.min_items, goals.max_items) == ("choices", True, 1, 3)
    assert goals.options == (FormOption("strength", "Strength"),)
    assert (tags.kind, form.asked, form.not_asked) == (None, (goals,), (tags,))
