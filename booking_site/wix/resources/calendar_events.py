"""Calendar Events V3: Query Events, for the sessions of a course (docs/wix-contract.md §22)."""

from __future__ import annotations

from typing import Any

from booking_site.wix.models._parse import obj, objs, opt_str
from booking_site.wix.models.events import CalendarEvent
from booking_site.wix.resources._base import Resource

PATH = "/calendar/v3/events/query"
PAGE_LIMIT = 100
MAX_PAGES = 20


class CalendarEventsAPI(Resource):
    """The events (sessions) of a schedule, read with the API key when there is one."""

    def query_schedule(
        self, *, schedule_id: str, from_local: str, to_local: str, time_zone: str | None
    ) -> tuple[CalendarEvent, ...]:
        """Every event of ``schedule_id`` between two local dates, all pages followed.

        The window goes in ``fromLocalDate``/``toLocalDate``, never in the filter; pages follow
        ``pagingMetadata.cursors.next`` with the cursor alone, as for Extended Bookings (§23).
        https://dev.wix.com/docs/api-reference/business-management/calendar/events-v3/query-events
        """
        window: dict[str, Any] = {"fromLocalDate": from_local, "toLocalDate": to_local}
        if time_zone:
            window["timeZone"] = time_zone
        query: dict[str, Any] = {
            "filter": {"scheduleId": {"$in": [schedule_id]}},
            "cursorPaging": {"limit": PAGE_LIMIT},
        }
        events: list[CalendarEvent] = []
        seen: set[str] = set()
        for _ in range(MAX_PAGES):
            # "Read Calendar" with the key; a visitor sees only public information (§22).
            page = self._caller.request(
                "POST", PATH, json={**window, "query": query}, identity="any", retry=True
            )
            items = objs(page.get("events"))
            events += [CalendarEvent.from_api(item, time_zone=time_zone) for item in items]
            cursor = opt_str(obj(obj(page.get("pagingMetadata")).get("cursors")), "next")
            if not items or not cursor or cursor in seen:
                break
            seen.add(cursor)
            query = {"cursorPaging": {"limit": PAGE_LIMIT, "cursor": cursor}}
        return tuple(events)
