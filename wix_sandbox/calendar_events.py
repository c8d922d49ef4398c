"""Calendar Events V3 Query Events (docs/wix-contract.md §22): the sessions of a schedule.

Courses are not served by Time Slots, so a booking site lists a course's sessions here. The
window is ``fromLocalDate``/``toLocalDate`` (local, in ``timeZone``, default the business's);
the filter takes ``scheduleId``, ``type`` and ``location.id``. Paging is cursor paging,
default 50 and at most 100 a page, with ``pagingMetadata.cursors`` (no ``hasNext``: Wix's
response shape beyond ``events`` and ``cursors`` is UNCONFIRMED, §22). Past events are listed
too: a calendar, unlike Time Slots, is not only what can still be booked.
"""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from .context import Ctx
from .demo import BOOKINGS_APP_ID
from .errors import app_error
from .query import cursor_limit, cursor_page, matches, resolve_cursor_request
from .sessions import capacity
from .state import Session, State
from .timeutil import local_text, parse_local, to_utc, zone

DEFAULT_EVENTS_PAGE = 50
MAX_EVENTS_PAGE = 100


def query_events(ctx: Ctx) -> dict[str, Any]:
    """POST /calendar/v3/events/query."""
    body = ctx.request.json
    query, offset = resolve_cursor_request(body.get("query") or {})
    missing = [f for f in ("fromLocalDate", "toLocalDate") if not body.get(f)]
    if missing and "cursor" not in (body.get("query") or {}).get("cursorPaging", {}):
        raise app_error(400, "MISSING_ARGUMENTS", f"missing arguments: {', '.join(missing)}")
    # The window and zone travel in the cursor too (resolve_cursor_request keeps the query).
    window = query.get("_window") or {
        k: body.get(k) for k in ("fromLocalDate", "toLocalDate", "timeZone")
    }
    tz_name = str(window.get("timeZone") or ctx.state.tz.key)
    tz = zone(tz_name)
    start = to_utc(parse_local(window["fromLocalDate"], "fromLocalDate"), tz)
    end = to_utc(parse_local(window["toLocalDate"], "toLocalDate"), tz)
    events = [
        _event(ctx.state, s, tz)
        for s in ctx.state.sessions
        if start <= s.start < end and matches(query.get("filter") or {}, _filter_view(ctx.state, s))
    ]
    limit = cursor_limit(query, MAX_EVENTS_PAGE, DEFAULT_EVENTS_PAGE)
    page, meta = cursor_page(events, {**query, "_window": window}, offset, limit)
    return {"events": page, "pagingMetadata": {"count": len(page), "cursors": meta["cursors"]}}


def _filter_view(state: State, session: Session) -> dict[str, Any]:
    return {
        "scheduleId": session.service.schedule_id,
        "type": session.service.type,
        "appId": BOOKINGS_APP_ID,
        "location": {"id": state.demo.location(session.location)},
    }


def _event(state: State, session: Session, tz: ZoneInfo) -> dict[str, Any]:
    spec = session.service
    place = state.demo.locations[session.location]
    staff = state.demo.staff_members[session.staff]
    total, remaining = capacity(state, session)
    return {
        "id": session.event_id,
        "scheduleId": spec.schedule_id,
        "externalScheduleId": spec.id,
        "scheduleName": spec.name,
        "title": spec.name,
        "type": spec.type,
        "status": "CONFIRMED",
        "recurrenceType": "NONE",
        "timeZone": tz.key,
        "start": {"localDate": local_text(session.start, tz), "timeZone": tz.key},
        "end": {"localDate": local_text(session.end, tz), "timeZone": tz.key},
        "location": {
            "id": place.id,
            "type": "BUSINESS",
            "name": place.name,
            "address": place.formatted_address,
        },
        "resources": [{"id": staff.id, "name": staff.name, "type": "STAFF"}],
        "totalCapacity": total,
        "remainingCapacity": remaining,
        "appId": BOOKINGS_APP_ID,
    }
