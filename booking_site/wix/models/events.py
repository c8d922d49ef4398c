"""Calendar Events V3 models: the sessions of a course's schedule (docs/wix-contract.md §22)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Self
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from booking_site.wix.errors import WixResponseError
from booking_site.wix.models._parse import obj, objs, opt_datetime, opt_str


@dataclass(frozen=True)
class CalendarEvent:
    """One session of a schedule: when, where and with whom, as Wix's calendar holds it.

    ``start`` and ``end`` are aware (UTC when Wix sent ``utcDate``, else the local date in
    the event's zone); ``staff_names`` are the event's staff resources in Wix's order.
    """

    id: str
    start: datetime
    end: datetime
    cancelled: bool = False
    location_name: str | None = None
    location_address: str | None = None
    staff_names: tuple[str, ...] = ()

    @classmethod
    def from_api(cls, payload: Mapping[str, Any], *, time_zone: str | None = None) -> Self:
        """Parse an ``events[]`` item; ``time_zone`` is the request's, used when none is given."""
        zone_name = opt_str(payload, "timeZone") or time_zone
        location = obj(payload.get("location"))
        staff = [r for r in objs(payload.get("resources")) if opt_str(r, "type") in (None, "STAFF")]
        return cls(
            id=opt_str(payload, "id") or "",
            start=_moment(obj(payload.get("start")), zone_name, "start"),
            end=_moment(obj(payload.get("end")), zone_name, "end"),
            cancelled=opt_str(payload, "status") == "CANCELLED",
            location_name=opt_str(location, "name"),
            location_address=opt_str(location, "address"),
            staff_names=tuple(name for r in staff if (name := opt_str(r, "name"))),
        )


def _moment(zoned: Mapping[str, Any], zone_name: str | None, which: str) -> datetime:
    """A ZonedDate (``{localDate, timeZone, utcDate}``) as an aware datetime."""
    utc = opt_datetime(zoned, "utcDate")
    if utc is not None:
        return utc
    local = opt_str(zoned, "localDate")
    if local is None:
        raise WixResponseError(f"CalendarEvent payload lacks {which}.localDate")
    try:
        zone = ZoneInfo(opt_str(zoned, "timeZone") or zone_name or "UTC")
        moment = datetime.fromisoformat(local)
    except (ValueError, ZoneInfoNotFoundError) as exc:
        raise WixResponseError(f"CalendarEvent {which} is unreadable: {local!r}") from exc
    return moment if moment.tzinfo else moment.replace(tzinfo=zone)
