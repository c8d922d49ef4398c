"""Races through gunicorn (3 processes x 8 threads) against the standalone sandbox over HTTP.

Twenty customers, each with their own cookies and address, reach the review step for the same
last place and press "Book" at the same moment; one customer's ten parallel submits of one
draft land on whichever processes accept them. Wix (the sandbox) is the referee.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx

from tests.integration.helpers import slot_buttons
from tests.reliability.conftest import FIGURES
from tests.reliability.customers import BLOCKING, WebCustomer, all_at_once, spots
from tests.reliability.servers import SANDBOX_API_KEY, SandboxControl, Server
from wix_sandbox.demo import Demo

YOGA = "vinyasa-flow"
MASSAGE = "deep-tissue-massage"
CUSTOMERS = 20
DEMO = Demo()


def _prepared(site: Server, slug: str, key: str, count: int, first: int = 1) -> list[WebCustomer]:
    """``count`` customers numbered from ``first``, each on the review step with ``key``."""
    customers = [WebCustomer(site.url, number) for number in range(first, first + count)]

    def prepare(customer: WebCustomer) -> None:
        customer.choose(slug, key)
        customer.give_details()

    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(prepare, customers))
    return customers


def _ours(wix: SandboxControl) -> list[dict[str, Any]]:
    """Bookings the site made (tagged with our reference), still holding their place."""
    return [
        b for b in wix.state()["bookings"] if b.get("externalUserId") and b["status"] in BLOCKING
    ]


def _assert_clean_log(site: Server) -> None:
    log = site.log()
    assert "Traceback" not in log
    assert SANDBOX_API_KEY not in log


def _leave_one_place(wix: SandboxControl, event_id: str, left: int) -> None:
    """Book the session down to one free place directly in Wix (at most 4 per booking)."""
    while left > 1:
        seats = min(4, left - 1)
        body = {
            "booking": {
                "bookedEntity": {"slot": {"serviceId": DEMO.service("yoga"), "eventId": event_id}},
                "contactDetails": {"firstName": "Walk", "lastName": "In", "email": "w@example.com"},
                "selectedPaymentOption": "ONLINE",
                "totalParticipants": seats,
            }
        }
        assert wix.admin("POST", "/bookings/v2/bookings", body).status_code == 200
        left -= seats


def test_twenty_customers_race_for_the_last_place_in_a_class(
    site_server: Server, wix: SandboxControl
) -> None:
    scout = WebCustomer(site_server.url, 250)
    sessions = [
        b for b in slot_buttons(scout.get(f"/services/{YOGA}/")) if (spots(b["label"]) or 0) > 0
    ]
    key = sessions[0]["key"]
    event_id = key.split("|")[2]
    _leave_one_place(wix, event_id, spots(sessions[0]["label"]) or 0)
    customers = _prepared(site_server, YOGA, key, CUSTOMERS)

    outcomes = all_at_once(customers, "submit")

    kinds = [o.kind for o in outcomes]
    in_session = [
        b
        for b in wix.state()["bookings"]
        if b["bookedEntity"].get("slot", {}).get("eventId") == event_id and b["status"] in BLOCKING
    ]
    FIGURES.append(
        f"class race: {CUSTOMERS} customers, {kinds.count('checkout')} booked, "
        f"{kinds.count('slot_taken')} slot-taken pages, {kinds.count('server_error')} 5xx"
    )
    assert kinds.count("checkout") == 1
    assert kinds.count("slot_taken") == CUSTOMERS - 1
    assert kinds.count("server_error") == 0
    assert all(o.alternatives >= 1 for o in outcomes if o.kind == "slot_taken")
    assert sum(b["totalParticipants"] for b in in_session) == DEMO.services["yoga"].capacity
    assert len([b for b in in_session if b.get("externalUserId")]) == 1
    _assert_clean_log(site_server)


def test_twenty_customers_race_for_one_appointment_slot(
    site_server: Server, wix: SandboxControl
) -> None:
    scout = WebCustomer(site_server.url, 250)
    tom = DEMO.staff("tom")
    key = slot_buttons(scout.get(f"/services/{MASSAGE}/", staff=tom))[0]["key"]
    assert key.endswith(f"|{tom}"), "the slot is Tom's, so exactly one customer can have it"
    customers = _prepared(site_server, MASSAGE, key, CUSTOMERS)

    outcomes = all_at_once(customers, "submit")

    kinds = [o.kind for o in outcomes]
    FIGURES.append(
        f"appointment race: {CUSTOMERS} customers, {kinds.count('checkout')} booked, "
        f"{kinds.count('slot_taken')} slot-taken pages, {kinds.count('server_error')} 5xx"
    )
    assert kinds.count("checkout") == 1
    assert kinds.count("slot_taken") == CUSTOMERS - 1
    assert kinds.count("server_error") == 0
    assert all(o.alternatives >= 1 for o in outcomes if o.kind == "slot_taken")
    ours = _ours(wix)
    assert len(ours) == 1
    assert ours[0]["bookedEntity"]["slot"]["resource"]["id"] == tom
    _assert_clean_log(site_server)


def test_parallel_submits_of_one_draft_across_workers_book_once(
    site_server: Server, wix: SandboxControl
) -> None:
    maya = DEMO.staff("maya")
    scout = WebCustomer(site_server.url, 250)
    key = slot_buttons(scout.get(f"/services/{MASSAGE}/", staff=maya))[0]["key"]
    # A client who has not submitted yet this minute: the races above used 1 to 20, and the
    # submit limit counts across all workers.
    (customer,) = _prepared(site_server, MASSAGE, key, 1, first=101)
    tabs = []
    for _ in range(10):  # ten tabs or clicks: the submit limit allows ten a minute per client
        tab = WebCustomer(site_server.url, 101)
        tab.http.cookies = httpx.Cookies(customer.http.cookies)
        tabs.append(tab)

    outcomes = all_at_once(tabs, "submit")

    kinds = [o.kind for o in outcomes]
    state = wix.state()
    ours = _ours(wix)
    FIGURES.append(
        f"double submit: 10 parallel submits of one draft, {len(ours)} booking, "
        f"{len(state['carts'])} cart, answers {sorted(set(kinds))}"
    )
    # Each tab waits for the one that got there first, then reuses its booking and cart.
    assert kinds == ["checkout"] * 10
    assert len(ours) == 1
    assert len(state["carts"]) == 1
    _assert_clean_log(site_server)
