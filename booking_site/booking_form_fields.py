"""The booking form's extra questions as Django form fields, for both details forms.

A service with a custom Wix booking form (``services/booking_form.py``) asks its questions
beside the contact fields: each becomes one field named ``answer_<target>`` (text, long text,
dropdown, checkbox, checkbox group, number, email, phone or web address), required when Wix
says so, with the site's own wording for every error. Input parsing only: no Wix calls.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from booking_site.contact_forms import TelInput
from booking_site.validators import ANSWER_PREFIX, CONTACT_FIELDS, PHONE_PATTERN

if TYPE_CHECKING:  # the model is only read (duck-typed) here
    from booking_site.wix.models.form_schemas import FormAnswer, FormField

PREFIX = ANSWER_PREFIX
TEXT_MAX_LENGTH = 200
LONG_TEXT_MAX_LENGTH = 2000

# The site's own sentences (never Wix's descriptions).
ANSWER_NEEDED = _("Please answer this question.")
TICK_NEEDED = _("Please tick this box to continue.")
PICK_ONE = _("Please choose one of the options.")
PICK_SOME = _("Please tick the options that apply.")
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
        case "choices":
            return CheckboxGroupField(question, **common)
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


class CheckboxGroupField(forms.MultipleChoiceField):
    """A Wix checkbox group (``ARRAY`` field): the ticked option values, within Wix's limits.

    Required means at least one ticked (or ``min_items`` when Wix sets more); ``max_items``
    caps it. Checked here so the customer hears it on the page, not as Wix's refusal.
    """

    widget = forms.CheckboxSelectMultiple

    def __init__(self, question: FormField, **kwargs: Any) -> None:
        super().__init__(
            choices=[(o.value, o.label) for o in question.options],
            error_messages={"required": PICK_SOME, "invalid_choice": PICK_SOME},
            **kwargs,
        )
        self.min_items = question.min_items if question.required else None
        self.max_items = question.max_items

    def validate(self, value: Any) -> None:
        super().validate(value)
        ticked = len(value or ())
        if ticked and self.min_items and ticked < self.min_items:
            raise forms.ValidationError(
                ngettext_lazy(
                    "Please tick at least %(count)d option.",
                    "Please tick at least %(count)d options.",
                    self.min_items,
                )
                % {"count": self.min_items}
            )
        if self.max_items and ticked > self.max_items:
            raise forms.ValidationError(
                ngettext_lazy(
                    "Please tick at most %(count)d option.",
                    "Please tick at most %(count)d options.",
                    self.max_items,
                )
                % {"count": self.max_items}
            )


def _too_long() -> dict[str, Any]:
    return {"max_length": _("Please keep this answer shorter.")}


def add_questions(form: forms.Form, questions: Iterable[FormField]) -> tuple[FormField, ...]:
    """Add one field per question the site can ask, after the form's own fields.

    Returns the questions it couldn't add (object-valued types such as an address or a file),
    for the page to name: they are never dropped without a word.
    """
    not_asked = []
    for question in questions:
        field = _field(question)
        if field is None:
            not_asked.append(question)
        else:
            form.fields[field_name(question.target)] = field
    return tuple(not_asked)


def question_fields(form: forms.Form) -> list[forms.BoundField]:
    """The bound question fields, in the form's order (for the template)."""
    return [form[name] for name in form.fields if name.startswith(PREFIX)]


def answers(form: forms.Form) -> dict[str, FormAnswer]:
    """The valid form's answers by ``target``: text trimmed, a checkbox True/False, a checkbox
    group the ticked option values (a list, possibly empty)."""
    found: dict[str, FormAnswer] = {}
    for name, value in form.cleaned_data.items():
        if not name.startswith(PREFIX) or value is None:
            continue
        target = name.removeprefix(PREFIX)
        if isinstance(value, bool):
            found[target] = value
        elif isinstance(value, list):
            found[target] = [str(v) for v in value]
        else:
            found[target] = str(value).strip()
    return found


def initial_answers(answers_by_target: Mapping[str, FormAnswer]) -> dict[str, FormAnswer]:
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
