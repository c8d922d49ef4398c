"""Why the current request waited on Wix: one reason per cached read it loaded synchronously.

``cached_read`` records them; the Server-Timing header names them (``booking_site/timing.py``),
so the benchmark can say which browse requests waited and why (a cold key, an entry past its
hard limit, a key without a stale window).
"""

from __future__ import annotations

from contextvars import ContextVar

from booking_site.services.lifetimes import namespace

COLD = "cold"
EXPIRED = "past-hard-limit"
_waits: ContextVar[tuple[str, ...]] = ContextVar("wix_waits", default=())


def record(key: str, reason: str) -> None:
    """The request is about to wait on Wix for ``key`` because of ``reason``."""
    _waits.set((*_waits.get(), f"{namespace(key)}-{reason}"))


def reset() -> None:
    """Start afresh (at the start of each request)."""
    _waits.set(())


def reasons() -> tuple[str, ...]:
    """What this request waited on Wix for, in order."""
    return _waits.get()
