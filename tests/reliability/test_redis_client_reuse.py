"""The Redis cache keeps one client per connection pool (config/redis_cache.py) and still
reads, writes and counts as Django's own does, from many threads at once.

A real Redis, in this process, configured the way settings configure it from ``REDIS_URL``.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from pytest_django.fixtures import Settings

from config.env import redis_cache_from_url
from tests.scaleout.servers import Redis


@pytest.fixture
def shared(redis_server: Redis, settings: Settings) -> RedisCache:
    settings.CACHES = {
        **settings.CACHES,
        "default": redis_cache_from_url(redis_server.url, key_prefix="client-reuse"),
    }
    backend = caches["default"]
    assert isinstance(backend, RedisCache)
    backend.clear()
    return backend


def test_one_client_serves_every_command(shared: RedisCache) -> None:
    inner = shared._cache  # type: ignore[attr-defined]

    assert inner.get_client() is inner.get_client(write=True)
    shared.set("greeting", {"hello": "world"})
    assert shared.get("greeting") == {"hello": "world"}


def test_threads_sharing_the_client_each_get_their_own_answers(shared: RedisCache) -> None:
    def round_trip(n: int) -> tuple[int, int]:
        shared.set(f"key-{n}", n)
        if not shared.add("counter", 1):
            shared.incr("counter")
        return n, shared.get(f"key-{n}")

    with ThreadPoolExecutor(max_workers=16) as pool:
        answers = list(pool.map(round_trip, range(400)))

    assert answers == [(n, n) for n in range(400)]
    assert shared.get("counter") == 400  # one add and 399 increments, none lost
