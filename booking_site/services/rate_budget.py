"""Wix's rate budget (about 200 calls a minute per site) as a token bucket in the shared cache.

Every cached read that goes to Wix spends a token (``spend``): a customer is waiting, so it is
never refused, but it leaves fewer for the work no one waits on. Background work (refreshes,
prefetches, the warm start) asks first (``take``) and is skipped when the bucket is short;
prefetches ask with a ``reserve`` left over, so they never eat what refreshes need.

The bucket holds ``capacity`` tokens and refills at ``per_minute / 60`` a second. It lives in
the shared cache, so all processes (and, with Redis, all hosts) draw on one bucket:

- Redis: refill, compare and spend in one Lua script, atomic on the server;
- local memory: one process-wide mutex around read-modify-write (the cache is this process's);
- any other backend: read-modify-write (a small race remains; production uses Redis).
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import DEFAULT_CACHE_ALIAS, caches
from django.core.cache.backends.base import BaseCache
from django.core.cache.backends.redis import RedisCache

KEY = "wixrate:v1:bucket"
DEFAULT_PER_MINUTE = 200
_IDLE_EXPIRY = 3600  # a bucket untouched for an hour is full again anyway
# ARGV: capacity, refill per second, now, cost, reserve, force (1/0), expiry. Returns
# {granted 1/0, tokens left as a string}. Floats travel as strings (Lua numbers are doubles).
_TAKE = """
local capacity = tonumber(ARGV[1])
local rate = tonumber(ARGV[2])
local now = tonumber(ARGV[3])
local cost = tonumber(ARGV[4])
local reserve = tonumber(ARGV[5])
local state = redis.call('hmget', KEYS[1], 't', 's')
local tokens = tonumber(state[1]) or capacity
local stamp = tonumber(state[2]) or now
tokens = math.min(capacity, tokens + math.max(0, now - stamp) * rate)
local granted = 0
if ARGV[6] == '1' or tokens - cost >= reserve then
  tokens = tokens - cost
  granted = 1
end
redis.call('hset', KEYS[1], 't', tostring(tokens), 's', tostring(now))
redis.call('expire', KEYS[1], tonumber(ARGV[7]))
return {granted, tostring(tokens)}
"""
_local_guard = threading.Lock()


@dataclass(frozen=True)
class Limits:
    """The bucket's size and refill rate."""

    capacity: float
    per_second: float


def limits() -> Limits:
    """From ``settings.WIX["CALLS_PER_MINUTE"]`` (default 200); a burst of a tenth of it."""
    per_minute = float(settings.WIX.get("CALLS_PER_MINUTE") or DEFAULT_PER_MINUTE)
    return Limits(capacity=max(1.0, per_minute / 10), per_second=per_minute / 60)


def take(cost: float = 1, *, reserve: float = 0) -> bool:
    """Spend ``cost`` tokens if at least ``reserve`` are left afterwards; whether it did."""
    return _apply(cost, reserve, force=False)


def spend(cost: float = 1) -> None:
    """Spend ``cost`` tokens whatever is left (a call a customer waits on; may go below 0)."""
    _apply(cost, 0, force=True)


def tokens() -> float:
    """Tokens in the bucket now (spends nothing)."""
    return _tokens_after(0, force=True)[1]


def _apply(cost: float, reserve: float, *, force: bool) -> bool:
    return _tokens_after(cost, force=force, reserve=reserve)[0]


def _tokens_after(cost: float, *, force: bool, reserve: float = 0) -> tuple[bool, float]:
    bucket = limits()
    now = time.time()
    cache = caches[DEFAULT_CACHE_ALIAS]
    if isinstance(cache, RedisCache):
        full_key = cache.make_and_validate_key(KEY)
        # As in cache_lock: Django's Redis client (private, stable since 4.0) runs the script.
        client = cache._cache.get_client(full_key, write=True)  # type: ignore[attr-defined]
        granted, left = client.eval(
            _TAKE,
            1,
            full_key,
            repr(bucket.capacity),
            repr(bucket.per_second),
            repr(now),
            repr(float(cost)),
            repr(float(reserve)),
            "1" if force else "0",
            str(_IDLE_EXPIRY),
        )
        return bool(granted), float(left)
    with _local_guard:
        return _read_modify_write(cache, bucket, now, cost, reserve, force)


def _read_modify_write(
    cache: BaseCache, bucket: Limits, now: float, cost: float, reserve: float, force: bool
) -> tuple[bool, float]:
    stored = cache.get(KEY)
    current, stamp = stored if stored is not None else (bucket.capacity, now)
    current = min(bucket.capacity, current + max(0.0, now - stamp) * bucket.per_second)
    granted = force or current - cost >= reserve
    if granted:
        current -= cost
    cache.set(KEY, (current, now), timeout=_IDLE_EXPIRY)
    return granted, current


def reset() -> None:
    """Fill the bucket (tests, and a fresh deployment)."""
    caches[DEFAULT_CACHE_ALIAS].delete(KEY)
