"""A service's booking form (Wix Forms), from Get Form Summary and Get Form (contract §25)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from booking_site.wix.models._parse import obj, objs, opt_bool, opt_str, req_str

DEFAULT_FORM_ID = "00000000-0000-0000-0000-000000000000"
# The default form's contact targets; Wix copies them into ``booking.contactDetails``.
CONTACT_TARGETS = ("first_name", "last_name", "email", "phone")

FieldKind = Literal[
    "text", "long_text", "choice", "checkbox", "number", "email", "phone", "url", "choices"
]
# One answer as ``formSubmission`` carries it: text, a checkbox's True/False, or the option
# values ticked in a checkbox group (an ``ARRAY`` field, sent as a JSON array of strings).
FormAnswer = str | bool | list[str]
# Summary ``type`` (``FieldInputType``) → how the site asks for it. ``ARRAY`` with options is a
# checkbox group (``inputOptions.arrayOptions.checkboxGroupOptions``; a ``TAGS`` array has no
# options and is not asked). Object-valued types (address, file, signature, payment, date/time,
# repeaters) need objects in ``formSubmission`` (a string is refused, "must be object" [S]);
# the site can't build those, so they are not asked: a required one makes the service
# unbookable here (``BookingForm.unanswerable``), an optional one is named on the page
# (``BookingForm.not_asked``) and in ``wix_doctor``.
_KINDS: Mapping[str, FieldKind] = {
    "STRING": "text",
    "NUMBER": "number",
    "BOOLEAN": "checkbox",
    "EMAIL": "email",
    "PHONE": "phone",
    "URL": "url",
    "URI": "url",
}


@dataclass(frozen=True)
class FormOption:
    """One choice of a dropdown: what Wix stores (``value``) and what is shown (``label``)."""

    value: str
    label: str


@dataclass(frozen=True)
class FormField:
    """One input of the booking form, keyed by its ``target`` (the ``formSubmission`` key).

    ``kind`` is None for a type this site can't ask for (``input_type`` says which).
    ``required``/``hidden`` come from Get Form; the summary has neither (§25).
    """

    target: str
    label: str
    input_type: str
    options: tuple[FormOption, ...] = ()
    required: bool = False
    hidden: bool = False
    long_text: bool = False
    # A checkbox group's limits (``arrayOptions.validation`` minItems/maxItems), None = none.
    min_items: int | None = None
    max_items: int | None = None

    @property
    def kind(self) -> FieldKind | None:
        if self.input_type == "ARRAY":
            return "choices" if self.options else None
        base = _KINDS.get(self.input_type)
        if base == "text" and self.options:
            return "choice"
        if base == "text" and self.long_text:
            return "long_text"
        return base

    @property
    def is_contact(self) -> bool:
        return self.target in CONTACT_TARGETS


@dataclass(frozen=True)
class BookingForm:
    """A booking form's fields in the summary's order (deleted ones left out)."""

    id: str
    fields: tuple[FormField, ...]

    @classmethod
    def from_api(cls, summary: Any, form: Any = None) -> BookingForm:
        """From Get Form Summary's ``formSummary``, with Get Form's ``form`` for required/hidden.

        Get Form's fields are matched by ``target`` (``inputOptions.target``); without it every
        field counts as optional and shown.
        """
        summary = obj(summary)
        details = {
            opt_str(obj(f.get("inputOptions")), "target"): f
            for f in objs(obj(form).get("formFields"))
        }
        fields = []
        for raw in objs(summary.get("fields")):
            target = opt_str(raw, "target")
            if target is None or opt_bool(raw, "deleted"):
                continue
            full = obj(details.get(target))
            inputs = obj(full.get("inputOptions"))
            limits = obj(obj(inputs.get("arrayOptions")).get("validation"))
            fields.append(
                FormField(
                    target=target,
                    label=opt_str(raw, "label") or target.replace("_", " ").capitalize(),
                    input_type=opt_str(raw, "type") or "UNKNOWN_INPUT_TYPE",
                    options=tuple(
                        FormOption(value, opt_str(option, "label") or value)
                        for option in objs(raw.get("options"))
                        if (value := opt_str(option, "value")) is not None
                    ),
                    required=opt_bool(inputs, "required"),
                    hidden=opt_bool(full, "hidden"),
                    long_text=opt_str(full, "identifier") == "TEXT_AREA",
                    min_items=_opt_count(limits, "minItems"),
                    max_items=_opt_count(limits, "maxItems"),
                )
            )
        return cls(id=req_str(summary, "id", "FormSummary"), fields=tuple(fields))

    @property
    def questions(self) -> tuple[FormField, ...]:
        """The fields besides the four contact ones that a customer answers (not hidden)."""
        return tuple(f for f in self.fields if not f.is_contact and not f.hidden)

    @property
    def unanswerable(self) -> tuple[FormField, ...]:
        """Required questions of a type this site can't ask: the service can't be booked here."""
        return tuple(f for f in self.questions if f.required and f.kind is None)

    @property
    def not_asked(self) -> tuple[FormField, ...]:
        """Optional questions of a type this site can't ask: left unanswered, said on the page."""
        return tuple(f for f in self.questions if not f.required and f.kind is None)

    @property
    def asked(self) -> tuple[FormField, ...]:
        """The questions the details page asks (a field each)."""
        return tuple(f for f in self.questions if f.kind is not None)

    def field(self, target: str) -> FormField | None:
        return next((f for f in self.fields if f.target == target), None)


def _opt_count(raw: Mapping[str, Any], key: str) -> int | None:
    value = raw.get(key)
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None
