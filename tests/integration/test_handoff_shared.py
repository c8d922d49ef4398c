"""The embedded checkout hand-off token is seen by every process, and works exactly once.

With two gunicorn workers each has its own local-memory cache; a token parked by the iframe's
request on one worker must be claimable by the top window's request on the other. Two
independent cache instances (``override_settings(CACHES=…)`` with distinct locations) stand in
for the two workers.
"""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from django.test import override_settings
from django.utils import timezone

from booking_site import handoff
from booking_site.models import HandoffParcel

pytestmark = pytest.mark.django_db(transaction=True)

DRAFT = {"version": 1, "ref": "abc"}


def _worker(name: str) -> override_settings:
    """The settings of one worker: its own local-memory cache."""
    return override_settings(
        CACHES={
            "default": {
                "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                "LOCATION": f"handoff-{name}",
            }
        }
    )


def test_a_token_parked_by_one_worker_is_claimed_by_the_other_exactly_once() -> None:
    with _worker("one"):
        token = handoff.park(draft=DRAFT, next_url="/checkout/1")
    with _worker("two"):
        first = handoff.claim(token)
        second = handoff.claim(token)
    with _worker("one"):
        third = handoff.claim(token)

    assert first == handoff.Parcel(draft=DRAFT, next_url="/checkout/1")
    assert (second, third) == (None, None)


def test_parallel_claims_hand_the_parcel_to_one_request_only() -> None:
    token = handoff.park(draft=DRAFT, next_url="/checkout/2")
    start = threading.Barrier(6)
    results: list[object] = []

    def claim() -> None:
        start.wait()
        results.append(handoff.claim(token))

    threads = [threading.Thread(target=claim) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=20)

    assert len(results) == 6
    assert [r for r in results if r is not None] == [
        handoff.Parcel(draft=DRAFT, next_url="/checkout/2")
    ]


def test_an_expired_token_is_refused_and_cleared() -> None:
    token = handoff.park(draft=DRAFT, next_url="/checkout/3")
    HandoffParcel.objects.update(expires_at=timezone.now() - timedelta(seconds=1))

    assert handoff.claim(token) is None
    handoff.park(draft=DRAFT, next_url="/checkout/4")  # parking sweeps the expired ones
    assert HandoffParcel.objects.count() == 1


def test_the_token_itself_is_not_stored() -> None:
    token = handoff.park(draft=DRAFT, next_url="/checkout/5")

    assert not HandoffParcel.objects.filter(key=token).exists()
    assert handoff.claim(token + "x") is None
    assert handoff.claim("") is None
    assert handoff.claim("x" * 65) is None
