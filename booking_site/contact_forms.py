"""The contact fields both details forms share (the customer's own, and staff booking for one).

Input validation only: the rules themselves live in ``booking_site.validators``, which the
deep-link vetting in ``services`` uses too.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from booking_site.session import Contact
from booking_site.validators import EMAIL_MAX_LENGTH, NAME_MAX_LENGTH, PHONE_PATTERN


class TelInput(forms.TextInput):
    """A phone field: ``type="tel"`` brings up the phone keypad on mobiles."""

    input_type = "tel"


class ContactForm(forms.Form):
    """First name, last name, email and an optional phone, read back as a ``Contact``."""

    first_name = forms.CharField(label=_("First name"), max_length=NAME_MAX_LENGTH)
    last_name = forms.CharField(label=_("Last name"), max_length=NAME_MAX_LENGTH)
    email = forms.EmailField(label=_("Email"), max_length=EMAIL_MAX_LENGTH)
    phone = forms.RegexField(
        label=_("Phone (optional)"),
        regex=PHONE_PATTERN,
        required=False,
        widget=TelInput,
        error_messages={"invalid": _("Enter a phone number, like +44 7700 900123.")},
    )

    def contact(self) -> Contact:
        """The contact fields, trimmed (call only on a valid form)."""
        data = self.cleaned_data
        return Contact(
            first_name=data["first_name"].strip(),
            last_name=(data.get("last_name") or "").strip(),
            email=data["email"].strip(),
            phone=(data.get("phone") or "").strip(),
        )
