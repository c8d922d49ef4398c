"""The read deadline and the per-process cap on Wix calls, at the transport (issue 14, point 1)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import httpx
import pytest

from booking_site.wix import WixBusy, WixClient, WixTimeout
from booking_site.wix.budget import (
    DEFAULT_LIMIT,
    STUCK_AFTER,
    configure_gate,
    gate,
    read_budget,
)

from .fakes import FakeWix, one_service_page

SERVICES = "/bookings/v2/services/query"


@pytest.fixture
def one_slot() -> Iterator[None]:
    configure_gate(1)
    yield
    configure_gate(DEFAULT_LIMIT)


def test_without_retrying_timeouts_a_hung_read_costs_one_attempt(
    wix: WixClient, fake: FakeWix, sleeps: list[float]
) -> None:
    fake.add("POST", SERVICES, raises=httpx.ReadTimeout("hung"))

    with read_budget(5.0, retry_timeouts=False, slot_wait=0), pytest.raises(WixTimeout):
        wix.services.query()

    assert len(fake.requests) == 1
    assert sleeps == []


def test_each_attempt_waits_at_most_what_is_left_of_the_deadline(
    wix: WixClient, fake: FakeWix
) -> None:
    fake.add("POST", SERVICES, one_service_page())

    with read_budget(1.5, retry_timeouts=True, slot_wait=0):
        wix.services.query()

    timeout = fake.requests[0].extensions["timeout"]
    assert 0 < timeout["read"] <= 1.5  # the client's own read timeout is 6 s
    assert 0 < timeout["connect"] <= 1.5


def test_no_attempt_starts_once_the_deadline_has_passed(wix: WixClient, fake: FakeWix) -> None:
    fake.add("POST", SERVICES, one_service_page())

    with read_budget(0.0, retry_timeouts=True, slot_wait=0), pytest.raises(WixTimeout):
        wix.services.query()

    assert fake.requests == []


def test_a_full_gate_refuses_the_call_without_sending_it(
    wix: WixClient, fake: FakeWix, one_slot: None
) -> None:
    fake.add("POST", SERVICES, one_service_page())
    holding, release = threading.Event(), threading.Event()

    def hold() -> None:
        with gate().slot(0):
            holding.set()
            release.wait(5)

    holder = threading.Thread(target=hold)
    holder.start()
    try:
        assert holding.wait(5)
        with read_budget(5.0, retry_timeouts=True, slot_wait=0), pytest.raises(WixBusy):
            wix.services.query()
        assert fake.requests == []
    finally:
        release.set()
        holder.join(5)
    wix.services.query()  # the slot is free again
    assert len(fake.requests) == 1


def _hold_slot(seconds: float, holding: threading.Event) -> threading.Thread:
    def hold() -> None:
        with gate().slot(0):
            holding.set()
            time.sleep(seconds)

    thread = threading.Thread(target=hold)
    thread.start()
    assert holding.wait(5)
    return thread


def test_a_full_gate_waits_for_a_call_that_is_answered(one_slot: None) -> None:
    holder = _hold_slot(0.3, threading.Event())  # a call that takes 0.3 s, then answers
    started = time.monotonic()

    with gate().slot(5.0):
        waited = time.monotonic() - started

    holder.join(5)
    assert 0.1 < waited < STUCK_AFTER + 0.2


def test_a_gate_full_of_unanswered_calls_turns_threads_away(one_slot: None) -> None:
    holder = _hold_slot(STUCK_AFTER + 1.0, threading.Event())  # a call that hangs
    started = time.monotonic()

    with pytest.raises(WixBusy), gate().slot(5.0):
        pass

    assert time.monotonic() - started < STUCK_AFTER + 0.2  # not the 5 s it was willing to
    holder.join(5)
