"""A service's booking form (docs/wix-contract.md §13.4, §25): read, cached, and turned into the
``formSubmission`` Create Booking sends.

The default form (zero GUID, or no form id) is the four contact fields the site always asks,
so it costs no Wix call and the booking keeps sending ``contactDetails`` as before. A custom form
is read once (Get Form Summary + Get Form, cached like the rest of the catalogue) and its extra
questions are asked on the details page; such a booking sends ``formSubmission`` keyed by the
fields' ``target`` names, contact fields included.

A form Wix refuses to serve (404, 401/403) is remembered as refused for ``REFUSAL_TTL``
seconds, so the details page of such a service doesn't cost a Wix call (and its latency) on
every view, yet a fixed permission or a restored form is seen within minutes.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping

from django.core.cache import cache

from booking_site.services.caching import cached_read
from booking_site.services.catalogue import CATALOGUE_TTL
from booking_site.services.wix_errors import wix_errors
from booking_site.session import Contact
from booking_site.wix import (
    DEFAULT_FORM_ID,
    BookingForm,
    FormAnswer,
    FormField,
    Service,
    WixForbidden,
    WixNotFound,
    WixUnauthorized,
    get_client,
)

logger = logging.getLogger(__name__)

Answers = Mapping[str, FormAnswer]
# How long a refusal to serve the form is believed (negative caching): long enough that a
# busy details page doesn't ask Wix on every view, short enough to notice the owner's fix.
REFUSAL_TTL = 120
_REFUSED_KEY = "booking_site.form-refused:"


def has_custom_form(service: Service) -> bool:
    """Whether ``service`` uses a booking form other than Wix's default one."""
    return bool(service.form_id) and service.form_id != DEFAULT_FORM_ID


def booking_form(service: Service) -> BookingForm | None:
    """The service's custom booking form, or None for the default form (no Wix call).

    None too when Wix won't let this site read the form (404, or 401/403 for an identity
    without the forms permission; logged): the details page then asks the contact fields only,
    and Wix's own answer at submit says what is missing. Raises ``BookingError`` when Wix is
    unavailable and no copy is cached.
    """
    if not has_custom_form(service):
        return None
    form_id = str(service.form_id)
    if cache.get(_REFUSED_KEY + form_id):
        return None  # refused moments ago: not asked again until REFUSAL_TTL has passed
    try:
        with wix_errors():
            return cached_read(
                f"form:{form_id}",
                lambda: _read(form_id),
                ttl=CATALOGUE_TTL,
                stale_ttl=86400,
            )
    except Unreadable:
        cache.set(_REFUSED_KEY + form_id, True, REFUSAL_TTL)
        return None


def booking_questions(service: Service) -> tuple[FormField, ...]:
    """The extra questions of the service's booking form (none for the default form).

    Includes the optional ones this site can't ask (``FormField.kind`` None), so the review
    pages can say they weren't asked.
    """
    form = booking_form(service)
    return form.questions if form else ()


class Unreadable(Exception):
    """Wix refused this site the form for good (not a passing failure)."""


def _read(form_id: str) -> BookingForm:
    try:
        return get_client().forms.get_booking_form(form_id)
    except (WixNotFound, WixForbidden, WixUnauthorized) as exc:
        logger.warning(
            "booking form unreadable",
            extra={"form_id": form_id, "wix_status": exc.status, "wix_code": exc.code},
        )
        raise Unreadable(form_id) from exc


def form_submission(service: Service, contact: Contact, answers: Answers) -> dict[str, FormAnswer]:
    """Create Booking's ``formSubmission`` for a custom-form service, else {} (send contact).

    The contact fields under the default targets, then the answers (empty text or an empty
    checkbox group left out: an optional question not answered; checkboxes always, true or
    false; a checkbox group as the JSON array of the ticked option values, §25).
    """
    if not has_custom_form(service):
        return {}
    submission: dict[str, FormAnswer] = {"first_name": contact.first_name}
    if contact.last_name:  # optional for staff; Wix says so if the form requires it
        submission["last_name"] = contact.last_name
    submission["email"] = contact.email
    if contact.phone:
        submission["phone"] = contact.phone
    for target, value in answers.items():
        if isinstance(value, bool) or value:
            submission[target] = list(value) if isinstance(value, list) else value
    return submission
