"""Server-Timing on every response: our own time, time waiting on Wix, and the Wix call count.

Browsers' developer tools and the benchmark read it, so slow pages can be told apart: slow
because of Wix, or slow because of us. Placed first in MIDDLEWARE to cover everything else.
Only with ``settings.SERVER_TIMING`` (on with DEBUG, off in production unless asked for): the
Wix share and call count tell a stranger whether someone else just looked at a service.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from booking_site.services import waits
from booking_site.wix import metrics


class ServerTimingMiddleware:
    """Add ``Server-Timing: app;dur=…, wix;dur=…, wixcalls;dur=N`` (milliseconds; N calls)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        metrics.reset()
        waits.reset()
        started = time.perf_counter()
        response = self.get_response(request)
        if not getattr(settings, "SERVER_TIMING", False):
            return response
        total_ms = (time.perf_counter() - started) * 1000
        wix = metrics.snapshot()
        wix_ms = wix.seconds * 1000
        # A call count is not a duration, but "dur" is what tools chart; the desc says so.
        response["Server-Timing"] = ", ".join(
            (
                f'app;dur={max(total_ms - wix_ms, 0):.1f};desc="Our time"',
                f'wix;dur={wix_ms:.1f};desc="Waiting on Wix"',
                f'wixcalls;dur={wix.count};desc="Wix calls"',
            )
        )
        why = waits.reasons()
        if why:
            # Why the page waited on Wix (e.g. "slots-cold"): each synchronous cached read.
            response["Server-Timing"] += f', wixwait;desc="{" ".join(why)}"'
        return response
