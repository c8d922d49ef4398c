"""Shared-cache reads of Wix: stale-while-revalidate, request coalescing, an outage copy.

Wix allows about 200 calls a minute per site (docs/wix-contract.md §14.3), and each call takes
hundreds of milliseconds, so no browsing customer should wait on one. ``cached_read`` keeps
each value fresh for ``ttl`` seconds in Django's shared cache. Past that, up to the key's hard
limit (``services/lifetimes.py``), the copy is still served at once and refreshed in the
background, once per key across all processes (``services/revalidate.py``). Past the hard
limit, or with nothing cached, the page waits: only one caller at a time (per key, across
threads and, with a shared cache backend, across processes) goes to Wix while the others wait
for its result, and the expired entry is kept ``stale_ttl`` seconds as the copy to serve when
Wix is down or throttling.

A Wix that hangs must not hold the process: a load gives up at the read deadline, the threads
waiting on it share its outcome instead of calling Wix in turn, and every thread waiting on
Wix holds a slot of the process's gate (``booking_site.wix.budget``), so cached pages always
find a free thread.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.cache import cache

from booking_site.services import (
    cache_lock,
    cache_versions,
    flights,
    rate_budget,
    refresh,
    revalidate,
    waits,
)
from booking_site.services.cache_entries import (
    DEFAULT_DEADLINE,
    KEY_PREFIX,
    Entry,
    clear_local,
    deadline,
    l1_drop,
    l1_get,
    l1_put,
    shared_get,
    store,
)
from booking_site.services.lifetimes import has_hard_limit
from booking_site.wix import WixError, WixResponseError, WixTimeout
from booking_site.wix.budget import Budget, gate, read_budget

logger = logging.getLogger(__name__)

T = TypeVar("T")

_KEY_PREFIX = KEY_PREFIX
# Entries pickled before they moved to cache_entries unpickle by this name.
_Entry = Entry
_LOCK_SLACK = revalidate.LOCK_SLACK
_WAIT_STEP = 0.02
__all__ = [
    "DEFAULT_DEADLINE",
    "cached_read",
    "clear_local",
    "invalidate",
    "invalidate_prefix_version",
    "versioned_key",
]


def _deadline() -> float:
    return deadline()


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
    local = l1_get(full_key, stale_ok=refresh.queued(full_key))
    if local is not None:
        return local.value
    entry = shared_get(full_key)
    if entry is not None and entry.fresh():
        l1_put(full_key, entry)
        return entry.value
    background = revalidate.in_background()
    if entry is not None and entry.servable():
        # Stale but inside its hard limit: served now, refreshed behind the page.
        if background is None and revalidate.schedule(
            key, full_key, loader, ttl, stale_ttl, usable
        ):
            l1_put(full_key, entry)  # served from here unpickled until the refresh lands
        return entry.value
    if background is not None and not rate_budget.take(1, reserve=background.reserve):
        raise revalidate.Skipped(f"no rate token to spare for {key}")
    waits.record(key, waits.COLD if entry is None else waits.EXPIRED)
    if usable is not None and entry is not None and usable(entry.value):
        loader = _refusing(loader, usable, key)
    # Past the hard limit a copy is only the outage copy: served if Wix fails, not meanwhile.
    meanwhile = entry if entry is not None and not has_hard_limit(key) else None
    flight, leader = flights.join(full_key)
    if not leader:
        if meanwhile is not None:
            return meanwhile.value  # someone here is already asking Wix: don't queue behind it
        if background is not None:
            raise revalidate.Skipped(f"{key} is being read already")
        return flight.wait(_deadline(), slot_wait=_deadline())
    paid = 1 if background is not None else 0
    try:
        value = _lead(key, full_key, loader, entry, meanwhile, ttl, stale_ttl, paid)
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
    stale: Entry[T] | None,
    meanwhile: Entry[T] | None,
    ttl: float,
    stale_ttl: float,
    paid: int,
) -> T:
    """Load ``key`` for this process within the deadline; the stale copy when that fails.

    ``meanwhile`` is the copy that may be served while another process loads; ``paid`` the
    rate tokens already taken for this load.
    """
    seconds = _deadline()
    # With a stale copy in hand a full gate is no reason to wait: serve the copy at once.
    # Without one, wait for a slot while Wix answers (the gate gives up once it hangs);
    # background work never waits for one.
    slot_wait = 0.0 if stale is not None or paid else seconds
    try:
        # The deadline covers the wait for a slot too.
        with (
            read_budget(seconds, retry_timeouts=stale is None, slot_wait=slot_wait) as budget,
            gate().slot(slot_wait),
        ):
            return _load_shared(key, full_key, loader, meanwhile, ttl, stale_ttl, budget, paid)
    except WixError as error:
        if stale is None:
            raise
        logger.warning(
            "serving stale cache after Wix failure",
            extra={"key": key, "error": type(error).__name__},
        )
        return stale.value


def _load_shared(
    key: str,
    full_key: str,
    loader: Callable[[], T],
    meanwhile: Entry[T] | None,
    ttl: float,
    stale_ttl: float,
    budget: Budget,
    paid: int,
) -> T:
    """Load under the cross-process lock, or take what the process holding it loaded."""
    lock_key = full_key + ":lock"
    while True:
        entry = shared_get(full_key)
        if entry is not None and entry.fresh():
            return entry.value
        # The lock outlives the holder's load, which ends by the deadline.
        token = cache_lock.acquire(lock_key, budget.remaining() + _LOCK_SLACK)
        if token is not None:
            try:
                value = revalidate.counted_load(loader, prepaid=paid)
            finally:
                cache_lock.release(lock_key, token)
            store(key, full_key, value, ttl, stale_ttl)
            return value
        if meanwhile is not None:
            return meanwhile.value  # another process is asking Wix; this copy will do meanwhile
        entry = _wait_for_holder(full_key, lock_key, budget)
        if entry is not None:
            return entry.value
        # The holder gave up without a value: try ourselves while the deadline allows.


def _wait_for_holder(full_key: str, lock_key: str, budget: Budget) -> Entry[Any] | None:
    """The value another process loads; None once it let go without one; WixTimeout at the
    deadline."""
    while cache.get(lock_key) is not None:
        if budget.remaining() <= _WAIT_STEP:
            raise WixTimeout("another process's Wix read of this key ran past the deadline")
        time.sleep(_WAIT_STEP)
        entry = shared_get(full_key)
        if entry is not None and entry.fresh():
            return entry
    return None


def invalidate(key: str) -> None:
    """Drop the cached value (fresh and stale) for ``key`` (this process's L1 included)."""
    cache.delete(_KEY_PREFIX + key)
    l1_drop(_KEY_PREFIX + key)


def invalidate_prefix_version(namespace: str) -> int:
    """Bump a namespace's version so every key built with ``versioned_key`` becomes stale.

    Used for availability: our own booking changes many cached windows of one service.
    """
    return cache_versions.bump_version(namespace)


def versioned_key(namespace: str, key: str) -> str:
    """``key`` inside ``namespace``'s current version (see ``invalidate_prefix_version``)."""
    version = cache_versions.current_version(namespace)
    return f"{namespace}:v{version}:{key}"
