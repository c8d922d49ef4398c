"""Fixtures: the standalone Wix sandbox, the site under gunicorn, and the site in-process on it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.core.cache import cache
from pytest_django.fixtures import Settings

from booking_site.services import caching
from booking_site.wix import reset_client
from tests.loopback import free_port
from tests.reliability.servers import (
    SANDBOX_API_KEY,
    SANDBOX_CLIENT_ID,
    SANDBOX_SITE_ID,
    SandboxControl,
    Server,
    start_sandbox,
    start_site,
)
from tests.scaleout.servers import Redis


@pytest.fixture(scope="module")
def redis_server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Redis]:
    """A real Redis for one test module, for the tests of processes sharing a cache."""
    server = Redis(tmp_path_factory.mktemp(f"{request.module.__name__}-redis"), free_port())
    server.start()
    try:
        yield server
    finally:
        server.stop()


# A Wix call that takes longer than this counts as timed out (the production default is 6 s).
TEST_WIX_TIMEOUT = 0.5
# What the races and fault runs measured, printed at the end of the run (and in CI's log).
FIGURES: list[str] = []


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if FIGURES:
        terminalreporter.section("reliability figures")
        for line in FIGURES:
            terminalreporter.write_line(line)


@pytest.fixture(scope="session")
def wix_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """One standalone sandbox process for the whole run (tests reset it)."""
    server = start_sandbox(tmp_path_factory.mktemp("wix-sandbox"))
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def wix(wix_server: Server) -> Iterator[SandboxControl]:
    """The standalone sandbox, reset to its demo, without faults or latency."""
    control = SandboxControl(wix_server.url)
    control.reset()
    try:
        yield control
    finally:
        control.clear_faults()
        control.close()


@pytest.fixture(scope="module")
def site_server(wix_server: Server, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The site under gunicorn: 3 processes x 8 threads, sharing one SQLite file."""
    server = start_site(wix_server.url, tmp_path_factory.mktemp("site"), workers=3, threads=8)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def remote_wix(
    wix: SandboxControl, settings: Settings, transactional_db: None
) -> Iterator[SandboxControl]:
    """This process's site talking to the standalone sandbox over real HTTP, as to Wix.

    Real sockets make real read timeouts (the in-process transport has none), shortened to
    ``TEST_WIX_TIMEOUT`` so a timed-out call costs half a second.
    """
    settings.WIX = {
        **settings.WIX,
        "SANDBOX": False,
        "CLIENT_ID": SANDBOX_CLIENT_ID,
        "API_KEY": SANDBOX_API_KEY,
        "SITE_ID": SANDBOX_SITE_ID,
        "BASE_URL": wix.url,
        "MEDIA_BASE_URL": f"{wix.url}/media/",
        "TIMEOUT_SECONDS": TEST_WIX_TIMEOUT,
    }
    reset_client()
    cache.clear()
    caching.clear_local()
    try:
        yield wix
    finally:
        reset_client()
        cache.clear()
        caching.clear_local()
