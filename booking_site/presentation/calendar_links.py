"""Add-to-calendar links (Google, Outlook) and a map link for a booking's place.

Plain public URLs with no tracking parameters: every value is URL-encoded and times are UTC.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urlencode

GOOGLE = "https://calendar.google.com/calendar/render"
OUTLOOK = "https://outlook.live.com/calendar/0/deeplink/compose"
MAPS = "https://www.google.com/maps/search/"


@dataclass(frozen=True)
class CalendarLinks:
    google: str
    outlook: str


def _compact(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def calendar_links(
    *, title: str, start: datetime, end: datetime, details: str, location: str
) -> CalendarLinks:
    """Links that open Google Calendar's and Outlook's "new event" forms, filled in."""
    google = {
        "action": "TEMPLATE",
        "text": title,
        "dates": f"{_compact(start)}/{_compact(end)}",
        "details": details,
        "location": location,
    }
    outlook = {
        "path": "/calendar/action/compose",
        "rru": "addevent",
        "subject": title,
        "startdt": _iso(start),
        "enddt": _iso(end),
        "body": details,
        "location": location,
    }
    return CalendarLinks(
        google=f"{GOOGLE}?{urlencode({k: v for k, v in google.items() if v})}",
        outlook=f"{OUTLOOK}?{urlencode({k: v for k, v in outlook.items() if v})}",
    )


def map_link(place: str) -> str:
    """A maps search for the place (Google's documented ``api=1`` URL; opens the app on phones)."""
    return f"{MAPS}?{urlencode({'api': '1', 'query': place})}"
