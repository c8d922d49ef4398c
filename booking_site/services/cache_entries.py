"""What ``cached_read`` keeps: entries in the shared cache, and a per-process L1 in front.

An entry is **fresh** until ``fresh_until`` (served as is), then **servable** until
``serve_until`` (served at once while a background refresh runs: ``services/revalidate.py``),
and past that kept only as the outage copy (served when Wix fails, until the shared cache drops
it). Entries written before ``serve_until`` existed unpickle with 0 there: no stale window.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.conf import settings
from django.core.cache import cache

from booking_site.services.lifetimes import hard_limit

T = TypeVar("T")

KEY_PREFIX = "wixcache:v1:"
DEFAULT_DEADLINE = 5.0
# Each process also keeps recently read entries unpickled (an L1 in front of the shared cache):
# a month of slots is hundreds of objects, and unpickling them on every page view cost more
# than rendering the page. Entries are only used while fresh, so the L1 never serves anything
# older than the shared cache would; invalidation works by changing keys (``versioned_key``).
_L1_SIZE = 256
_l1: OrderedDict[str, Entry[Any]] = OrderedDict()
_l1_guard = threading.Lock()


@dataclass(frozen=True)
class Entry(Generic[T]):
    """A cached value and until when it is fresh, and servable (``time.time()`` seconds)."""

    value: T
    fresh_until: float
    serve_until: float = 0.0

    def fresh(self) -> bool:
        return self.fresh_until > time.time()

    def servable(self) -> bool:
        """Fresh, or stale but inside its hard limit (served while refreshed)."""
        return max(self.fresh_until, self.serve_until) > time.time()


def l1_get(full_key: str, *, stale_ok: bool = False) -> Entry[Any] | None:
    """This process's fresh copy of ``full_key``, if any; with ``stale_ok`` a servable one.

    ``stale_ok`` is for a key whose refresh this process has queued: its stale copy is what
    the shared cache holds too, so serving it unpickled saves each page view in the stale
    window an unpickling of the whole value (a month of slots) while the GIL is contended.
    """
    with _l1_guard:
        entry = _l1.get(full_key)
        if entry is None or not (entry.fresh() or (stale_ok and entry.servable())):
            return None
        _l1.move_to_end(full_key)
        return entry


def l1_put(full_key: str, entry: Entry[Any]) -> None:
    with _l1_guard:
        _l1[full_key] = entry
        _l1.move_to_end(full_key)
        while len(_l1) > _L1_SIZE:
            _l1.popitem(last=False)


def l1_drop(full_key: str) -> None:
    with _l1_guard:
        _l1.pop(full_key, None)


def clear_local() -> None:
    """Forget this process's L1 copies (tests that reset the shared cache call it too)."""
    with _l1_guard:
        _l1.clear()


def shared_get(full_key: str) -> Entry[Any] | None:
    entry = cache.get(full_key)
    return entry if isinstance(entry, Entry) else None


def store(key: str, full_key: str, value: T, ttl: float, stale_ttl: float) -> Entry[T]:
    """Keep ``value`` fresh for ``ttl``, servable to ``key``'s hard limit, stale after."""
    now = time.time()
    hard = hard_limit(key, ttl)
    entry = Entry(value, now + ttl, now + hard)
    cache.set(full_key, entry, timeout=int(max(hard, ttl + stale_ttl)))
    l1_put(full_key, entry)
    return entry


def deadline() -> float:
    """Seconds a load of one key may take, retries and waiting for a slot included."""
    return float(settings.WIX.get("READ_DEADLINE_SECONDS") or DEFAULT_DEADLINE)
