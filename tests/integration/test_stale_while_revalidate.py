"""No browsing customer waits on Wix: stale copies inside their hard limit are served at once
and refreshed in the background, once per key; past the hard limit the page waits for Wix;
our own bookings still invalidate at once; prefetch and the warm start fill the cache ahead."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client
from pytest_django.fixtures import Settings

from booking_site.services import cache_lock, prefetch, rate_budget, refresh
from booking_site.services.caching import versioned_key
from booking_site.services.catalogue import get_service
from tests.integration.helpers import choose_first_slot, fill_details, follow_to, submit
from wix_sandbox import Sandbox

MASSAGE = "deep-tissue-massage"
HTMX = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "calendar"}
pytestmark = pytest.mark.django_db(transaction=True)
_CALLS = re.compile(r"wixcalls;dur=(\d+)")
_WHY = re.compile(r'wixwait;desc="([^"]*)"')


@pytest.fixture(autouse=True)
def server_timing(settings: Settings) -> None:
    settings.SERVER_TIMING = True


def _calls(response: object) -> int:
    match = _CALLS.search(response["Server-Timing"])  # type: ignore[index]
    assert match, response["Server-Timing"]  # type: ignore[index]
    return int(match[1])


def _why(response: object) -> str:
    match = _WHY.search(response["Server-Timing"])  # type: ignore[index]
    return match[1] if match else ""


def _slot_reads(sandbox: Sandbox) -> int:
    return sandbox.call_counts().get("time_slots.list", 0)


def test_stale_window_is_served_at_once_and_refreshed_once(
    client: Client, sandbox: Sandbox, now: datetime
) -> None:
    client.get(f"/services/{MASSAGE}/")
    loaded = _slot_reads(sandbox)
    sandbox.set_latency(0.3)  # a real Wix: every call a customer waited on would show

    with time_machine.travel(now + timedelta(seconds=45), tick=True):  # stale, inside 2 min
        pages = [client.get(f"/services/{MASSAGE}/") for _ in range(4)]
        assert [_calls(p) for p in pages] == [0, 0, 0, 0]
        assert [_why(p) for p in pages] == ["", "", "", ""]
        assert refresh.drain()
        assert _slot_reads(sandbox) == loaded + 1  # four stale views, one background refresh

    with time_machine.travel(now + timedelta(seconds=65), tick=True):  # 20 s after the refresh
        again = client.get(f"/services/{MASSAGE}/")
        assert refresh.drain()
    assert _calls(again) == 0
    assert _slot_reads(sandbox) == loaded + 1  # the refreshed copy is fresh: nothing to do


def test_past_the_hard_limit_the_page_waits_for_wix(
    client: Client, sandbox: Sandbox, now: datetime
) -> None:
    client.get(f"/services/{MASSAGE}/")
    loaded = _slot_reads(sandbox)

    with time_machine.travel(now + timedelta(seconds=125), tick=True):  # availability: 2 min
        page = client.get(f"/services/{MASSAGE}/")

    assert page.status_code == 200
    assert "slots-past-hard-limit" in _why(page).split()
    assert _slot_reads(sandbox) == loaded + 1
    assert _calls(page) >= 1  # the customer's own request went to Wix


def test_a_refresh_another_process_holds_is_left_to_it(
    client: Client, sandbox: Sandbox, now: datetime
) -> None:
    # The lock a refresh takes lives in the shared cache: with it held (as another process
    # refreshing the window would hold it), stale views here make no Wix call of their own.
    client.get(f"/services/{MASSAGE}/")
    loaded = _slot_reads(sandbox)
    service_id = get_service(MASSAGE).id
    key = versioned_key(f"slots:{service_id}", now.strftime("%Y-%m"))
    lock_key = f"wixcache:v1:{key}:lock"

    with time_machine.travel(now + timedelta(seconds=45), tick=True):
        token = cache_lock.acquire(lock_key, 30)
        assert token is not None
        held = client.get(f"/services/{MASSAGE}/")
        assert refresh.drain()
        assert _slot_reads(sandbox) == loaded
        assert cache_lock.release(lock_key, token)
        freed = client.get(f"/services/{MASSAGE}/")
        assert refresh.drain()

    assert _calls(held) == _calls(freed) == 0
    assert _slot_reads(sandbox) == loaded + 1


def test_our_booking_drops_the_stale_copy_at_once(
    client: Client, sandbox: Sandbox, now: datetime
) -> None:
    choose_first_slot(client, MASSAGE, staff=sandbox.demo.staff("tom"))
    fill_details(client)
    follow_to(client, submit(client))
    before = _slot_reads(sandbox)

    with time_machine.travel(now + timedelta(seconds=45), tick=True):
        page = client.get(f"/services/{MASSAGE}/", {"staff": sandbox.demo.staff("tom")})

    assert "slots-cold" in _why(page).split()  # not the stale window: it was invalidated
    assert _slot_reads(sandbox) == before + 1


def test_a_month_warms_the_next_one(client: Client, sandbox: Sandbox, settings: Settings) -> None:
    settings.WIX = {**settings.WIX, "PREFETCH": True}
    december = client.get(f"/services/{MASSAGE}/")
    assert _calls(december) == 4  # services, site, December's window, the staff's bios
    assert refresh.drain()
    assert _slot_reads(sandbox) == 2  # December's window, and January's in the background

    january = client.get(f"/services/{MASSAGE}/", {"month": "2027-01"}, **HTMX)

    assert _calls(january) == 0
    assert _why(january) == ""
    assert refresh.drain()
    # The booking window ends in January: nothing past it is read ahead.
    assert _slot_reads(sandbox) == 2


def test_the_services_list_warms_each_services_first_window(
    client: Client, sandbox: Sandbox, settings: Settings
) -> None:
    # The demo business lists 15 services (17 first-window reads): at the default 200 calls a
    # minute the burst of 20, less its reserve, cannot hold them all; the budget's own
    # behaviour is test_prefetch_stays_inside_the_rate_budget's subject.
    settings.WIX = {**settings.WIX, "PREFETCH": True, "CALLS_PER_MINUTE": 400}
    listing = client.get("/")
    assert refresh.drain()
    slugs = sorted(set(re.findall(r'href="/services/([a-z0-9-]+)/"', listing.content.decode())))
    assert len(slugs) >= 4

    pages = {slug: client.get(f"/services/{slug}/") for slug in slugs}

    assert {slug: _why(p) for slug, p in pages.items() if "slots" in _why(p)} == {}
    assert {slug: _why(p) for slug, p in pages.items() if "course" in _why(p)} == {}


def test_prefetch_stays_inside_the_rate_budget(
    client: Client, sandbox: Sandbox, settings: Settings
) -> None:
    settings.WIX = {**settings.WIX, "PREFETCH": True, "CALLS_PER_MINUTE": 60}
    while rate_budget.take(1):
        pass  # customers' reads have spent the bucket
    client.get("/")
    assert refresh.drain()
    assert _slot_reads(sandbox) == 0  # nothing to spare: no prefetch went to Wix
    prefetch.forget_offers()

    # 20 tokens at 1 a second, the clock then standing still: on a loaded machine a ticking
    # clock would refill the bucket while the prefetches run and let more of them through.
    with time_machine.travel(timedelta(seconds=20), tick=False):
        client.get("/")
        assert refresh.drain()
    listed = len(re.findall(r'href="/services/[a-z0-9-]+/"', client.get("/").content.decode()))
    # The bucket refilled to its size (6) and prefetch leaves a quarter of it for refreshes.
    assert 0 < _slot_reads(sandbox) <= 6 - 6 * prefetch.RESERVE_SHARE < listed


def test_the_token_bucket_refills_at_its_rate(settings: Settings, now: datetime) -> None:
    settings.WIX = {**settings.WIX, "CALLS_PER_MINUTE": 120}  # 12 tokens, 2 a second
    cache.clear()
    with time_machine.travel(now, tick=False) as clock:
        assert [rate_budget.take(1) for _ in range(13)] == [True] * 12 + [False]
        clock.shift(1)
        assert [rate_budget.take(1) for _ in range(3)] == [True, True, False]
        assert not rate_budget.take(1, reserve=0)
        rate_budget.spend(3)  # a customer's read always goes, and leaves the bucket short
        assert rate_budget.tokens() == -3
        clock.shift(2)
        assert not rate_budget.take(1, reserve=1)  # 1 token left, none to spare
        assert rate_budget.take(1)


def test_warm_command_fills_catalogue_and_first_windows(client: Client, sandbox: Sandbox) -> None:
    call_command("wix_warm")
    warmed = sum(sandbox.call_counts().values())
    assert warmed > 0

    listing = client.get("/")
    slugs = sorted(set(re.findall(r'href="/services/([a-z0-9-]+)/"', listing.content.decode())))
    pages = [listing] + [client.get(f"/services/{slug}/") for slug in slugs]

    assert [_why(p) for p in pages] == [""] * len(pages)
    assert sum(sandbox.call_counts().values()) == warmed


def test_warm_start_covers_the_first_month_clicks_and_every_services_variants(
    client: Client, sandbox: Sandbox
) -> None:
    # The first browse waits measured (bench): a click to the month after next, and the
    # variants of services whose page shows no calendar, were not warmed.
    call_command("wix_warm")
    warmed = sum(sandbox.call_counts().values())
    listing = client.get("/")
    slugs = sorted(set(re.findall(r'href="/services/([a-z0-9-]+)/"', listing.content.decode())))
    clicks = [
        client.get(f"/services/{slug}/", {"month": month}, **HTMX)
        for slug in slugs
        for month in ("2027-01", "2027-02")  # the next month and the one after (now: December)
    ]

    assert {c.request["PATH_INFO"]: _why(c) for c in clicks if _why(c)} == {}
    assert sum(sandbox.call_counts().values()) == warmed


def test_a_failed_refresh_keeps_the_copy_and_is_not_retried_per_view(
    client: Client, sandbox: Sandbox, now: datetime
) -> None:
    client.get(f"/services/{MASSAGE}/")
    loaded = _slot_reads(sandbox)
    sandbox.inject_faults(kind="503", rate=1.0, endpoints=["time_slots.list"])

    with time_machine.travel(now + timedelta(seconds=45), tick=True):
        first = client.get(f"/services/{MASSAGE}/")
        assert refresh.drain()
        failed = _slot_reads(sandbox)
        later = [client.get(f"/services/{MASSAGE}/") for _ in range(3)]
        assert refresh.drain()

    assert failed > loaded  # the refresh went to Wix (and its bounded retries failed)
    assert _slot_reads(sandbox) == failed  # the next views did not ask again at once
    assert [p.status_code for p in [first, *later]] == [200] * 4
    assert [_calls(p) for p in [first, *later]] == [0] * 4  # all from the kept copy


def test_staff_past_their_fresh_five_minutes_are_served_stale_not_waited_for(
    client: Client, sandbox: Sandbox, now: datetime
) -> None:
    # The 600 s bench's only waits: service pages reading the staff past their 5 fresh minutes.
    client.get(f"/services/{MASSAGE}/")
    staff_reads = sandbox.call_counts()["staff.query"]

    with time_machine.travel(now + timedelta(minutes=6), tick=True):
        page = client.get(f"/services/{MASSAGE}/")
        assert refresh.drain()

    assert not [why for why in _why(page).split() if why.startswith("staff")]
    assert sandbox.call_counts()["staff.query"] == staff_reads + 1  # refreshed behind the page
