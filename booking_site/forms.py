"""Forms: input parsing and validation only, no Wix calls."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any, cast
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from booking_site.booking_form_fields import add_questions, question_fields
from booking_site.contact_forms import ContactForm
from booking_site.queries import CalendarQuery
from booking_site.validators import CONTACT_FIELDS, EMAIL_MAX_LENGTH

# Offered in the time-zone select (the business's zone and the detected one are added).
COMMON_ZONES = (
    "Europe/London",
    "Europe/Dublin",
    "Europe/Lisbon",
    "Europe/Paris",
    "Europe/Berlin",
    "Europe/Madrid",
    "Europe/Rome",
    "Europe/Amsterdam",
    "Europe/Stockholm",
    "Europe/Warsaw",
    "Europe/Athens",
    "Europe/Helsinki",
    "Europe/Istanbul",
    "Africa/Johannesburg",
    "Asia/Dubai",
    "Asia/Kolkata",
    "Asia/Singapore",
    "Asia/Hong_Kong",
    "Asia/Tokyo",
    "Australia/Perth",
    "Australia/Sydney",
    "Pacific/Auckland",
    "America/St_Johns",
    "America/Halifax",
    "America/New_York",
    "America/Chicago",
    "America/Denver",
    "America/Phoenix",
    "America/Los_Angeles",
    "America/Anchorage",
    "Pacific/Honolulu",
    "America/Mexico_City",
    "America/Bogota",
    "America/Sao_Paulo",
    "America/Argentina/Buenos_Aires",
    "UTC",
)
if TYPE_CHECKING:
    from booking_site.wix.models.form_schemas import FormField

_ZONE_SHAPE = re.compile(r"^[A-Za-z][A-Za-z0-9_+\-]*(/[A-Za-z0-9_+\-]+){0,2}$")
_KNOWN_ZONES = frozenset(available_timezones())
_AUTOCOMPLETE = ("given-name", "family-name", "email", "tel")


def parse_zone(name: str | None) -> ZoneInfo | None:
    """A ``ZoneInfo`` for a real IANA zone name, or None for anything else."""
    if not name or len(name) > 64 or not _ZONE_SHAPE.match(name) or name not in _KNOWN_ZONES:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def zone_choices(*extra: str | None) -> list[tuple[str, str]]:
    """Choices for the time-zone select: the given zones first, then the common ones, each once
    (the display zone is usually the business's own, given twice)."""
    names = list(dict.fromkeys(z for z in extra if z and parse_zone(z)))
    names += [z for z in COMMON_ZONES if z not in names]
    return [(name, name.replace("_", " ")) for name in names]


class CalendarForm(forms.Form):
    """The calendar's query string; invalid values are dropped, never an error page."""

    month = forms.RegexField(regex=r"^\d{4}-\d{2}$", required=False)
    date = forms.DateField(required=False, input_formats=["%Y-%m-%d"])
    staff = forms.CharField(required=False, max_length=64)
    location = forms.CharField(required=False, max_length=64)
    tz = forms.CharField(required=False, max_length=64)
    # A duration variant's minutes (checked against the service's variants by the service).
    duration = forms.IntegerField(required=False, min_value=1, max_value=57600)

    # ``dt.date``: the ``date`` field above shadows the type inside this class body.
    def clean_month(self) -> dt.date | None:
        value = self.cleaned_data.get("month")
        if not value:
            return None
        year, month = (int(part) for part in value.split("-"))
        if not (1 <= month <= 12 and 2000 <= year <= 2100):
            raise forms.ValidationError(_("Unknown month."))
        return date(year, month, 1)

    def clean_tz(self) -> ZoneInfo | None:
        zone = parse_zone(self.cleaned_data.get("tz"))
        if self.cleaned_data.get("tz") and zone is None:
            raise forms.ValidationError(_("Unknown time zone."))
        return zone

    def valid_values(self) -> CalendarQuery:
        """The fields that parsed, ignoring the ones that did not."""
        self.is_valid()
        return cast(
            CalendarQuery, {k: v for k, v in self.cleaned_data.items() if v not in (None, "")}
        )


class SlotForm(forms.Form):
    """A slot button: the slot's key and the zone its times were shown in.

    Times and prices are re-derived from Wix by the key; an unknown zone is dropped, never an
    error.
    """

    slot = forms.CharField(max_length=400)
    tz = forms.CharField(required=False, max_length=64)
    duration = forms.IntegerField(required=False, min_value=1, max_value=57600)

    def clean_tz(self) -> ZoneInfo | None:
        return parse_zone(self.cleaned_data.get("tz"))


class DetailsForm(ContactForm):
    """Participants and contact details, bounded by the service's limits.

    ``variant_names`` turns the single participant count into one count per variant
    (e.g. Adult, Child); ``max_participants`` is the policy bounded by places left.
    """

    def __init__(
        self,
        *args: Any,
        max_participants: int,
        variant_names: Sequence[str] = (),
        payment_options: Sequence[tuple[str, str]] = (),
        questions: Sequence[FormField] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.max_participants = max_participants
        self.variant_names = tuple(variant_names)
        if self.variant_names:
            for index, name in enumerate(self.variant_names):
                self.fields[f"variant_{index}"] = forms.IntegerField(
                    label=name,
                    min_value=0,
                    max_value=max_participants,
                    initial=0,
                    error_messages=_count_errors(max_participants, minimum=0),
                )
        else:
            # Asked only when more than one is possible (``asks_participants``); otherwise a
            # hidden 1, still checked, so a stray larger count is refused, not ignored.
            self.fields["participants"] = forms.IntegerField(
                label=_("Number of participants"),
                min_value=1,
                max_value=max_participants,
                initial=1,
                error_messages=_count_errors(max_participants, minimum=1),
            )
        if len(payment_options) > 1:
            self.fields["payment_option"] = forms.ChoiceField(
                label=_("How would you like to pay?"),
                choices=payment_options,
                widget=forms.RadioSelect,
                initial=payment_options[0][0],
            )
        # The customer's own details: let the browser fill them in.
        for name, hint in zip(CONTACT_FIELDS, _AUTOCOMPLETE, strict=True):
            self.fields[name].widget.attrs["autocomplete"] = hint
        # The service's booking form, beyond the contact fields; what can't be asked is named.
        self.questions_not_asked = add_questions(self, questions)

    @property
    def asks_participants(self) -> bool:
        """Whether the form asks how many come (a count per variant, or more than one)."""
        return bool(self.variant_names) or self.max_participants > 1

    def variant_counts(self) -> dict[str, int] | None:
        """Counts per variant name, or None for a service without variants."""
        if not self.variant_names:
            return None
        return {
            name: self.cleaned_data.get(f"variant_{index}") or 0
            for index, name in enumerate(self.variant_names)
        }

    def clean(self) -> dict[str, object]:
        cleaned = super().clean() or {}
        counts = self.variant_counts() if self.variant_names else None
        if counts is not None:
            total = sum(counts.values())
            if total < 1:
                raise forms.ValidationError(_("Choose at least one participant."))
            if total > self.max_participants:
                raise forms.ValidationError(
                    _("At most %(max)d participants can be booked at once.")
                    % {"max": self.max_participants}
                )
        return cleaned

    def question_fields(self) -> list[forms.BoundField]:
        return question_fields(self)

    def bound_variant_fields(self) -> list[forms.BoundField]:
        return [self[f"variant_{i}"] for i in range(len(self.variant_names))]


def _count_errors(maximum: int, *, minimum: int) -> dict[str, str]:
    """A participant count's errors in the site's words (Django's defaults say "value")."""
    return {
        "required": str(_("Please say how many people are coming.")),
        "invalid": str(_("Enter the number of people as a whole number, like 2.")),
        "min_value": str(
            _("Enter 0 or more.") if minimum == 0 else _("At least one person must come.")
        ),
        "max_value": ngettext(
            "At most %(max)d person can be booked at once.",
            "At most %(max)d people can be booked at once.",
            maximum,
        )
        % {"max": maximum},
    }


def prefill(params: Mapping[str, str]) -> dict[str, str]:
    """Contact prefill from a deep link's query string (validated again on submit)."""
    return {k: params[k][:EMAIL_MAX_LENGTH] for k in CONTACT_FIELDS if params.get(k)}


class DraftVersionForm(forms.Form):
    """The draft's fingerprint a details or review page was rendered with (``draft_version``).

    Missing (a page from before the field existed) counts as current; anything else must match.
    """

    draft_version = forms.RegexField(regex=r"^[0-9a-f]{16}$", required=False)

    def is_stale(self, fingerprint: str) -> bool:
        """Whether the page was rendered for a draft that has changed since (another tab)."""
        seen = self.cleaned_data.get("draft_version") if self.is_valid() else "unreadable"
        return bool(seen) and seen != fingerprint


class ManageActionForm(forms.Form):
    """A manage-booking POST: the booking revision the customer saw (and confirmed)."""

    revision = forms.RegexField(regex=r"^\d{1,19}$", max_length=19)


class ManageSlotForm(ManageActionForm, SlotForm):
    """A reschedule: the new slot's key and zone, and the revision of the booking shown."""


class SubmitForm(forms.Form):
    """The review page's submit: whether it asks for the progress page (its hidden field)."""

    progress = forms.BooleanField(required=False)

    def shows_progress(self) -> bool:
        return self.is_valid() and bool(self.cleaned_data["progress"])
