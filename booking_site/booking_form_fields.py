"""The booking form's extra questions as Django form fields, for both details forms.

A service with a custom Wix booking form (``services/booking_form.py``) asks its questions
beside the contact fields: each becomes one field named ``answer_<target>`` (text, long text,
dropdown, checkbox, number, email, phone or web address), required when Wix says so, with the
site's own wording for every error. Input parsing only: no Wix calls.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext_lazy as _

from booking_site.contact_forms import TelInput
from booking_site.validators import ANSWER_PREFIX, CONTACT_FIELDS, PHONE_PATTERN

if TYPE_CHECKING:  # the model is only read (duck-typed) here
    from booking_site.wix.models.form_schemas import FormField

PREFIX = ANSWER_PREFIX
TEXT_MAX_LENGTH = 200
LONG_TEXT_MAX_LENGTH = 2000

# The site's own sentences (never Wix's descriptions).
ANSWER_NEEDED = _("Please answer this question.")
TICK_NEEDED = _("Please tick this box to continue.")
PICK_ONE = _("Please choose one of the options.")
REFUSED = {
    "missing": ANSWER_NEEDED,
    "invalid": _("The booking system didn't accept this answer. Please check it."),
}


def field_name(target: str) -> str:
    """The form field (and HTML name) of a booking form question."""
    return PREFIX + target


def _field(question: FormField) -> forms.Field | None:
    required = question.required
    common: dict[str, Any] = {"label": question.label, "required": required}
    needed = {"required": ANSWER_NEEDED}
    match question.kind:
        case "text":
            return forms.CharField(
                max_length=TEXT_MAX_LENGTH, error_messages=needed | _too_long(), **common
            )
        case "long_text":
            return forms.CharField(
                max_length=LONG_TEXT_MAX_LENGTH,
                widget=forms.Textarea(attrs={"rows": 3}),
                error_messages=needed | _too_long(),
                **common,
            )
        case "choice":
            choices = [("", _("Choose one")), *((o.value, o.label) for o in question.options)]
            return forms.ChoiceField(
                choices=choices,
                error_messages=needed | {"invalid_choice": PICK_ONE, "required": PICK_ONE},
                **common,
            )
        case "checkbox":
            return forms.BooleanField(error_messages={"required": TICK_NEEDED}, **common)
        case "number":
            return forms.DecimalField(
                error_messages=needed | {"invalid": _("Enter a number, like 3.")}, **common
            )
        case "email":
            return forms.EmailField(
                error_messages=needed | {"invalid": _("Enter an email, like name@example.com.")},
                **common,
            )
        case "phone":
            return forms.RegexField(
                regex=PHONE_PATTERN,
                widget=TelInput,
                error_messages=needed
                | {"invalid": _("Enter a phone number, like +44 7700 900123.")},
                **common,
            )
        case "url":
            return forms.URLField(
                error_messages=needed | {"invalid": _("Enter a web address, like https://…")},
                **common,
            )
    return None  # a type this site can't ask (the service is then not bookable online)


def _too_long() -> dict[str, Any]:
    return {"max_length": _("Please keep this answer shorter.")}


def add_questions(form: forms.Form, questions: Iterable[FormField]) -> None:
    """Add one field per question the site can ask, after the form's own fields."""
    for question in questions:
        field = _field(question)
        if field is not None:
            form.fields[field_name(question.target)] = field


def question_fields(form: forms.Form) -> list[forms.BoundField]:
    """The bound question fields, in the form's order (for the template)."""
    return [form[name] for name in form.fields if name.startswith(PREFIX)]


def answers(form: forms.Form) -> dict[str, str | bool]:
    """The valid form's answers by ``target``: text trimmed, a checkbox True/False."""
    found: dict[str, str | bool] = {}
    for name, value in form.cleaned_data.items():
        if not name.startswith(PREFIX) or value is None:
            continue
        found[name.removeprefix(PREFIX)] = value if isinstance(value, bool) else str(value).strip()
    return found


def initial_answers(answers_by_target: Mapping[str, str | bool]) -> dict[str, str | bool]:
    """A draft's answers as the form's ``initial`` values."""
    return {field_name(target): value for target, value in answers_by_target.items()}


def mark_refused(form: forms.Form, refused: Mapping[str, str]) -> None:
    """Show Wix's refusals (``target`` → ``missing`` / ``invalid``) on the fields they name.

    Works on an unbound form (the page shown after the submit bounced): the values stay the
    draft's, the messages are the site's. A target the form has no field for is said once,
    above the form.
    """
    if not refused:
        return
    if not form.is_bound:
        form.full_clean()  # an unbound form gets an empty error list and no cleaned data
        form.cleaned_data = {}
    form.add_error(
        None,
        str(
            _(
                "Some of your answers weren't accepted by the booking system. "
                "Please check the questions marked below."
            )
        ),
    )
    elsewhere = False
    for target, kind in refused.items():
        name = target if target in CONTACT_FIELDS else field_name(target)
        if name in form.fields:
            form.add_error(name, str(REFUSED.get(kind, REFUSED["invalid"])))
        else:
            elsewhere = True
    if elsewhere:
        form.add_error(
            None,
            str(
                _(
                    "The booking system needs an answer this page can't ask for. "
                    "Please contact us to book."
                )
            ),
        )
