"""Shared fixtures: Playwright on Debian's Chromium, and the in-process Wix sandbox."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.cache import cache
from pytest_django.fixtures import Settings

from booking_site import page_cache
from booking_site.services import caching, prefetch, rate_budget, refresh, revalidate
from wix_sandbox import Sandbox, get_default_sandbox

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    # Without these Chromium floods the closed network with refused connections.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """Point pytest-playwright at Debian's Chromium: Playwright cannot download browsers here."""
    return {
        **browser_type_launch_args,
        "executable_path": "/usr/bin/chromium",
        "args": CHROMIUM_ARGS,
    }


# --- Markers by folder ------------------------------------------------------------------------
# ``slow``: real servers, real browsers or many generated cases (``make test-fast`` leaves them
# out). ``serial``: tests that time real processes or print figures at the end; ``make test``
# runs them in one plain pytest process after the rest has run on all cores (pytest-xdist
# would both skew their timings and lose the figures, which workers cannot print).
_TESTS = Path(__file__).parent
_SERIAL = tuple(
    _TESTS / name
    for name in (
        "browser",
        "reliability",
        "scaleout",
        "fuzz",
        "security/test_production.py",
    )
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test under a serial folder ``slow`` and ``serial``."""
    for item in items:
        if any(item.path.is_relative_to(folder) for folder in _SERIAL):
            item.add_marker(pytest.mark.slow)
            item.add_marker(pytest.mark.serial)


@pytest.fixture(autouse=True)
def _no_background_wix_work_leaks(settings: Settings) -> Iterator[None]:
    """Background refreshes and prefetches a test started end with it, not in the next one.

    Prefetching is off (Wix call counts stay those of the pages asked for); the tests of
    prefetching turn it on.
    """
    settings.WIX = {**settings.WIX, "PREFETCH": False}
    prefetch.forget_offers()
    revalidate.forget_failures()
    yield
    assert refresh.drain(timeout=30), "background Wix work still running after the test"


# --- The in-process Wix sandbox the site runs on in tests ----------------------------------
# Monday 7 December 2026, 08:00 in the demo business's zone: a fixed "now" for the site (Django)
# and the sandbox alike, ticking so that waits and timeouts still behave.
DEFAULT_NOW = datetime(2026, 12, 7, 8, 0, tzinfo=ZoneInfo("Europe/London"))


@pytest.fixture
def now() -> datetime:
    """Override in a test module to travel elsewhere (e.g. a DST change)."""
    return DEFAULT_NOW


@pytest.fixture
def sandbox(now: datetime, db: None) -> Iterator[Sandbox]:
    """The default in-process sandbox, reset to its demo at ``now``, with an empty cache."""
    with time_machine.travel(now, tick=True):
        box = get_default_sandbox()
        box.reset()
        box.set_latency(0)
        cache.clear()
        caching.clear_local()
        page_cache.clear()
        rate_budget.reset()
        yield box
        refresh.drain(timeout=30)
        box.clear_faults()
        cache.clear()
        caching.clear_local()
