"""Browser fixtures: a live site on a freshly reset sandbox, and watched Chromium tabs."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from playwright.sync_api import BrowserContext, expect
from pytest_django.live_server_helper import LiveServer

from booking_site.services import caching
from tests.browser.support import ARTIFACTS, DESKTOP, PHONE, REPORT_CSP, Tab, axe_summary
from wix_sandbox import Sandbox, get_default_sandbox

expect.set_options(timeout=10_000)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Run the browser tests last (after any shuffling): they are the slowest, and once
    Playwright has started, its event loop stays marked as running in this thread."""
    here = Path(__file__).parent

    def in_browser(item: pytest.Item) -> bool:
        return bool(item.get_closest_marker("browser")) or item.path.is_relative_to(here)

    browser = [item for item in items if in_browser(item)]
    if browser:
        items[:] = [item for item in items if not in_browser(item)] + browser


@pytest.fixture(scope="session", autouse=True)
def _orm_beside_playwright() -> Iterator[None]:
    """Django takes Playwright's running event loop for async code touching the ORM (the test's
    own queries, the live server's database flushes). Set only once browser tests start, which
    run last, so it never reaches other tests or their subprocesses (``check --deploy``)."""
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield
    if previous is None:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    """The demo business is in London: browse from there, in British English."""
    return {**browser_context_args, "locale": "en-GB", "timezone_id": "Europe/London"}


def _collect_static_if_stale() -> None:
    """The templates link hashed file names from the manifest: make sure it is current."""
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    sources = [p for d in settings.STATICFILES_DIRS for p in Path(d).rglob("*") if p.is_file()]
    built = manifest.stat().st_mtime if manifest.exists() else 0.0
    if any(p.stat().st_mtime > built for p in sources):
        call_command("collectstatic", interactive=False, verbosity=0)


@pytest.fixture(scope="session")
def live_server(request: pytest.FixtureRequest) -> Iterator[LiveServer]:
    """pytest-django's live server, but serving static files as production does: WhiteNoise
    from the collected, hashed files (its default handler only knows the unhashed names)."""
    _collect_static_if_stale()
    addr = request.config.getvalue("liveserver") or os.getenv(
        "DJANGO_LIVE_TEST_SERVER_ADDRESS", "localhost"
    )
    server = LiveServer(addr, start=False)
    server.thread.static_handler = lambda app: app
    server.start()
    yield server
    server.stop()


@pytest.fixture
def site(live_server: LiveServer) -> Iterator[str]:
    """The site's base URL, on the demo sandbox reset to its seed (real clock), caches empty."""
    box = get_default_sandbox()
    box.reset()
    box.set_latency(0)
    cache.clear()
    caching.clear_local()
    yield live_server.url
    box.clear_faults()
    cache.clear()
    caching.clear_local()


@pytest.fixture
def box(site: str) -> Sandbox:
    """The sandbox the live site talks to (same process), to check what Wix received."""
    return get_default_sandbox()


@pytest.fixture
def open_tab(new_context: Callable[..., BrowserContext], site: str) -> Iterator[Callable[..., Tab]]:
    """Open a watched tab: ``open_tab("desktop")``, ``open_tab("phone")`` or ``js=False``.

    Every tab must end the test without a console error, uncaught exception or CSP violation.
    """
    tabs: list[Tab] = []

    def _open(size: str = "desktop", *, js: bool = True) -> Tab:
        options: dict[str, Any] = {"viewport": DESKTOP, "java_script_enabled": js}
        if size == "phone":
            options |= {"viewport": PHONE, "is_mobile": True, "has_touch": True}
        context = new_context(**options)
        context.set_default_timeout(10_000)
        context.add_init_script(REPORT_CSP)
        label = size if js else f"{size}, no JavaScript"
        tab = Tab(context.new_page(), site, label, js=js, touch=size == "phone")
        tab.watch()
        tabs.append(tab)
        return tab

    yield _open
    for tab in tabs:
        tab.assert_clean()


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """Print the axe results per audited page, and save them to test-results/axe-summary.txt."""
    lines = axe_summary()
    if not lines:
        return
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "axe-summary.txt").write_text("\n".join(lines) + "\n")
    terminalreporter.write_sep("-", "axe-core results per page")
    for line in lines:
        terminalreporter.write_line(line)
