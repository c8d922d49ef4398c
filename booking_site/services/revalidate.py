"""Refresh a stale cached read in the background, once per key across all processes.

``cached_read`` serves a stale entry that is still inside its hard limit at once and calls
``schedule``. The refresh runs on the background pool (``services/refresh.py``, which also
drops a key already queued in this process) and, across processes, only while holding the
key's shared-cache lock (the same one a synchronous load takes): a process that finds it taken
leaves the refresh to its holder. It asks the shared rate bucket (``services/rate_budget.py``)
for a token and this process's Wix gate for a slot without waiting; short of either it gives
up, and the next page view of the key asks again. A failed or unusable answer keeps the copy.

``background`` marks work no customer waits on (prefetch, warm start) for ``cached_read``:
a missing key is loaded only with a rate token to spare, without waiting for a gate slot.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import TypeVar

from booking_site.services import cache_lock, rate_budget, refresh
from booking_site.services.cache_entries import deadline, shared_get, store
from booking_site.wix import WixError
from booking_site.wix import metrics as wix_metrics
from booking_site.wix.budget import gate, read_budget

logger = logging.getLogger(__name__)

T = TypeVar("T")
LOCK_SLACK = 1.0  # seconds a cross-process lock outlives the read deadline of its holder
RETRY_AFTER = 10.0  # seconds before a key whose refresh failed is refreshed again
_failed: dict[str, float] = {}
_failed_guard = threading.Lock()


class Skipped(Exception):
    """Background work gave up: no rate token to spare, or Wix busy (nothing is wrong)."""


@dataclass(frozen=True)
class Background:
    """Work in the background: tokens it must leave in the rate bucket."""

    reserve: float


_background: ContextVar[Background | None] = ContextVar("wix_background", default=None)


@contextmanager
def background(*, reserve: float = 0) -> Iterator[None]:
    """Cached reads in the block are background work (see the module docstring)."""
    token = _background.set(Background(reserve))
    try:
        yield
    finally:
        _background.reset(token)


def in_background() -> Background | None:
    """The background work in force, if any."""
    return _background.get()


def schedule(
    key: str,
    full_key: str,
    loader: Callable[[], T],
    ttl: float,
    stale_ttl: float,
    usable: Callable[[T], bool] | None,
) -> bool:
    """Queue a refresh of ``key`` (unless queued or running in this process already, or it
    failed here less than ``RETRY_AFTER`` seconds ago: a Wix outage is not asked per page)."""
    with _failed_guard:
        if _failed.get(full_key, 0.0) > time.monotonic():
            return False
    return refresh.submit(full_key, lambda: _refresh(key, full_key, loader, ttl, stale_ttl, usable))


def counted_load(loader: Callable[[], T], *, prepaid: int = 0) -> T:
    """Run ``loader``, spending a rate token per Wix call it made beyond ``prepaid``."""
    before = wix_metrics.snapshot().count
    try:
        return loader()
    finally:
        extra = wix_metrics.snapshot().count - before - prepaid
        if extra > 0:
            rate_budget.spend(extra)


def _refresh(
    key: str,
    full_key: str,
    loader: Callable[[], T],
    ttl: float,
    stale_ttl: float,
    usable: Callable[[T], bool] | None,
) -> None:
    lock_key = full_key + ":lock"
    seconds = deadline()
    token = cache_lock.acquire(lock_key, seconds + LOCK_SLACK)
    if token is None:
        return  # another process is loading this key: its answer is the refresh
    try:
        entry = shared_get(full_key)
        if entry is not None and entry.fresh():
            return  # refreshed while this was queued
        if not rate_budget.take(1):
            logger.info("background refresh skipped: rate budget spent", extra={"key": key})
            return
        with (
            read_budget(seconds, retry_timeouts=False, slot_wait=0.0),
            gate().slot(0.0),
        ):
            value = counted_load(loader, prepaid=1)
        if usable is not None and not usable(value):
            logger.warning("background refresh answered an unusable value", extra={"key": key})
            return
        store(key, full_key, value, ttl, stale_ttl)
    except WixError as error:
        with _failed_guard:
            if len(_failed) > 1024:
                _failed.clear()
            _failed[full_key] = time.monotonic() + RETRY_AFTER
        logger.info(
            "background refresh failed; the stale copy stays",
            extra={"key": key, "error": type(error).__name__},
        )
    finally:
        cache_lock.release(lock_key, token)


def forget_failures() -> None:
    """Refresh failed keys again at once (tests)."""
    with _failed_guard:
        _failed.clear()
