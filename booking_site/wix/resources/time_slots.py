"""Time Slots V2 API: appointment availability and class (event) slots."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from booking_site.wix.constants import STAFF_RESOURCE_TYPE_ID
from booking_site.wix.errors import WixNotFound, WixResponseError
from booking_site.wix.models._parse import obj, objs, opt_bool, opt_str
from booking_site.wix.models.slots import SlotList, SlotLocation, TimeSlot
from booking_site.wix.resources._base import Resource, segment

BASE = "/_api/service-availability/v2/time-slots"
PAGE_SIZE = 1000  # Wix's maximum for both list methods
MAX_PAGES = 20
_LOCAL = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$")


class TimeSlotsAPI(Resource):
    """List and re-validate time slots; all times are local strings in the echoed time zone."""

    def list_availability(
        self,
        *,
        service_id: str,
        from_local: str,
        to_local: str,
        time_zone: str | None,
        location_ids: Sequence[str] = (),
        staff_ids: Sequence[str] = (),
        bookable_only: bool = False,
        include_staff: bool = True,
        slots_per_day: int | None = None,
        duration_minutes: int | None = None,
    ) -> SlotList:
        """List appointment slots between two local datetimes (all pages).

        ``duration_minutes`` is the customer's duration variant (``customerChoices``,
        docs/wix-contract.md §21.3): slots then last that long.

        https://dev.wix.com/docs/api-reference/business-solutions/bookings/time-slots/time-slots-v2/list-availability-time-slots
        """
        body: dict[str, Any] = {
            "serviceId": service_id,
            "fromLocalDate": _check_local(from_local),
            "toLocalDate": _check_local(to_local),
        }
        if time_zone:
            body["timeZone"] = time_zone
        if bookable_only:
            body["bookable"] = True
        if location_ids:
            body["locations"] = [{"id": i, "locationType": "BUSINESS"} for i in location_ids]
        if include_staff:
            body["includeResourceTypeIds"] = [STAFF_RESOURCE_TYPE_ID]
        if staff_ids:
            body["resourceTypes"] = [
                {"resourceTypeId": STAFF_RESOURCE_TYPE_ID, "resourceIds": list(staff_ids)}
            ]
        if slots_per_day is not None:
            body["timeSlotsPerDay"] = slots_per_day
        if duration_minutes is not None:
            body["customerChoices"] = {"durationInMinutes": duration_minutes}
        return self._list(BASE, body, "cursorPagingMetadata", time_zone)

    def get_availability(
        self,
        *,
        service_id: str,
        local_start: str,
        local_end: str,
        time_zone: str,
        location: SlotLocation | None,
        staff_id: str | None,
    ) -> TimeSlot:
        """Re-validate one appointment slot; raises WixNotFound when it is gone.

        https://dev.wix.com/docs/rest/business-solutions/bookings/time-slots/time-slots-v2/sample-flows
        """
        body: dict[str, Any] = {
            "serviceId": service_id,
            "localStartDate": local_start,
            "localEndDate": local_end,
            "timeZone": time_zone,
            "includeResourceTypeIds": [STAFF_RESOURCE_TYPE_ID],
        }
        if location is not None:
            body["location"] = {
                k: v for k, v in {"id": location.id, "locationType": location.type}.items() if v
            }
        if staff_id:
            body["resourceTypes"] = [
                {"resourceTypeId": STAFF_RESOURCE_TYPE_ID, "resourceIds": [staff_id]}
            ]
        page = self._caller.request("POST", f"{BASE}/get", json=body, identity="any", retry=True)
        return _single(page, time_zone)

    def list_events(
        self,
        *,
        service_ids: Sequence[str],
        from_local: str,
        to_local: str,
        time_zone: str | None,
        include_non_bookable: bool = False,
        min_bookable_capacity: int | None = None,
        staff_ids: Sequence[str] = (),
        location_ids: Sequence[str] = (),
    ) -> SlotList:
        """List class (event) slots between two local datetimes (all pages).

        https://dev.wix.com/docs/rest/business-solutions/bookings/time-slots/time-slots-v2/sample-flows
        """
        body: dict[str, Any] = {
            "serviceIds": list(service_ids),
            "fromLocalDate": _check_local(from_local),
            "toLocalDate": _check_local(to_local),
        }
        if time_zone:
            body["timeZone"] = time_zone
        body["includeNonBookable"] = include_non_bookable
        if min_bookable_capacity is not None:
            body["minBookableCapacity"] = min_bookable_capacity
        event_filter: dict[str, Any] = {}
        if staff_ids:
            event_filter["resources.id"] = {"$hasSome": list(staff_ids)}
        if location_ids:
            event_filter["location.id"] = {"$in": list(location_ids)}
        if event_filter:
            body["eventFilter"] = event_filter
        return self._list(f"{BASE}/event", body, "pagingMetadata", time_zone)

    def get_event(self, *, event_id: str, time_zone: str | None) -> TimeSlot:
        """Re-validate one class slot by its event id.

        https://dev.wix.com/docs/rest/business-solutions/bookings/time-slots/time-slots-v2/sample-flows
        """
        page = self._caller.request(
            "GET",
            f"{BASE}/event/{segment(event_id)}",
            params={"timeZone": time_zone} if time_zone else None,
            identity="any",
            retry=True,
        )
        return _single(page, time_zone)

    def _list(
        self, path: str, body: dict[str, Any], paging_key: str, requested_zone: str | None
    ) -> SlotList:
        slots: list[TimeSlot] = []
        zone: str | None = None
        request: dict[str, Any] = {**body, "cursorPaging": {"limit": PAGE_SIZE}}
        seen: set[str] = set()
        for _ in range(MAX_PAGES):
            page = self._caller.request("POST", path, json=request, identity="any", retry=True)
            zone = zone or opt_str(page, "timeZone") or requested_zone
            if zone is None:
                raise WixResponseError("time slots response lacks timeZone")
            slots += [TimeSlot.from_api(s, time_zone=zone) for s in objs(page.get("timeSlots"))]
            meta = obj(page.get(paging_key))
            cursor = opt_str(obj(meta.get("cursors")), "next")
            if not opt_bool(meta, "hasNext") or cursor is None or cursor in seen:
                break
            seen.add(cursor)
            # Follow-up pages carry only the cursor, with the same limit
            # (docs/wix-contract.md §4.2).
            request = {"cursorPaging": {"limit": PAGE_SIZE, "cursor": cursor}}
        return SlotList(slots=tuple(slots), time_zone=zone or requested_zone or "UTC")


def _single(page: Mapping[str, Any], requested_zone: str | None) -> TimeSlot:
    slot = page.get("timeSlot")
    if not isinstance(slot, Mapping):
        # The skills client reads a missing slot as "taken meanwhile" (docs/wix-contract.md §4.3).
        raise WixNotFound(
            status=404, code="SLOT_NOT_FOUND", message="no such time slot", request_id=None
        )
    zone = opt_str(page, "timeZone") or requested_zone
    if zone is None:
        raise WixResponseError("time slot response lacks timeZone")
    return TimeSlot.from_api(slot, time_zone=zone)


def _check_local(value: str) -> str:
    """Validate a ``YYYY-MM-DDThh:mm:ss`` local datetime (Wix answers 400 to anything else)."""
    try:
        if isinstance(value, str) and _LOCAL.match(value):
            datetime.fromisoformat(value)  # rejects impossible dates such as 2026-02-30
            return value
    except ValueError:
        pass
    raise ValueError(f"expected a local datetime YYYY-MM-DDThh:mm:ss, got {value!r}")
