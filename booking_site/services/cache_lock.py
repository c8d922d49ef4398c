"""A short lock held in Django's cache, which only its holder can release.

Each acquisition stores a random token; ``release`` deletes the lock only while it still holds
that token (compare-and-delete). Without it, a holder whose lock had expired, and been taken by
another process since, would delete that other process's lock and let a third one in.

- Redis: the compare and the delete are one Lua script, atomic on the server.
- Local memory: the cache lives in this process, so one process-wide mutex around add and
  compare-and-delete makes both atomic.
- Any other backend: get, compare, delete (a tiny race remains; production uses Redis).
"""

from __future__ import annotations

import math
import secrets
import threading

from django.core.cache import DEFAULT_CACHE_ALIAS, caches
from django.core.cache.backends.base import BaseCache
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache

# KEYS[1] is the lock; ARGV[1] the token as Django's Redis serializer stores an int: its digits.
_COMPARE_AND_DELETE = """
if redis.call('get', KEYS[1]) == ARGV[1] then
    return redis.call('del', KEYS[1])
end
return 0
"""
_local_guard = threading.Lock()


def acquire(key: str, seconds: float) -> int | None:
    """Take the lock ``key`` for ``seconds`` (rounded up to whole seconds, as Redis keeps them).

    Returns the token to release it with, or None when someone else holds it.
    """
    # An int, because Django's Redis serializer stores ints as plain digits (not pickled),
    # which the Lua script can compare.
    token = secrets.randbits(62) + 1
    timeout = max(1, math.ceil(seconds))
    cache = _backend()
    if isinstance(cache, LocMemCache):
        with _local_guard:
            return token if cache.add(key, token, timeout=timeout) else None
    return token if cache.add(key, token, timeout=timeout) else None


def release(key: str, token: int) -> bool:
    """Delete the lock ``key`` if it still holds ``token``; False when it is not ours any more."""
    cache = _backend()
    if isinstance(cache, RedisCache):
        full_key = cache.make_and_validate_key(key)
        # Django's cache API has no compare-and-delete; its Redis client (private, but stable
        # since Django 4.0) gives the redis-py connection that can run one atomically.
        client = cache._cache.get_client(full_key, write=True)  # type: ignore[attr-defined]
        return bool(client.eval(_COMPARE_AND_DELETE, 1, full_key, str(token)))
    if isinstance(cache, LocMemCache):
        with _local_guard:
            return _delete_if_ours(cache, key, token)
    return _delete_if_ours(cache, key, token)


def _backend() -> BaseCache:
    # The backend itself: ``django.core.cache.cache`` is a proxy, which isinstance can't see.
    return caches[DEFAULT_CACHE_ALIAS]


def _delete_if_ours(cache: BaseCache, key: str, token: int) -> bool:
    if cache.get(key) != token:
        return False
    cache.delete(key)
    return True
