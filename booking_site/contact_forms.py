"""The contact fields both details forms share (the customer's own, and staff booking for one).

Input validation only: the rules themselves live in ``booking_site.validators``, which the
deep-link vetting in ``services`` uses too.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from booking_site.session import Contact
from booking_site.validators import (
    EMAIL_MAX_LENGTH,
    NAME_MAX_LENGTH,
    PHONE_MAX_LENGTH,
    PHONE_PATTERN,
)


class TelInput(forms.TextInput):
    """A phone field: ``type="tel"`` brings up the phone keypad on mobiles."""

    input_type = "tel"


# The site's own sentences for every way a contact field can be wrong (never Django's defaults;
# Django fills in ``limit_value`` for ``max_length``).
FIRST_NAME_ERRORS = {
    "required": _("Please enter your first name."),
    "max_length": _("Your first name can be at most %(limit_value)d characters."),
}
LAST_NAME_ERRORS = {
    "required": _("Please enter your last name."),
    "max_length": _("Your last name can be at most %(limit_value)d characters."),
}
EMAIL_ERRORS = {
    "required": _("Please enter your email address: the booking confirmation goes there."),
    "invalid": _("Enter an email address like name@example.com."),
    "max_length": _("An email address can be at most %(limit_value)d characters."),
}
PHONE_INVALID = _("Enter a phone number, like +44 7700 900123.")


class ContactForm(forms.Form):
    """First name, last name, email and an optional phone, read back as a ``Contact``."""

    first_name = forms.CharField(
        label=_("First name"),
        max_length=NAME_MAX_LENGTH,
        error_messages=FIRST_NAME_ERRORS,
    )
    last_name = forms.CharField(
        label=_("Last name"),
        max_length=NAME_MAX_LENGTH,
        error_messages=LAST_NAME_ERRORS,
    )
    email = forms.EmailField(
        label=_("Email"), max_length=EMAIL_MAX_LENGTH, error_messages=EMAIL_ERRORS
    )
    phone = forms.RegexField(
        label=_("Phone (optional)"),
        regex=PHONE_PATTERN,
        max_length=PHONE_MAX_LENGTH,
        required=False,
        widget=TelInput,
        error_messages={"invalid": PHONE_INVALID, "max_length": PHONE_INVALID},
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
