"""The business's time zone when Site Properties can't tell it (docs/wix-contract.md §2, §22).

Site Properties is the source; every Time Slots answer echoes the zone too. A course has no
Time Slots of its own (§22), so the echo of one of the business's appointments or classes is
asked instead; the ``WIX_BUSINESS_TIME_ZONE`` setting is the last resort, then UTC. None of it
raises: a page never fails for want of a zone.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from typing import Protocol
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings
from django.utils import timezone as dj_timezone

from booking_site.errors import BookingError
from booking_site.services import catalogue
from booking_site.wix import Service

logger = logging.getLogger(__name__)


class _Echo(Protocol):
    """What ``availability.month_slots`` gives: the zone Wix answered in."""

    @property
    def time_zone(self) -> str: ...


def echoed_zone(service: Service, read_month: Callable[[Service, date], _Echo]) -> str | None:
    """The zone a Time Slots answer used, for ``service`` or, for a course, a sibling service."""
    try:
        asked = service if service.type != "COURSE" else _slot_service()
        return read_month(asked, dj_timezone.now().date()).time_zone if asked else None
    except BookingError as error:  # Wix down or refusing: the setting decides
        logger.warning("no time zone from Time Slots for %s: %s", service.id, error.code)
        return None


def _slot_service() -> Service | None:
    """A listed appointment or class, whose Time Slots answer echoes the business zone."""
    for group in catalogue.list_services():
        for service in group.services:
            if service.type in ("APPOINTMENT", "CLASS"):
                return service
    return None


def zone_named(name: str | None) -> ZoneInfo:
    """``name`` as a zone, else the ``WIX_BUSINESS_TIME_ZONE`` setting, else UTC."""
    for candidate in (name, getattr(settings, "WIX_BUSINESS_TIME_ZONE", None)):
        if not candidate:
            continue
        try:
            return ZoneInfo(candidate)
        except (ValueError, ZoneInfoNotFoundError):
            logger.warning("unknown time zone %r", candidate)
    return ZoneInfo("UTC")
