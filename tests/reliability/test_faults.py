"""Wix throttling, failing and timing out, on reads and on writes, over real HTTP.

The site runs in this process; Wix is the standalone sandbox, injecting faults with seeded
dice. Customers must only ever see pages, redirects or a 503 with a way to retry; Wix must
receive at most three attempts per call; no booking may be doubled; and everyone can finish
once Wix recovers.
"""

from __future__ import annotations

from django.test import Client

from tests.integration.helpers import soup
from tests.reliability.conftest import FIGURES
from tests.reliability.journey import (
    MASSAGE,
    Customer,
    assert_retry_page,
    pay_on_hosted_page,
    wix_calls,
)
from tests.reliability.servers import SandboxControl

# Three attempts (one try, two retries) of each of at most five Wix calls a page needs.
MAX_WIX_CALLS_PER_PAGE = 3 * 5
STEADY_FAULTS = (("429", 0.15), ("503", 0.15), ("timeout", 0.15))


def _ours(wix: SandboxControl) -> list[dict[str, object]]:
    return [b for b in wix.state()["bookings"] if b.get("externalUserId")]


def test_steady_faults_degrade_gracefully_and_everyone_books_once_wix_recovers(
    remote_wix: SandboxControl,
) -> None:
    assert Client().get("/").status_code == 200  # the catalogue is cached before trouble starts
    before = wix_calls(remote_wix)
    for kind, rate in STEADY_FAULTS:  # every endpoint: token, reads and writes
        remote_wix.inject(kind, rate, timeout=1.0)
    customers = [Customer(remote_wix, n) for n in range(1, 4)]

    for customer in customers:
        assert customer.request("GET", "/").status_code == 200  # served from the cache
        key = customer.pick_slot()
        if key and customer.choose(key) and customer.give_details():
            customer.submit()
    under_faults = wix_calls(remote_wix) - before
    pages = sum(len(c.statuses) for c in customers)
    unavailable = sum(c.statuses.count(503) for c in customers)
    remote_wix.clear_faults()
    for customer in customers:  # Wix is back: carry on from wherever the customer was
        key = customer.pick_slot()
        assert key is not None
        if customer.client.get("/book/review/").status_code != 200:
            assert customer.choose(key)
            assert customer.give_details()
        to_wix = customer.submit()
        assert to_wix is not None
        assert to_wix.status_code == 302, to_wix.content[:300]
        assert soup(pay_on_hosted_page(customer.client, to_wix["Location"])).h1.get_text(
            strip=True
        ) in ("You're booked", "Booking received")

    FIGURES.append(
        f"steady faults (429, 503, timeout at 15% each on every Wix endpoint): {len(customers)} "
        f"customers, {pages} pages, {unavailable} answered 503 with a retry, 0 5xx else; "
        f"{under_faults} Wix calls under faults, at most "
        f"{max(max(c.calls_per_page) for c in customers)} for one page"
    )
    assert unavailable > 0, "the faults reached the customers (the test exercises them)"
    assert all(max(c.calls_per_page) <= MAX_WIX_CALLS_PER_PAGE for c in customers)
    refs = [b["externalUserId"] for b in _ours(remote_wix)]
    assert sorted(refs) == sorted(c.ref for c in customers)  # one booking each, none doubled
    assert all(b["status"] == "CONFIRMED" for b in _ours(remote_wix))


def test_failing_read_is_tried_three_times_then_a_retry_page(remote_wix: SandboxControl) -> None:
    client = Client()
    assert client.get("/").status_code == 200
    remote_wix.inject("timeout", 1.0, endpoints=["time_slots.list"], timeout=1.0)

    page = client.get(f"/services/{MASSAGE}/")

    assert page.status_code == 503
    assert_retry_page(page)
    assert "temporarily unavailable" in soup(page).get_text()
    assert remote_wix.calls()["time_slots.list"] == 3
    remote_wix.clear_faults()
    assert client.get(f"/services/{MASSAGE}/").status_code == 200


def test_throttled_create_booking_is_retried_but_bounded(remote_wix: SandboxControl) -> None:
    customer = Customer(remote_wix, 1)
    assert customer.choose(customer.pick_slot() or "")
    assert customer.give_details()
    remote_wix.inject("429", 1.0, endpoints=["bookings.create"])

    busy = customer.request("POST", "/book/submit/")

    assert busy.status_code == 503
    assert "very busy" in soup(busy).get_text()
    # A 429 means Wix refused before doing anything, so even a write may be repeated, twice.
    assert remote_wix.calls()["bookings.create"] == 3
    assert _ours(remote_wix) == []
    retry = [a["href"] for a in soup(busy).select("a") if a.get_text(strip=True) == "Try again"]
    assert retry == ["/book/review/"]


def test_failed_create_booking_is_not_repeated_and_can_be_retried(
    remote_wix: SandboxControl,
) -> None:
    customer = Customer(remote_wix, 1)
    assert customer.choose(customer.pick_slot() or "")
    assert customer.give_details()
    remote_wix.inject("503", 1.0, endpoints=["bookings.create"])

    failed = customer.request("POST", "/book/submit/")

    assert failed.status_code == 503
    assert "Nothing was booked" in soup(failed).get_text()
    assert remote_wix.calls()["bookings.create"] == 1  # a write is never repeated after a 5xx
    remote_wix.clear_faults()
    assert customer.request("POST", "/book/submit/").status_code == 302
    assert [b["externalUserId"] for b in _ours(remote_wix)] == [customer.ref]
