"""Shared-cache reads of Wix with request coalescing and a stale copy for outages.

Wix allows about 200 calls a minute per site (docs/wix-contract.md §14.3), so Wix reads are the
scarcest resource we have. ``cached_read`` keeps each value fresh for ``ttl`` seconds in Django's
shared cache, lets only one caller at a time (per key, across threads and, with a shared cache
backend, across processes) go to Wix while the others wait for its result, and keeps a stale copy
for ``stale_ttl`` seconds to serve when Wix is down or throttling.

A Wix that hangs must not hold the process: a load gives up at the read deadline, the threads
waiting on it share its outcome instead of calling Wix in turn, and every thread waiting on
Wix holds a slot of the process's gate (``booking_site.wix.budget``), so cached pages always
find a free thread.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.conf import settings
from django.core.cache import cache

from booking_site.services import cache_lock, flights
from booking_site.wix import WixError, WixResponseError, WixTimeout
from booking_site.wix.budget import Budget, gate, read_budget

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
_LOCK_SLACK = 1.0  # seconds a cross-process lock outlives the read deadline of its holder
_WAIT_STEP = 0.02
DEFAULT_DEADLINE = 5.0


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


def _deadline() -> float:
    return float(settings.WIX.get("READ_DEADLINE_SECONDS") or DEFAULT_DEADLINE)


def _fresh(entry: _Entry[Any] | None) -> bool:
    return entry is not None and entry.fresh_until > time.time()


def cached_read(
    key: str,
    loader: Callable[[], T],
    *,
    ttl: float,
    stale_ttl: float = 3600,
    usable: Callable[[T], bool] | None = None,
) -> T:
    """Return the cached value for ``key``, loading it with ``loader`` at most once at a time.

    While one thread of this process loads a key, the others take the stale copy at once or,
    without one, wait for that thread's result (or error). The load ends by the read deadline
    (``WIX_READ_DEADLINE_SECONDS``), and with a stale copy no timed-out call is repeated.

    A loaded value that fails ``usable`` (e.g. an empty catalogue) counts as an unreadable
    answer while a usable stale copy exists: the copy is served and kept, nothing is cached.

    Raises what ``loader`` raises (a ``WixError``), ``WixTimeout`` past the deadline or
    ``WixBusy`` when this process's Wix calls are all taken, only when no stale copy exists.
    """
    full_key = _KEY_PREFIX + key
    local = _l1_get(full_key)
    if local is not None:
        return local.value
    entry = cache.get(full_key)
    if entry is not None and _fresh(entry):
        _l1_put(full_key, entry)
        return entry.value
    if usable is not None and entry is not None and usable(entry.value):
        loader = _refusing(loader, usable, key)
    flight, leader = flights.join(full_key)
    if not leader:
        if entry is not None:
            return entry.value  # someone here is already asking Wix: don't queue behind it
        return flight.wait(_deadline(), slot_wait=_deadline())
    try:
        value = _lead(key, full_key, loader, entry, ttl, stale_ttl)
    except BaseException as error:
        flight.finish(error=error)
        raise
    finally:
        flights.leave(full_key, flight)
    flight.finish(value)
    return value


def _refusing(loader: Callable[[], T], usable: Callable[[T], bool], key: str) -> Callable[[], T]:
    """``loader``, raising ``WixResponseError`` for a value ``usable`` rejects."""

    def load() -> T:
        value = loader()
        if not usable(value):
            raise WixResponseError(f"Wix answered an unusable value for {key}; keeping the copy")
        return value

    return load


def _lead(
    key: str,
    full_key: str,
    loader: Callable[[], T],
    stale: _Entry[T] | None,
    ttl: float,
    stale_ttl: float,
) -> T:
    """Load ``key`` for this process within the deadline; the stale copy when that fails."""
    seconds = _deadline()
    # With a stale copy in hand a full gate is no reason to wait: serve the copy at once.
    # Without one, wait for a slot while Wix answers (the gate gives up once it hangs).
    slot_wait = 0.0 if stale is not None else seconds
    try:
        # The deadline covers the wait for a slot too.
        with (
            read_budget(seconds, retry_timeouts=stale is None, slot_wait=slot_wait) as budget,
            gate().slot(slot_wait),
        ):
            return _load_shared(full_key, loader, stale, ttl, stale_ttl, budget)
    except WixError as error:
        if stale is None:
            raise
        logger.warning(
            "serving stale cache after Wix failure",
            extra={"key": key, "error": type(error).__name__},
        )
        return stale.value


def _load_shared(
    full_key: str,
    loader: Callable[[], T],
    stale: _Entry[T] | None,
    ttl: float,
    stale_ttl: float,
    budget: Budget,
) -> T:
    """Load under the cross-process lock, or take what the process holding it loaded."""
    lock_key = full_key + ":lock"
    while True:
        entry = cache.get(full_key)
        if entry is not None and _fresh(entry):
            return entry.value
        # The lock outlives the holder's load, which ends by the deadline.
        token = cache_lock.acquire(lock_key, budget.remaining() + _LOCK_SLACK)
        if token is not None:
            try:
                value = loader()
            finally:
                cache_lock.release(lock_key, token)
            fresh = _Entry(value, time.time() + ttl)
            cache.set(full_key, fresh, timeout=int(ttl + stale_ttl))
            _l1_put(full_key, fresh)
            return value
        if stale is not None:
            return stale.value  # another process is asking Wix; this copy will do meanwhile
        entry = _wait_for_holder(full_key, lock_key, budget)
        if entry is not None:
            return entry.value
        # The holder gave up without a value: try ourselves while the deadline allows.


def _wait_for_holder(full_key: str, lock_key: str, budget: Budget) -> _Entry[Any] | None:
    """The value another process loads; None once it let go without one; WixTimeout at the
    deadline."""
    while cache.get(lock_key) is not None:
        if budget.remaining() <= _WAIT_STEP:
            raise WixTimeout("another process's Wix read of this key ran past the deadline")
        time.sleep(_WAIT_STEP)
        entry = cache.get(full_key)
        if entry is not None and _fresh(entry):
            return entry
    return None


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
