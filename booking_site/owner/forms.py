"""Owner-mode forms: input validation only, no Wix calls (the services re-check everything)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from datetime import timedelta
from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.core.validators import MaxValueValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from booking_site.booking_form_fields import add_questions, question_fields
from booking_site.contact_forms import ContactForm
from booking_site.owner.session import PAID_WITH
from booking_site.validators import NAME_MAX_LENGTH

if TYPE_CHECKING:
    from booking_site.wix.models.form_schemas import FormField

PAID_WITH_LABELS = {
    "cash": _("Cash"),
    "card_terminal": _("Card terminal"),
    "other_provider": _("Our own payment provider"),
}
# A custom time may be booked this far ahead (and a little in the past, to record a walk-in).
MAX_DAYS_AHEAD = 366
MAX_DAYS_BACK = 7


class OwnerDayForm(forms.Form):
    """The day view's query string; an invalid date falls back to today."""

    date = forms.DateField(required=False, input_formats=["%Y-%m-%d"])
    duration = forms.IntegerField(required=False, min_value=1, max_value=57600)

    def clean_date(self) -> dt.date | None:
        value: dt.date | None = self.cleaned_data.get("date")
        today = timezone.localdate()
        # The range a custom time may be booked in; beyond it (year 1, year 9999) is today.
        if value and not (
            today - timedelta(days=MAX_DAYS_BACK) <= value <= today + timedelta(days=MAX_DAYS_AHEAD)
        ):
            raise forms.ValidationError(_("Choose a date from a week ago to a year ahead."))
        return value

    def chosen_duration(self) -> int | None:
        """The chosen duration variant's minutes, if the query string has a valid one."""
        return self.cleaned_data.get("duration") if self.is_valid() else None


class OwnerSlotForm(forms.Form):
    """An offered slot's key; the slot is re-derived from Wix."""

    slot = forms.CharField(max_length=400)
    duration = forms.IntegerField(required=False, min_value=1, max_value=57600)


class CustomTimeForm(forms.Form):
    """Any start time on a day, with the staff member (and location) it is booked with."""

    date = forms.DateField(label=_("Date"), input_formats=["%Y-%m-%d"])
    start = forms.TimeField(label=_("Start time"), input_formats=["%H:%M", "%H:%M:%S"])
    staff = forms.ChoiceField(label=_("Staff member"))
    location = forms.ChoiceField(label=_("Location"), required=False)

    def __init__(
        self,
        *args: Any,
        staff_choices: Sequence[tuple[str, str]],
        location_choices: Sequence[tuple[str, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["staff"]).choices = list(staff_choices)
        cast(forms.ChoiceField, self.fields["location"]).choices = list(location_choices)
        self.fields["location"].required = len(location_choices) > 1
        self.fields["date"].widget.input_type = "date"
        self.fields["start"].widget.input_type = "time"

    # ``dt.date``: the ``date`` field above shadows the type inside this class body.
    def clean_date(self) -> dt.date:
        value: dt.date = self.cleaned_data["date"]
        today = timezone.localdate()
        if (
            not today - timedelta(days=MAX_DAYS_BACK)
            <= value
            <= today + timedelta(days=MAX_DAYS_AHEAD)
        ):
            raise forms.ValidationError(
                _("Choose a date from a week ago to a year ahead."), code="out_of_range"
            )
        return value


class FindCustomerForm(forms.Form):
    """Look a customer up by email among the site's recent bookings."""

    find = forms.EmailField(label=_("Customer's email"), max_length=254)
    pick = forms.IntegerField(required=False, min_value=0, max_value=20)


class OwnerDetailsForm(ContactForm):
    """The customer's details, participants (up to the owner limit) and how it is paid.

    Staff often only hear a first name on the phone, so the last name is optional here.
    """

    last_name = forms.CharField(
        label=_("Last name (optional)"), max_length=NAME_MAX_LENGTH, required=False
    )
    participants = forms.IntegerField(label=_("Number of participants"), min_value=1)
    payment = forms.ChoiceField(label=_("How is it paid?"), widget=forms.RadioSelect)
    paid_with = forms.ChoiceField(
        label=_("Paid with"),
        required=False,
        choices=[(key, PAID_WITH_LABELS[key]) for key in PAID_WITH],
        widget=forms.RadioSelect,
    )

    def __init__(
        self,
        *args: Any,
        max_participants: int,
        payment_choices: Sequence[tuple[str, str]],
        questions: Sequence[FormField] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        # The service's booking form, as customers see it; what can't be asked is named.
        self.questions_not_asked = add_questions(self, questions)
        cast(forms.IntegerField, self.fields["participants"]).max_value = max_participants
        self.fields["participants"].validators.append(MaxValueValidator(max_participants))
        cast(forms.ChoiceField, self.fields["payment"]).choices = list(payment_choices)

    def question_fields(self) -> list[forms.BoundField]:
        return question_fields(self)

    def clean(self) -> dict[str, object]:
        cleaned = super().clean() or {}
        if cleaned.get("payment") == "paid" and not cleaned.get("paid_with"):
            self.add_error("paid_with", _("Say how the customer paid."))
        if cleaned.get("payment") != "paid":
            cleaned["paid_with"] = None
        return cleaned
