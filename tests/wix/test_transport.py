"""Retries, timeouts, error mapping, logging and call metrics of the Wix transport."""

from __future__ import annotations

import logging
import random

import httpx
import pytest

from booking_site.wix import (
    WixClient,
    WixConnectionError,
    WixNotFound,
    WixRateLimited,
    WixResponseError,
    WixServerError,
    WixTimeout,
    metrics,
)
from booking_site.wix.models import ContactDetails, TimeSlot

from .fakes import API_KEY, FakeWix, one_service_page

SERVICES = "/bookings/v2/services/query"
BOOKINGS = "/bookings/v2/bookings"


def _slot() -> TimeSlot:
    return TimeSlot(
        service_id="svc-massage",
        local_start="2026-03-02T10:00:00",
        local_end="2026-03-02T11:00:00",
        time_zone="Europe/London",
        bookable=True,
        schedule_id="sched-massage",
    )


def _wix_records(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == "booking_site.wix"]


def _create_booking(wix: WixClient) -> None:
    wix.bookings.create(
        slot=_slot(),
        contact=ContactDetails(first_name="Ann", email="ann@example.com"),
        total_participants=1,
        payment_option="ONLINE",
    )


def test_read_503_is_retried_twice_then_raises(
    wix: WixClient, fake: FakeWix, sleeps: list[float]
) -> None:
    fake.add("POST", SERVICES, "error_system", status=503)

    with pytest.raises(WixServerError) as caught:
        wix.services.query()

    assert len(fake.requests) == 3
    rng = random.Random(7)
    assert sleeps == [0.5 * (0.5 + rng.random() / 2), 1.0 * (0.5 + rng.random() / 2)]
    assert caught.value.status == 503
    assert caught.value.code == "SERVICE_UNAVAILABLE"


def test_read_503_then_success_returns_result(
    wix: WixClient, fake: FakeWix, sleeps: list[float]
) -> None:
    fake.add("POST", SERVICES, "error_system", status=503)
    fake.add("POST", SERVICES, one_service_page())

    services = wix.services.query()

    assert [s.id for s in services] == ["svc-massage"]
    assert len(fake.requests) == 2
    assert len(sleeps) == 1


def test_backoff_is_capped_at_four_seconds(
    make_client: type[WixClient], fake: FakeWix, sleeps: list[float]
) -> None:
    wix = make_client(max_retries=5)
    fake.add("POST", SERVICES, "error_system", status=500)

    with pytest.raises(WixServerError):
        wix.services.query()

    assert len(fake.requests) == 6
    assert max(sleeps) <= 4.0
    assert sleeps[-1] >= 2.0  # the fifth backoff would be 8 s uncapped


def test_write_503_is_not_retried(wix: WixClient, fake: FakeWix, sleeps: list[float]) -> None:
    fake.add("POST", BOOKINGS, "error_system", status=503)

    with pytest.raises(WixServerError):
        _create_booking(wix)

    assert fake.calls() == [("POST", BOOKINGS)]
    assert sleeps == []


def test_write_read_timeout_is_not_retried(wix: WixClient, fake: FakeWix) -> None:
    fake.add("POST", BOOKINGS, raises=httpx.ReadTimeout("slow"))

    with pytest.raises(WixTimeout):
        _create_booking(wix)

    assert len(fake.requests) == 1


def test_write_connect_error_is_retried_because_nothing_was_sent(
    wix: WixClient, fake: FakeWix
) -> None:
    fake.add("POST", BOOKINGS, raises=httpx.ConnectError("refused"))
    fake.add("POST", BOOKINGS, "booking_created")

    _create_booking(wix)

    assert len(fake.requests) == 2


def test_429_retry_after_is_honoured(wix: WixClient, fake: FakeWix, sleeps: list[float]) -> None:
    fake.add("POST", SERVICES, {}, status=429, headers={"Retry-After": "3"})
    fake.add("POST", SERVICES, one_service_page())

    wix.services.query()

    assert sleeps == [3.0]


def test_429_retry_after_is_capped_at_five_seconds(
    wix: WixClient, fake: FakeWix, sleeps: list[float]
) -> None:
    fake.add("POST", SERVICES, {}, status=429, headers={"Retry-After": "120"})
    fake.add("POST", SERVICES, one_service_page())

    wix.services.query()

    assert sleeps == [5.0]


def test_429_on_write_is_retried_because_wix_refused_it(
    wix: WixClient, fake: FakeWix, sleeps: list[float]
) -> None:
    fake.add("POST", BOOKINGS, {}, status=429, headers={"Retry-After": "1"})
    fake.add("POST", BOOKINGS, "booking_created")

    _create_booking(wix)

    assert len(fake.requests) == 2
    assert sleeps == [1.0]


def test_429_exhausted_raises_rate_limited_with_retry_after(wix: WixClient, fake: FakeWix) -> None:
    fake.add("POST", SERVICES, {}, status=429, headers={"Retry-After": "2"})

    with pytest.raises(WixRateLimited) as caught:
        wix.services.query()

    assert caught.value.retry_after == 2.0
    assert caught.value.code == "TOO_MANY_REQUESTS"
    assert len(fake.requests) == 3


def test_read_timeout_retried_then_surfaces_as_wix_timeout(wix: WixClient, fake: FakeWix) -> None:
    fake.add("POST", SERVICES, raises=httpx.ReadTimeout("slow"))

    with pytest.raises(WixTimeout) as caught:
        wix.services.query()

    assert len(fake.requests) == 3
    assert isinstance(caught.value, WixConnectionError)
    assert isinstance(caught.value.__cause__, httpx.ReadTimeout)


def test_connection_error_surfaces_as_wix_connection_error(
    make_client: type[WixClient], fake: FakeWix
) -> None:
    wix = make_client(max_retries=0)
    fake.add("POST", SERVICES, raises=httpx.ConnectError("dns"))

    with pytest.raises(WixConnectionError) as caught:
        wix.services.query()

    assert not isinstance(caught.value, WixTimeout)


def test_404_is_not_retried(wix: WixClient, fake: FakeWix) -> None:
    fake.add("GET", "/bookings/v2/services/nope", {}, status=404)

    with pytest.raises(WixNotFound):
        wix.services.get("nope")

    assert len(fake.requests) == 1


def test_non_json_success_body_raises_response_error(wix: WixClient, fake: FakeWix) -> None:
    fake.add("POST", SERVICES, content=b"<html>proxy</html>")

    with pytest.raises(WixResponseError):
        wix.services.query()


def test_default_timeouts_suit_a_customer_page(wix: WixClient) -> None:
    assert wix._http.timeout == httpx.Timeout(connect=2.0, read=6.0, write=6.0, pool=2.0)


def test_log_line_has_request_id_and_never_the_key(
    wix: WixClient, fake: FakeWix, caplog: pytest.LogCaptureFixture
) -> None:
    fake.add("POST", SERVICES, one_service_page(), headers={"x-wix-request-id": "rid-42"})
    caplog.set_level(logging.INFO, logger="booking_site.wix")

    wix.services.query()

    [record] = _wix_records(caplog)
    assert record.name == "booking_site.wix"
    assert record.getMessage().startswith(f"wix POST {SERVICES} -> 200 in ")
    assert record.getMessage().endswith("(attempt 1, request id rid-42)")
    assert record.wix_request_id == "rid-42"
    assert record.wix_status == 200
    assert record.wix_attempt == 1
    assert API_KEY not in caplog.text


def test_log_lines_never_contain_visitor_token(
    keyless: WixClient, fake: FakeWix, caplog: pytest.LogCaptureFixture
) -> None:
    fake.add("POST", "/oauth2/token", "token_anonymous")
    fake.add("POST", SERVICES, one_service_page())
    caplog.set_level(logging.DEBUG, logger="booking_site.wix")

    keyless.services.query()

    assert len(_wix_records(caplog)) == 2
    assert "visitor-access-1" not in caplog.text
    assert "visitor-refresh-1" not in caplog.text


def test_each_attempt_is_logged_with_its_number(
    wix: WixClient, fake: FakeWix, caplog: pytest.LogCaptureFixture
) -> None:
    fake.add("POST", SERVICES, {}, status=502)
    fake.add("POST", SERVICES, one_service_page())
    caplog.set_level(logging.INFO, logger="booking_site.wix")

    wix.services.query()

    assert [(r.wix_status, r.wix_attempt) for r in _wix_records(caplog)] == [(502, 1), (200, 2)]


def test_metrics_count_calls_on_this_thread(wix: WixClient, fake: FakeWix) -> None:
    fake.add("POST", SERVICES, {}, status=502)
    fake.add("POST", SERVICES, one_service_page())

    wix.services.query()
    stats = metrics.snapshot()
    metrics.reset()

    assert stats.count == 2
    assert stats.seconds >= 0.0
    assert metrics.snapshot() == metrics.CallStats(count=0, seconds=0.0)


def test_context_manager_closes_the_pool(fake: FakeWix) -> None:
    with WixClient(client_id="c", transport=httpx.MockTransport(fake.handler)) as wix:
        pass

    assert wix._http.is_closed
