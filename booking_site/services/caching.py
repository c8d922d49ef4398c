"""Shared-cache reads of Wix with request coalescing and a stale copy for outages.

Wix allows about 200 calls a minute per site (wix-api.md §14.3), so Wix reads are the scarcest
resource we have. ``cached_read`` keeps each value fresh for ``ttl`` seconds in Django's shared
cache, lets only one caller at a time (per key, across threads and, with a shared cache backend,
across processes) go to Wix while the others wait for its result, and keeps a stale copy for
``stale_ttl`` seconds to serve when Wix is down or throttling.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.core.cache import cache

from booking_site.wix import WixError

logger = logging.getLogger(__name__)

T = TypeVar("T")

_KEY_PREFIX = "wixcache:v1:"
# Each process also keeps recently read entries unpickled (an L1 in front of the shared cache):
# a month of slots is hundreds of objects, and unpickling them on every page view cost more
# than rendering the page. Entries are only used while fresh, so the L1 never serves anything
# older than the shared cache would; invalidation works by changing keys (``versioned_key``).
_L1_SIZE = 256
_l1: OrderedDict[str, _Entry[Any]] = OrderedDict()
_l1_guard = threading.Lock()
_LOCK_SECONDS = 10  # longer than the client's worst case (timeouts plus bounded retries)
_WAIT_STEP = 0.02
_local_locks: dict[str, threading.Lock] = {}
_local_locks_guard = threading.Lock()


@dataclass(frozen=True)
class _Entry(Generic[T]):
    value: T
    fresh_until: float


def _l1_get(full_key: str) -> _Entry[Any] | None:
    with _l1_guard:
        entry = _l1.get(full_key)
        if entry is None or entry.fresh_until <= time.time():
            return None
        _l1.move_to_end(full_key)
        return entry


def _l1_put(full_key: str, entry: _Entry[Any]) -> None:
    with _l1_guard:
        _l1[full_key] = entry
        _l1.move_to_end(full_key)
        while len(_l1) > _L1_SIZE:
            _l1.popitem(last=False)


def clear_local() -> None:
    """Forget this process's L1 copies (tests that reset the shared cache call it too)."""
    with _l1_guard:
        _l1.clear()


def _local_lock(key: str) -> threading.Lock:
    with _local_locks_guard:
        return _local_locks.setdefault(key, threading.Lock())


def cached_read(key: str, loader: Callable[[], T], *, ttl: float, stale_ttl: float = 3600) -> T:
    """Return the cached value for ``key``, loading it with ``loader`` at most once at a time.

    Raises whatever ``loader`` raises (a ``WixError``) only when no stale copy exists.
    """
    full_key = _KEY_PREFIX + key
    local = _l1_get(full_key)
    if local is not None:
        return local.value
    entry = cache.get(full_key)
    if entry is not None and entry.fresh_until > time.time():
        _l1_put(full_key, entry)
        return entry.value
    # Threads of this process queue on a local lock; other processes on a cache-held lock.
    with _local_lock(full_key):
        entry = cache.get(full_key)
        if entry is not None and entry.fresh_until > time.time():
            return entry.value
        if not _acquire_shared(full_key):
            entry = cache.get(full_key)
            if entry is not None and entry.fresh_until > time.time():
                return entry.value
        try:
            value = loader()
        except WixError:
            if entry is not None:
                logger.warning("serving stale cache after Wix failure", extra={"key": key})
                return entry.value
            raise
        finally:
            cache.delete(full_key + ":lock")
        fresh = _Entry(value, time.time() + ttl)
        cache.set(full_key, fresh, timeout=int(ttl + stale_ttl))
        _l1_put(full_key, fresh)
        return value


def _acquire_shared(full_key: str) -> bool:
    """Take the cross-process lock, or wait (bounded) for its holder to fill the cache.

    Returns True when we hold the lock, False when another process finished loading (or the
    wait ran out, in which case we load anyway rather than fail the customer).
    """
    lock_key = full_key + ":lock"
    deadline = time.monotonic() + _LOCK_SECONDS
    while not cache.add(lock_key, 1, timeout=_LOCK_SECONDS):
        if time.monotonic() > deadline:
            return False
        entry = cache.get(full_key)
        if entry is not None and entry.fresh_until > time.time():
            return False
        time.sleep(_WAIT_STEP)
    return True


def invalidate(key: str) -> None:
    """Drop the cached value (fresh and stale) for ``key`` (this process's L1 included)."""
    cache.delete(_KEY_PREFIX + key)
    with _l1_guard:
        _l1.pop(_KEY_PREFIX + key, None)


def invalidate_prefix_version(namespace: str) -> int:
    """Bump a namespace's version so every key built with ``versioned_key`` becomes stale.

    Used for availability: our own booking changes many cached windows of one service.
    """
    version_key = f"{_KEY_PREFIX}version:{namespace}"
    if cache.add(version_key, 1, timeout=None):
        return 1
    try:
        return cache.incr(version_key)
    except ValueError:
        cache.set(version_key, 1, timeout=None)
        return 1


def versioned_key(namespace: str, key: str) -> str:
    """``key`` inside ``namespace``'s current version (see ``invalidate_prefix_version``)."""
    version = cache.get(f"{_KEY_PREFIX}version:{namespace}") or 0
    return f"{namespace}:v{version}:{key}"
