"""The browse limit's counter on Redis: one SET NX + INCR transaction per attempt, the same
count and expiry as Django's ``add`` + ``incr`` gave (issue 19: fewer round trips per page).

A real Redis, in this process: the site's default cache pointed at it.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import redis
from django.core.cache import cache
from pytest_django.fixtures import Settings

from booking_site import ratelimit
from tests.scaleout.servers import Redis


@pytest.fixture
def on_redis(redis_server: Redis, settings: Settings) -> Iterator[redis.Redis]:
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": redis_server.url,
            "KEY_PREFIX": "rate-probe",
        },
    }
    settings.RATELIMIT_STORE = "cache"
    store = redis.Redis.from_url(redis_server.url)
    store.flushdb()
    yield store
    store.flushdb()


def test_the_count_stops_at_the_limit_and_expires_with_its_window(
    on_redis: redis.Redis,
) -> None:
    answers = [
        ratelimit.hit("browse", "visitor", limit=3, window=60, strict=False) for _ in range(5)
    ]

    assert answers == [True, True, True, False, False]
    (key,) = on_redis.keys("*ratelimit:browse:visitor:*")
    assert int(on_redis.get(key)) == 5
    assert 0 < on_redis.ttl(key) <= 61  # the window's expiry, set by the first attempt only
    bucket = key.decode().rsplit(":", 1)[1]
    # Django's cache reads the same plain integer (the value its own incr would have left).
    assert cache.get(f"ratelimit:browse:visitor:{bucket}") == 5


def test_each_visitor_and_action_counts_alone(on_redis: redis.Redis) -> None:
    for _ in range(2):
        ratelimit.hit("browse", "first", limit=2, window=60, strict=False)

    assert not ratelimit.hit("browse", "first", limit=2, window=60, strict=False)
    assert ratelimit.hit("browse", "second", limit=2, window=60, strict=False)
    assert ratelimit.hit("status", "first", limit=2, window=60, strict=False)
