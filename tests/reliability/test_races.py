"""Races through gunicorn (3 processes x 8 threads) against the standalone sandbox over HTTP.

Twenty customers, each with their own cookies and address, reach the review step for the same
last place and press "Book" at the same moment; one customer's ten parallel submits of one
draft land on whichever processes accept them. Wix (the sandbox) is the referee, and it behaves
as Wix does: a CREATED booking holds nothing (docs/wix-contract.md §6.3), so every racer can
create a booking and reach checkout, and the payment decides. What the site can prevent, it
does: once the place is paid for, a later submit is refused by the re-check before anything is
created. What it can't (racers already at checkout), it tells honestly: the one who got the
place is booked, every other payer sees that Wix kept their payment on a taken time and that the
business will contact them. The figures report what each racer ended with.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import httpx

from tests.integration.helpers import slot_buttons, soup
from tests.reliability.conftest import FIGURES
from tests.reliability.customers import (
    BLOCKING,
    BOOKED,
    DOUBLE_BOOKED,
    Outcome,
    WebCustomer,
    all_at_once,
    spots,
)
from tests.reliability.servers import SANDBOX_API_KEY, SandboxControl, Server
from wix_sandbox.demo import Demo

YOGA = "vinyasa-flow"
CONSULTATION = "wellbeing-consultation"
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
        made = wix.admin("POST", "/bookings/v2/bookings", body)
        assert made.status_code == 200
        # Paid at the desk: a CREATED booking would hold nothing (§6.3).
        booking_id = made.json()["booking"]["id"]
        confirm = {"paymentStatus": "PAID"}
        path = f"/bookings/v2/confirmation/{booking_id}:confirmOrDecline"
        assert wix.admin("POST", path, confirm).status_code == 200
        left -= seats


def _race_then_pay(
    site: Server, wix: SandboxControl, slug: str, key: str, label: str
) -> tuple[list[str], Outcome]:
    """Twenty racers submit at once, then all pay at once; a latecomer submits afterwards.

    Returns what each paying racer ended with (status-page headings) and the latecomer's
    submit, and records the figures.
    """
    customers = _prepared(site, slug, key, CUSTOMERS)
    (latecomer,) = _prepared(site, slug, key, 1, first=CUSTOMERS + 1)

    outcomes = all_at_once(customers, "submit")
    at_checkout = [c for c, o in zip(customers, outcomes, strict=True) if o.kind == "checkout"]
    ended = all_at_once(at_checkout, "pay")
    late = latecomer.submit()

    kinds = [o.kind for o in outcomes]
    FIGURES.append(
        f"{label} race: {CUSTOMERS} customers submit at once: {kinds.count('checkout')} reach "
        f"checkout (CREATED holds nothing), {kinds.count('slot_taken')} slot-taken, "
        f"{kinds.count('server_error')} 5xx; all pay at once: {ended.count(BOOKED)} booked, "
        f"{ended.count(DOUBLE_BOOKED)} told their payment landed on a taken time, "
        f"{len(ended) - ended.count(BOOKED) - ended.count(DOUBLE_BOOKED)} other; "
        f"a later submit: {late.kind}"
    )
    assert kinds.count("server_error") == 0
    assert kinds.count("checkout") + kinds.count("slot_taken") == CUSTOMERS
    assert kinds.count("checkout") >= 1
    return ended, late


def _kept(wix: SandboxControl, match: Any) -> list[dict[str, Any]]:
    """Our bookings that hold a place without a clash (``doubleBooked`` ones are the clash)."""
    return [
        b
        for b in _ours(wix)
        if match(b) and b["status"] in ("CONFIRMED", "PENDING") and not b.get("doubleBooked")
    ]


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

    ended, late = _race_then_pay(site_server, wix, YOGA, key, "class")

    assert ended.count(BOOKED) == 1
    assert ended.count(DOUBLE_BOOKED) == len(ended) - 1  # honest: paid, but the place was gone
    assert late.kind == "slot_taken"
    assert late.alternatives >= 1
    kept = _kept(wix, lambda b: b["bookedEntity"].get("slot", {}).get("eventId") == event_id)
    assert len(kept) == 1
    clashes = [b for b in _ours(wix) if b.get("doubleBooked")]
    assert len(clashes) == len(ended) - 1  # each one Wix flags for the business
    assert len(_ours(wix)) == len(ended)  # the latecomer made no booking
    _assert_clean_log(site_server)


def test_twenty_customers_race_for_one_appointment_slot(
    site_server: Server, wix: SandboxControl
) -> None:
    scout = WebCustomer(site_server.url, 250)
    tom = DEMO.staff("tom")
    key = slot_buttons(scout.get(f"/services/{MASSAGE}/", staff=tom))[0]["key"]
    assert key.endswith(f"|{tom}"), "the slot is Tom's, so exactly one customer can have it"

    ended, late = _race_then_pay(site_server, wix, MASSAGE, key, "appointment")

    assert ended.count(BOOKED) == 1
    assert ended.count(DOUBLE_BOOKED) == len(ended) - 1
    assert late.kind == "slot_taken"
    assert late.alternatives >= 1
    kept = _kept(wix, lambda b: b["bookedEntity"]["slot"].get("resource", {}).get("id") == tom)
    assert len(kept) == 1  # Tom is booked once for that time; the clashes are flagged
    assert len([b for b in _ours(wix) if b.get("doubleBooked")]) == len(ended) - 1
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


class Rescheduler(WebCustomer):
    """A customer on their manage page's calendar, about to press one time."""

    link = ""
    revision = ""
    key = ""

    def reschedule(self) -> httpx.Response:
        data = {"slot": self.key, "revision": self.revision, "tz": "Europe/London"}
        return self.post(self.link + "reschedule/", data)


def _maya_keys(scout: WebCustomer) -> tuple[str, list[str]]:
    """A day at least three days ahead (outside the 24-hour window) with Maya's free times."""
    day = datetime.now(ZoneInfo("Europe/London")).date() + timedelta(days=3)
    for _ in range(14):
        page = scout.get(
            f"/services/{CONSULTATION}/", date=day.isoformat(), staff=DEMO.staff("maya")
        )
        keys = [
            b["key"] for b in slot_buttons(page) if b["key"].split("|")[1][:10] == day.isoformat()
        ]
        if len(keys) >= 6:
            return day.isoformat(), keys
        day += timedelta(days=1)
    raise AssertionError("no day with Maya's consultations in two weeks")


def _booked_with_link(customer: Rescheduler, key: str) -> None:
    """Book ``key`` (free: confirmed at once) and keep the status page's manage link."""
    customer.choose(CONSULTATION, key)
    customer.give_details()
    done = customer.post("/book/submit/")
    assert done.status_code == 302, done.text[:300]
    status = customer.get(done.headers["location"])
    link = soup(status).select_one("#manage-link")
    assert link is not None, status.text[:500]
    customer.link = str(link["href"])


def test_two_customers_reschedule_into_the_same_last_slot(
    site_server: Server, wix: SandboxControl
) -> None:
    day, keys = _maya_keys(WebCustomer(site_server.url, 250))
    # Two bookings that do not overlap (45 minutes on a 30-minute grid), and the day's last time.
    first, second, target = keys[0], keys[2], keys[-1]
    customers = [Rescheduler(site_server.url, 201), Rescheduler(site_server.url, 202)]
    for customer, key in zip(customers, (first, second), strict=True):
        _booked_with_link(customer, key)
    for customer in customers:
        page = customer.get(customer.link + "reschedule/", date=day, staff=DEMO.staff("maya"))
        assert target in [b["key"] for b in slot_buttons(page)]
        customer.revision = str(soup(page).select_one("input[name=revision]")["value"])
        customer.key = target

    answers = all_at_once(customers, "reschedule")

    codes = sorted(a.status_code for a in answers)
    lost = next((a for a in answers if a.status_code == 409), None)
    alternatives = soup(lost).select("#alternatives button[name=slot]") if lost else []
    start = target.split("|")[1]
    moved = [b for b in _ours(wix) if b["startDate"].startswith(start)]
    FIGURES.append(
        f"reschedule race: 2 customers for one slot, answers {codes}, "
        f"{len(moved)} moved, {len(alternatives)} alternatives offered"
    )
    assert codes == [302, 409]
    assert (
        next(a for a in answers if a.status_code == 302)
        .headers["location"]
        .endswith("&done=rescheduled")
    )
    assert len(alternatives) >= 1
    assert target not in [b["value"] for b in alternatives]
    assert len(moved) == 1
    assert len(_ours(wix)) == 2  # the loser keeps their booking, at its old time
    _assert_clean_log(site_server)
