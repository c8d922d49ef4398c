"""Read Wix ahead of the customer: the next month of a calendar, the first window of a service.

- ``next_month``: rendering a month of a service's calendar warms the month after it, so the
  customer's "next month" click finds it cached.
- ``first_windows``: the services list warms each listed service's first window (its course
  dates and places, for a course) when the cache is cold, so the service page opens warm.

Both run on the background pool (``services/refresh.py``) as background reads
(``revalidate.background``): a key already cached costs nothing, and a missing one is read
only while the shared rate bucket keeps ``RESERVE_SHARE`` of its tokens for refreshes, without
waiting for a Wix slot. So prefetching never makes a customer wait and stays inside Wix's
rate budget. Each (service, month) is offered at most once per ``REOFFER_AFTER`` seconds per
process, and a services list offers at most ``MAX_FIRST_WINDOWS`` services. Off with
``WIX_PREFETCH=0`` (the test suite turns it off, and on where it is the subject).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable
from datetime import date, timedelta

from django.conf import settings
from django.utils import timezone as dj_timezone

from booking_site.errors import BookingError
from booking_site.services import rate_budget, refresh, revalidate
from booking_site.wix import Service, WixError

logger = logging.getLogger(__name__)

MAX_FIRST_WINDOWS = 20  # the demo business lists 15; a real one rarely more than a page
RESERVE_SHARE = 0.25
REOFFER_AFTER = 30.0  # about a window's fresh life: sooner, it would still be cached
_offered: dict[str, float] = {}
_guard = threading.Lock()


def enabled() -> bool:
    return bool(settings.WIX.get("PREFETCH", True))


def next_month(service: Service, month: date, *, last: date) -> bool:
    """Warm ``service``'s window of the month after ``month`` unless it is past ``last``."""
    following = (month.replace(day=28) + timedelta(days=4)).replace(day=1)
    if following > last or service.type == "COURSE":
        return False
    return _offer(service, following)


def first_windows(services: Iterable[Service]) -> int:
    """Warm the first window of each of ``services`` (at most ``MAX_FIRST_WINDOWS``)."""
    month = dj_timezone.localdate().replace(day=1)
    offered = 0
    for service in list(services)[:MAX_FIRST_WINDOWS]:
        offered += _offer(service, month)
    return offered


def _offer(service: Service, month: date) -> bool:
    if not enabled():
        return False
    key = f"prefetch:{service.id}:{month:%Y-%m}"
    now = time.monotonic()
    with _guard:
        if now - _offered.get(key, -REOFFER_AFTER) < REOFFER_AFTER:
            return False
        if len(_offered) > 4096:
            _offered.clear()
        _offered[key] = now
    return refresh.submit(key, lambda: _warm(service, month))


def forget_offers() -> None:
    """Offer everything again (tests)."""
    with _guard:
        _offered.clear()


def _warm(service: Service, month: date) -> None:
    reserve = rate_budget.limits().capacity * RESERVE_SHARE
    try:
        with revalidate.background(reserve=reserve):
            for read in _reads(service, month):
                read()
    except (revalidate.Skipped, BookingError, WixError) as error:
        logger.info(
            "prefetch skipped", extra={"service": service.id, "reason": type(error).__name__}
        )


def _reads(service: Service, month: date) -> list[Callable[[], object]]:
    # Imported here: availability and courses import the catalogue, which offers prefetches.
    from booking_site.services import availability, courses

    if service.type == "COURSE":
        return [
            lambda: courses.course_sessions(service),
            lambda: courses.course_places_left(service),
        ]
    return [lambda: availability.month_slots(service, month)]
