"""Warm start: read the catalogue and every listed service's first window before anyone asks.

A new instance (or one whose cache was flushed) would otherwise make its first customers wait
on Wix for each of these reads. ``warm`` reads them through the cache as a page would (so a
warm cache costs nothing); ``manage.py wix_warm`` runs it, and with ``WIX_WARM_ON_START=1`` each
web process runs it once in the background as it starts (``on_start``, from config/wsgi.py).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.utils import timezone as dj_timezone

from booking_site.errors import BookingError
from booking_site.services import (
    availability,
    catalogue,
    courses,
    manage,
    refresh,
    team,
    variant_choices,
)
from booking_site.wix import Service, WixError

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class WarmReport:
    """What a warm start read: services listed, first windows read, those that failed."""

    services: int
    windows: int
    failed: tuple[str, ...]


MONTHS_AHEAD = 2  # this month and the two after: the months a calendar's first clicks reach


def warm() -> WarmReport:
    """Read Site Properties, the catalogue, the staff and, for each listed service, its variants
    and its windows of this month and the ``MONTHS_AHEAD`` after (a course: dates and places).

    Raises ``BookingError`` when the catalogue itself cannot be read (nothing to warm).
    """
    catalogue.site_info()
    listed = [s for group in catalogue.list_services() for s in group.services]
    try:
        team.staff_profiles()  # the service pages' bios and photos
    except WixError as error:
        logger.warning("warm start: staff not read", extra={"error": type(error).__name__})
    windows, failed = 0, []
    for service in listed:
        try:
            _first_window(service)
            windows += 1
        except (BookingError, WixError) as error:
            failed.append(service.slug or service.id)
            logger.warning(
                "warm start: first window not read",
                extra={"service": service.id, "error": type(error).__name__},
            )
    return WarmReport(len(listed), windows, tuple(failed))


def _first_window(service: Service) -> None:
    # First, for every service: a service page reads its variants (prices) whatever it shows.
    catalogue.get_variants(service)
    if variant_choices.cannot_book(service):
        manage.business_contact()  # its page names whom to ask instead of a calendar
        return
    if service.type == "COURSE":
        courses.course_sessions(service)
        courses.course_places_left(service)
        return
    today = dj_timezone.localdate()
    last = availability.last_bookable_month(service, today=today)
    # A customer's first month clicks (the next month, or the one after from the month picker)
    # must not wait either; later months are prefetched as the customer moves on.
    window = today.replace(day=1)
    for _ in range(MONTHS_AHEAD + 1):
        if window > last:
            break
        availability.month_slots(service, window)
        window = (window.replace(day=28) + timedelta(days=4)).replace(day=1)


def on_start() -> bool:
    """With ``WIX_WARM_ON_START``, warm in the background (the process starts at once)."""
    if not settings.WIX.get("WARM_ON_START"):
        return False
    return refresh.submit("warm-start", _warm_logged)


def _warm_logged() -> None:
    try:
        report = warm()
    except (BookingError, WixError) as error:
        logger.warning("warm start failed", extra={"error": type(error).__name__})
        return
    logger.info(
        "warm start done",
        extra={"services": report.services, "windows": report.windows, "failed": report.failed},
    )
