"""Input rules shared by forms and services (neither imports the other): one definition each."""

from __future__ import annotations

import re

# A booking form question's form field is this prefix and its Wix ``target`` (booking_form_fields).
ANSWER_PREFIX = "answer_"
# The contact fields, in the order the forms show them (and a deep link may prefill them).
CONTACT_FIELDS = ("first_name", "last_name", "email", "phone")
# A phone number as people type it: digits, spaces, brackets, dots and dashes, an optional "+".
PHONE_PATTERN = r"^\+?[0-9 ()\-.]{6,20}$"
PHONE_RE = re.compile(PHONE_PATTERN)
PHONE_MAX_LENGTH = 21  # what PHONE_PATTERN allows: a "+" and 20 more
NAME_MAX_LENGTH = 100
EMAIL_MAX_LENGTH = 254


def is_phone(value: str) -> bool:
    """Whether ``value`` is a phone number the contact forms accept."""
    return bool(PHONE_RE.match(value))


# A campaign tag we keep from a deep link: ``utm_`` and up to 32 of ``a-z0-9_``.
_UTM_KEY = re.compile(r"^utm_[a-z0-9_]{1,32}$")


def is_utm_key(name: str) -> bool:
    """Whether ``name`` is a campaign tag we keep: ``utm_`` and up to 32 of ``a-z0-9_``."""
    return bool(_UTM_KEY.match(name))
