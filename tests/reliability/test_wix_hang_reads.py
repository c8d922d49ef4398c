"""Cached reads while Wix hangs: one call per key, shared outcomes, a stale copy at once.

This process's site on the standalone sandbox over real HTTP (``remote_wix``), with a read
deadline of one second and Wix answering after three. The loader is the real catalogue read.
"""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest
from pytest_django.fixtures import Settings

from booking_site.services.caching import cached_read
from booking_site.wix import Service, WixBusy, WixError, WixTimeout, get_client, reset_client
from booking_site.wix.budget import STUCK_AFTER
from tests.reliability.servers import SandboxControl

DEADLINE = 1.0
HANG = 3.0  # Wix answers after the deadline
READERS = 12
QUERY = "services.query"


def _query() -> tuple[Service, ...]:
    return get_client().services.query()


def _read(key: str, ttl: float = 60) -> tuple[Service, ...]:
    return cached_read(key, _query, ttl=ttl)


def _at_once(task: Any, count: int, limit: float) -> tuple[list[Any], float]:
    """Run ``task`` in ``count`` threads at once; their results (or errors) and the time."""
    results: list[Any] = [None] * count
    start = threading.Barrier(count)

    def run(index: int) -> None:
        start.wait()
        try:
            results[index] = task()
        except WixError as error:
            results[index] = error

    threads = [threading.Thread(target=run, args=(i,), daemon=True) for i in range(count)]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(max(0.0, began + limit - time.monotonic()))
    unfinished = sum(thread.is_alive() for thread in threads)
    assert unfinished == 0, f"{unfinished} of {count} reads still waiting after {limit}s"
    return results, time.monotonic() - began


@pytest.fixture
def hung_wix(remote_wix: SandboxControl, settings: Settings) -> SandboxControl:
    # The client's own timeout is longer than the deadline, so the deadline is what cuts calls.
    settings.WIX = {**settings.WIX, "READ_DEADLINE_SECONDS": DEADLINE, "TIMEOUT_SECONDS": 5.0}
    reset_client()
    return remote_wix


def _hang(wix: SandboxControl) -> int:
    wix.inject("timeout", 1.0, endpoints=None, timeout=HANG)
    return wix.calls().get(QUERY, 0)


def test_readers_of_a_stale_key_get_the_copy_with_one_wix_call(hung_wix: SandboxControl) -> None:
    warm = _read("hang-stale", ttl=0.05)
    time.sleep(0.1)  # now only a stale copy is left
    before = _hang(hung_wix)

    results, took = _at_once(lambda: _read("hang-stale", ttl=0.05), READERS, limit=6)

    assert results == [warm] * READERS
    assert took < DEADLINE + 0.5
    # One reader asked Wix and did not repeat its timed-out call; the others took the copy.
    assert hung_wix.calls()[QUERY] - before == 1


def test_readers_without_a_copy_share_the_first_readers_failure(
    hung_wix: SandboxControl,
) -> None:
    get_client()  # a token first, so that only the catalogue read itself hangs
    before = _hang(hung_wix)

    results, took = _at_once(lambda: _read("hang-cold"), READERS, limit=6)

    # The first reader's timeout, shared by those that waited for it, or turned away once the
    # process's Wix slots were all taken by a read that was getting no answer: the
    # "temporarily unavailable" page either way, never a call of their own.
    assert all(isinstance(r, WixTimeout | WixBusy) for r in results), results
    assert took < DEADLINE + 0.5
    assert hung_wix.calls()[QUERY] - before == 1  # one reader's call, not one per reader


def test_a_full_gate_gives_the_stale_copy_or_busy_at_once(
    hung_wix: SandboxControl, settings: Settings
) -> None:
    settings.WIX = {**settings.WIX, "MAX_CONCURRENT_CALLS": 1}
    reset_client()
    warm = _read("gate-stale", ttl=0.05)
    time.sleep(0.1)
    _hang(hung_wix)
    hung = threading.Thread(target=_at_once, args=(lambda: _read("gate-hung"), 1, 5))
    hung.start()  # takes the only slot until the deadline
    time.sleep(0.2)
    try:
        started = time.monotonic()
        assert _read("gate-stale", ttl=0.05) == warm
        stale_took = time.monotonic() - started
        started = time.monotonic()
        with pytest.raises(WixBusy):
            _read("gate-cold")
        busy_took = time.monotonic() - started
    finally:
        hung.join(DEADLINE + 1)
    assert stale_took < 0.1
    assert busy_took < STUCK_AFTER + 0.2  # once the call holding the slot looks hung
