"""Bookings Reader V2 API: Query Extended Bookings (API key only)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from booking_site.wix.errors import WixNotFound
from booking_site.wix.models._parse import obj, objs, opt_str
from booking_site.wix.models.bookings import Booking, ExtendedBooking
from booking_site.wix.resources._base import Resource

PATH = "/_api/bookings-reader/v2/extended-bookings/query"
MAX_PAGES = 50


class ExtendedBookingsAPI(Resource):
    """Look bookings up by id, our reference, course, event, status or email."""

    def query(
        self,
        *,
        booking_ids: Sequence[str] = (),
        external_user_id: str | None = None,
        course_service_id: str | None = None,
        event_id: str | None = None,
        statuses: Sequence[str] = (),
        email: str | None = None,
        resource_id: str | None = None,
        starts_before: datetime | None = None,
        ends_after: datetime | None = None,
        member_id: str | None = None,
        with_attendance: bool = False,
        limit: int = 100,
    ) -> tuple[ExtendedBooking, ...]:
        """Query extended bookings, every page of ``limit`` (≤100) followed; API key only.

        ``resource_id`` (a staff member), ``starts_before`` and ``ends_after`` together find
        the bookings that overlap a time (docs/wix-contract.md §8: dates compared in UTC).

        https://dev.wix.com/docs/rest/business-solutions/bookings/bookings/bookings-reader-v2/query-extended-bookings
        """
        # Filter paths name the proto oneof ("item"), not the JSON object (docs/wix-contract.md §8).
        filter_: dict[str, Any] = {}
        if booking_ids:
            filter_["id"] = {"$in": list(booking_ids)}
        if external_user_id:
            filter_["externalUserId"] = {"$eq": external_user_id}
        if course_service_id:
            filter_["bookedEntity.item.schedule.serviceId"] = {"$eq": course_service_id}
        if event_id:
            filter_["bookedEntity.item.slot.eventId"] = {"$eq": event_id}
        if statuses:
            filter_["status"] = {"$in": list(statuses)}
        if email:
            filter_["contactDetails.email"] = {"$eq": email}
        if resource_id:
            filter_["bookedEntity.item.slot.resource.id"] = {"$eq": resource_id}
        if starts_before is not None:
            filter_["startDate"] = {"$lt": _utc(starts_before)}
        if ends_after is not None:
            filter_["endDate"] = {"$gt": _utc(ends_after)}
        if member_id:
            # The member who created it (a booking made with their member token, §28.3).
            filter_["createdBy.id.memberId"] = {"$eq": member_id}
        query: dict[str, Any] = {"filter": filter_, "cursorPaging": {"limit": limit}}
        results: list[ExtendedBooking] = []
        seen: set[str] = set()
        for _ in range(MAX_PAGES):
            body = {"query": query, "withBookingAttendanceInfo": with_attendance}
            page = self._caller.request("POST", PATH, json=body, identity="admin", retry=True)
            items = objs(page.get("extendedBookings"))
            results += [ExtendedBooking.from_api(e) for e in items]
            # PagingMetadataV2 has no ``hasNext``: a non-empty ``cursors.next`` means another
            # page (docs/wix-contract.md §23). An empty page or a repeated cursor also ends the
            # loop.
            meta = obj(page.get("pagingMetadata"))
            cursor = opt_str(obj(meta.get("cursors")), "next")
            if not items or not cursor or cursor in seen:
                break
            seen.add(cursor)
            # The next page carries only the cursor: Wix rejects a filter beside it.
            query = {"cursorPaging": {"limit": limit, "cursor": cursor}}
        return tuple(results)

    def get(self, booking_id: str) -> Booking:
        """Get one booking by id (there is no Get endpoint); raises WixNotFound when absent.

        https://dev.wix.com/docs/rest/business-solutions/bookings/bookings/bookings-reader-v2/query-extended-bookings
        """
        found = self.query(booking_ids=[booking_id], limit=1)
        if not found:
            raise WixNotFound(
                status=404, code="BOOKING_NOT_FOUND", message="no such booking", request_id=None
            )
        return found[0].booking


def _utc(instant: datetime) -> str:
    """RFC 3339 in UTC with milliseconds, as Wix writes its own timestamps."""
    return instant.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.") + (
        f"{instant.microsecond // 1000:03d}Z"
    )
