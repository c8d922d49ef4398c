"""Rate limits count every process's attempts, Redis or not (issue 14, point 13).

Without Redis each gunicorn worker has its own local-memory cache; counting there let one
client make 19-20 sign-in attempts per five minutes instead of 10. Two independent cache
instances (``override_settings(CACHES=…)``) stand in for two workers.
"""

from __future__ import annotations

import threading

import pytest
from django.test import Client, override_settings

from booking_site.ratelimit import hit

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("fresh_rate_window"),
]


def _worker(name: str) -> override_settings:
    """One worker's settings: its own local-memory cache, no Redis."""
    return override_settings(
        CACHES={
            "default": {
                "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                "LOCATION": f"ratelimit-{name}",
            }
        }
    )


def test_attempts_on_two_workers_count_together() -> None:
    answers = []
    for attempt in range(8):
        with _worker("one" if attempt % 2 else "two"):
            answers.append(hit("test-action", "client-a", limit=5, window=300))
    with _worker("three"):
        other_client = hit("test-action", "client-b", limit=5, window=300)

    assert answers == [True] * 5 + [False] * 3
    assert other_client is True


def test_parallel_attempts_are_counted_exactly() -> None:
    start = threading.Barrier(16)
    answers: list[bool] = []

    def attempt() -> None:
        start.wait()
        answers.append(hit("test-parallel", "client-c", limit=10, window=300))

    threads = [threading.Thread(target=attempt) for _ in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(answers) == [False] * 6 + [True] * 10


def test_sign_ins_through_two_workers_stop_at_ten() -> None:
    visitor = Client(REMOTE_ADDR="192.0.2.77")
    attempt = {"username": "nobody", "password": "wrong"}

    statuses = []
    for number in range(12):
        with _worker("one" if number % 2 else "two"):
            statuses.append(visitor.post("/owner/login/", attempt).status_code)

    assert statuses == [200] * 10 + [429] * 2
