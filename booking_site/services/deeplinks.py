"""Deep links (docs/architecture.md §6): vet an owner's link against the service, keep what is
usable.

Owners link to ``/services/<slug>/?date=…&staff=…&location=…&tz=…&participants=…`` with
contact prefill and ``utm_*`` tags. Links live for months in newsletters and ads, so a value
can be stale (a staff member who left, a date now past) or simply wrong. Nothing in a link is
ever an error page: a value that can't be used is dropped, and the customer gets one short
note saying what was ignored.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone as dj_timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from booking_site.queries import CalendarQuery
from booking_site.services.availability import SEARCH_MONTHS_AHEAD, business_zone
from booking_site.session import BookingDraft
from booking_site.validators import (
    CONTACT_FIELDS,
    EMAIL_MAX_LENGTH,
    NAME_MAX_LENGTH,
    is_phone,
    is_utm_key,
)
from booking_site.wix import Service

PREFILL_FIELDS = CONTACT_FIELDS
_UTM_VALUE_MAX = 200
_UTM_MAX_KEYS = 10
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@dataclass(frozen=True)
class DeepLink:
    """The usable part of a deep link, and the notes telling the customer what was ignored.

    ``calendar`` holds CalendarForm's cleaned values (``date``, ``month``, ``staff``,
    ``location``, ``tz``) minus the stale ones; ``requested_date`` is the date the link asked
    for, so the page can say when that day turns out to have no free times.
    """

    calendar: CalendarQuery = field(default_factory=lambda: CalendarQuery())
    prefill: dict[str, str] = field(default_factory=dict)
    utm: dict[str, str] = field(default_factory=dict)
    participants: int | None = None
    notes: tuple[str, ...] = ()

    @property
    def requested_date(self) -> date | None:
        return self.calendar.get("date")

    def apply_to(self, draft: BookingDraft) -> BookingDraft:
        """The draft with this link's prefill, UTM tags and participants merged in."""
        changes: dict[str, object] = {}
        if self.prefill:
            changes["prefill"] = {**draft.prefill, **self.prefill}
        if self.utm:
            changes["utm"] = {**draft.utm, **self.utm}
        if self.participants is not None:
            changes["participants"] = self.participants
        return draft.with_changes(**changes) if changes else draft

    def missed_date_note(self, shown: date | None) -> str | None:
        """A note when the link's (valid, future) date has no free times and another is shown."""
        wanted = self.requested_date
        if wanted is None or wanted == shown:
            return None
        return _("There are no free times on %(day)s, so we're showing other days.") % {
            "day": date_format(wanted, "DATE_FORMAT")
        }


def read_deep_link(service: Service, query: Mapping[str, str], calendar: CalendarQuery) -> DeepLink:
    """Vet a service page's query string against ``service``.

    ``calendar`` is what CalendarForm parsed from ``query`` (the view parses, so services
    take typed values); ``query`` itself is read for the contact prefill, UTM tags and
    participants, and to tell which calendar values were given but did not parse.

    Raises nothing for bad input; ``BookingError`` only if Wix must be asked for the business
    time zone (to judge "past" dates) and is down with nothing cached.
    """
    notes: list[str] = []
    link = DeepLink(
        calendar=_calendar(service, query, calendar, notes),
        prefill=_prefill(query, notes),
        utm=read_utm(query),
        participants=_participants(service, query.get("participants"), notes),
    )
    return replace(link, notes=tuple(notes))


def _calendar(
    service: Service, query: Mapping[str, str], parsed: CalendarQuery, notes: list[str]
) -> CalendarQuery:
    values = parsed.copy()  # the caller's values stay as parsed
    if query.get("tz") and "tz" not in values:
        notes.append(_("We didn't recognise the time zone in your link, so we used ours."))
    staff = values.get("staff")
    if staff and staff not in {person.id for person in service.staff} | set(
        service.staff_member_ids
    ):
        del values["staff"]
        notes.append(_("The staff member in your link isn't available for this service."))
    location = values.get("location")
    if location and location not in {loc.id for loc in service.locations if loc.id}:
        del values["location"]
        notes.append(_("The location in your link isn't available for this service."))
    raw_date = query.get("date")
    if raw_date and "date" not in values:
        notes.append(_("The date in your link wasn't valid, so we're showing the next free times."))
    wanted = values.get("date")
    if wanted is not None:
        zone = values.get("tz") or business_zone(service)
        today = dj_timezone.now().astimezone(zone).date()
        if wanted < today:
            del values["date"]
            notes.append(_("The date in your link has passed, so we're showing the next times."))
        elif wanted > today + timedelta(days=31 * SEARCH_MONTHS_AHEAD):
            del values["date"]
            notes.append(_("The date in your link is too far ahead to book yet."))
    return values


def _prefill(query: Mapping[str, str], notes: list[str]) -> dict[str, str]:
    """Contact fields that pass the details form's own rules (they are checked again there)."""
    kept: dict[str, str] = {}
    rejected = False
    for name in PREFILL_FIELDS:
        value = _CONTROL.sub("", query.get(name) or "").strip()
        if not value:
            continue
        if _valid_contact(name, value):
            kept[name] = value
        else:
            rejected = True
    if rejected:
        notes.append(_("Some contact details in your link weren't valid; please type them in."))
    return kept


def _valid_contact(name: str, value: str) -> bool:
    if name == "email":
        try:
            validate_email(value)
        except ValidationError:
            return False
        return len(value) <= EMAIL_MAX_LENGTH
    if name == "phone":
        return is_phone(value)
    return len(value) <= NAME_MAX_LENGTH


def read_utm(query: Mapping[str, str]) -> dict[str, str]:
    """Campaign tags kept for the owner's analytics: ``utm_`` + lowercase name, bounded.

    Malformed names, empty values and tags past the tenth are dropped silently (they are for
    the owner, not the customer); values are stripped of control characters and cut to 200.
    """
    tags: dict[str, str] = {}
    for key in query:
        if len(tags) >= _UTM_MAX_KEYS:
            break
        if not is_utm_key(key):
            continue
        value = _CONTROL.sub("", query.get(key) or "").strip()[:_UTM_VALUE_MAX]
        if value:
            tags[key] = value
    return tags


def _participants(service: Service, raw: str | None, notes: list[str]) -> int | None:
    if not raw:
        return None
    limit = service.policy.max_participants_per_booking
    # isdigit() alone takes "²" (a digit to Unicode, not to int()); only ASCII digits count.
    if not (raw.isascii() and raw.isdigit()) or int(raw) < 1:
        notes.append(_("The number of participants in your link wasn't valid."))
        return None
    if int(raw) > limit:
        notes.append(
            _("At most %(max)d participants can be booked at once, so we've set %(max)d.")
            % {"max": limit}
        )
        return limit
    return int(raw)
