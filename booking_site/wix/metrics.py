"""Per-thread count of Wix calls and the time spent on them, for a Server-Timing header."""

from __future__ import annotations

import threading
from dataclasses import dataclass


@dataclass(frozen=True)
class CallStats:
    """How many HTTP calls went to Wix and how long they took, since the last reset."""

    count: int
    seconds: float


_local = threading.local()


def reset() -> None:
    """Start counting afresh for the current thread (e.g. at the start of a request)."""
    _local.count = 0
    _local.seconds = 0.0


def snapshot() -> CallStats:
    """Return the current thread's totals."""
    return CallStats(count=getattr(_local, "count", 0), seconds=getattr(_local, "seconds", 0.0))


def record(seconds: float) -> None:
    """Add one Wix call that took ``seconds`` to the current thread's totals."""
    _local.count = getattr(_local, "count", 0) + 1
    _local.seconds = getattr(_local, "seconds", 0.0) + seconds
