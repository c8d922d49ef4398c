"""One client cannot spend the site's Wix quota (about 200 calls a minute for the whole site).

Wix calls are counted where they arrive, in the sandbox: pages that only re-show what Wix
already said are served from cache, slot keys Wix could not have offered are refused before
asking it, and every request that may cost a Wix call is rate limited per client.
"""

from __future__ import annotations

import pytest
from django.test import Client

from booking_site.views.common import BROWSE_LIMIT_PER_MINUTE, STATUS_LIMIT_PER_MINUTE
from tests.integration.helpers import (
    choose_first_slot,
    fill_details,
    follow_to,
    hosted_checkout_action,
    soup,
    status_after,
    submit,
)
from wix_sandbox import Sandbox

MASSAGE = "deep-tissue-massage"
pytestmark = pytest.mark.django_db(transaction=True)


def _calls(sandbox: Sandbox) -> int:
    return sum(sandbox.call_counts().values())


def _slots_reads(sandbox: Sandbox) -> int:
    return sandbox.call_counts().get("time_slots.list", 0)


def _lose_the_slot(client: Client, sandbox: Sandbox) -> None:
    """``client`` is at review when a rival books its slot; the calendar is warm again after."""
    tom = sandbox.demo.staff("tom")
    choose_first_slot(client, MASSAGE, staff=tom)
    fill_details(client)
    rival = Client()
    choose_first_slot(rival, MASSAGE, staff=tom)
    fill_details(rival, email="rival@example.com")
    # A CREATED booking holds nothing at Wix (docs/wix-contract.md §6.3): the rival pays.
    hosted_checkout_action(rival, follow_to(rival, submit(rival)), "Pay")
    Client().get(f"/services/{MASSAGE}/", {"staff": tom})  # someone looks: the cache is warm


def test_slot_taken_is_forgotten_once_at_submit_and_its_page_is_served_from_cache(
    client: Client, sandbox: Sandbox
) -> None:
    _lose_the_slot(client, sandbox)
    before_post = _slots_reads(sandbox)
    taken = client.post("/book/submit/")
    assert taken["Location"].startswith("/book/slot-taken/")
    # Wix said "taken" during the POST: that is when the service's availability was dropped.
    Client().get(f"/services/{MASSAGE}/", {"staff": sandbox.demo.staff("tom")})
    assert _slots_reads(sandbox) == before_post + 1
    first = client.get(taken["Location"])
    assert first.status_code == 409
    assert 'name="slot"' in first.content.decode()  # alternatives offered
    after_first = _calls(sandbox)

    views = [client.get(taken["Location"]) for _ in range(10)]

    assert [v.status_code for v in views] == [409] * 10
    assert _calls(sandbox) == after_first  # ten more views, no Wix call
    other = Client().get(f"/services/{MASSAGE}/", {"staff": sandbox.demo.staff("tom")})
    assert other.status_code == 200
    assert _calls(sandbox) == after_first  # and the calendar everyone sees is still cached


def test_status_reloads_and_calendar_file_share_one_wix_read(
    client: Client, sandbox: Sandbox
) -> None:
    choose_first_slot(client, MASSAGE)
    fill_details(client)
    checkout = follow_to(client, submit(client))
    cancelled = status_after(client, hosted_checkout_action(client, checkout, "Cancel"))
    assert soup(cancelled).h1.get_text(strip=True) == "Payment not completed"
    status_url = cancelled.request["PATH_INFO"] + "?" + cancelled.request["QUERY_STRING"]

    before = _calls(sandbox)
    reloads = [client.get(status_url) for _ in range(10)]
    assert [soup(r).h1.get_text(strip=True) for r in reloads] == ["Payment not completed"] * 10
    assert _calls(sandbox) == before

    # Paying and coming back reads Wix afresh at once: never a stale "not paid".
    again = follow_to(client, client.post("/book/resume-payment/"))
    paid = status_after(client, hosted_checkout_action(client, again, "Pay"))
    assert soup(paid).h1.get_text(strip=True) == "You're booked"
    after_return = _calls(sandbox)

    files = [client.get("/book/booking.ics") for _ in range(5)]
    reloads = [client.get(paid.request["PATH_INFO"] + "?" + paid.request["QUERY_STRING"])]

    assert [f.status_code for f in files] == [200] * 5
    assert soup(reloads[0]).h1.get_text(strip=True) == "You're booked"
    assert _calls(sandbox) == after_return


@pytest.mark.parametrize(
    "key",
    [
        "a|2031-12-01T10:00:00|2031-12-01T11:00:00||*",  # five years out
        "a|2027-11-02T10:00:00|2027-11-02T11:00:00||*",  # past the booking horizon
        "a|2026-03-02T10:00:00|2026-03-02T11:00:00||*",  # months ago
        "e|9999-12-31T10:00:00|event",
        "a|0001-01-01T10:00:00|0001-01-01T11:00:00||*",
    ],
)
def test_choosing_a_slot_outside_the_bookable_window_costs_no_wix_call(
    client: Client, sandbox: Sandbox, key: str
) -> None:
    client.get(f"/services/{MASSAGE}/")
    before = _calls(sandbox)

    answer = client.post(f"/services/{MASSAGE}/choose/", {"slot": key})

    assert answer.status_code == 409
    assert "no longer available" in answer.content.decode().lower()
    assert _calls(sandbox) == before


def test_a_slot_inside_the_window_is_still_found(client: Client, sandbox: Sandbox) -> None:
    details = choose_first_slot(client, MASSAGE, month="2027-01")

    assert details.request["PATH_INFO"] == "/book/details/"


def test_browsing_beyond_the_limit_gets_429_and_costs_no_wix_call(sandbox: Sandbox) -> None:
    greedy = Client(REMOTE_ADDR="192.0.2.30")
    allowed = [greedy.get(f"/services/{MASSAGE}/") for _ in range(BROWSE_LIMIT_PER_MINUTE)]
    before = _calls(sandbox)

    months = [greedy.get(f"/services/{MASSAGE}/", {"month": m}) for m in ("2027-02", "2027-03", "")]
    chosen = greedy.post(f"/services/{MASSAGE}/choose/", {"slot": "a|2027-02-01T10:00:00|x||*"})
    other = Client(REMOTE_ADDR="192.0.2.31").get(f"/services/{MASSAGE}/")

    assert [r.status_code for r in allowed] == [200] * BROWSE_LIMIT_PER_MINUTE
    assert [r.status_code for r in months] == [429] * 3
    assert chosen.status_code == 429
    assert months[0]["Retry-After"] == "60"
    assert soup(months[0]).h1.get_text(strip=True) == "Please slow down a little"
    assert _calls(sandbox) == before  # the throttled cold months never reached Wix
    assert other.status_code == 200


def test_status_reads_beyond_the_limit_get_429(client: Client, sandbox: Sandbox) -> None:
    choose_first_slot(client, MASSAGE)
    fill_details(client)
    follow_to(client, submit(client))

    answers = [client.get("/book/booking.ics") for _ in range(STATUS_LIMIT_PER_MINUTE + 1)]

    assert answers[-1].status_code == 429
    assert all(a.status_code != 429 for a in answers[:-1])
