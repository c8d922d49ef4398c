"""The read deadline and the per-process cap on Wix calls, at the transport (issue 14, point 1)."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import httpx
import pytest

from booking_site.wix import WixBusy, WixClient, WixTimeout
from booking_site.wix.budget import DEFAULT_LIMIT, configure_gate, gate, read_budget

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
