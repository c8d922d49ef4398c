"""How long and how many at once: a deadline for a page's Wix reads, a cap on Wix calls.

A Wix that hangs must cost a visitor a few seconds at most, and must never hold every request
thread of a process, or cached pages and the health check would queue behind it. So:

- ``read_budget`` gives the Wix calls made inside it one deadline in all (retries and backoff
  included); each attempt's timeouts are cut to what is left, and no attempt starts once it is
  spent. It can also forbid retrying a timeout (pointless when a stale copy is at hand).
- ``gate()`` is this process's cap on threads waiting for Wix (calling it, or waiting for
  another thread's call of the same read); a thread that finds it full gets ``WixBusy`` after
  a short, bounded wait instead of joining the queue.

Both live in context variables and a module-level semaphore: no Django here.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from booking_site.wix.errors import WixBusy

DEFAULT_LIMIT = 4
# A call made outside any budget (a write, a status read) waits this long for a free slot:
# about a pool timeout, since such a call matters to the one customer who made it.
UNBUDGETED_SLOT_WAIT = 2.0


@dataclass(frozen=True)
class Budget:
    """The deadline (``time.monotonic()``) of the calls made in a ``read_budget`` block."""

    deadline: float
    retry_timeouts: bool
    slot_wait: float

    def remaining(self) -> float:
        """Seconds left before the deadline (negative once it has passed)."""
        return self.deadline - time.monotonic()


_budget: ContextVar[Budget | None] = ContextVar("wix_read_budget", default=None)


@contextmanager
def read_budget(seconds: float, *, retry_timeouts: bool, slot_wait: float) -> Iterator[Budget]:
    """Bound every Wix call in the block by one deadline, ``seconds`` from now.

    Nested budgets never extend an outer one: the earlier deadline and the stricter retry rule
    win. ``slot_wait`` is how long a call may wait for a free slot of the gate.
    """
    outer = _budget.get()
    budget = Budget(time.monotonic() + seconds, retry_timeouts, slot_wait)
    if outer is not None:
        budget = Budget(
            min(outer.deadline, budget.deadline),
            outer.retry_timeouts and retry_timeouts,
            min(outer.slot_wait, slot_wait),
        )
    token = _budget.set(budget)
    try:
        yield budget
    finally:
        _budget.reset(token)


def current_budget() -> Budget | None:
    """The innermost ``read_budget`` in force, if any."""
    return _budget.get()


class CallGate:
    """At most ``limit`` threads of this process wait on Wix at once (re-entrant per thread)."""

    def __init__(self, limit: int) -> None:
        if limit < 1:
            raise ValueError("the Wix call limit must be at least 1")
        self.limit = limit
        self._semaphore = threading.BoundedSemaphore(limit)

    @contextmanager
    def slot(self, wait: float) -> Iterator[None]:
        """Hold one slot for the block; raise ``WixBusy`` if none frees up within ``wait`` s.

        A thread that already holds a slot (a coalesced read whose loader calls Wix) passes
        straight through, so one waiting thread never counts twice.
        """
        if _holding.get() is self:
            yield
            return
        got = self._semaphore.acquire(timeout=wait) if wait > 0 else self._semaphore.acquire(False)
        if not got:
            raise WixBusy(f"{self.limit} Wix calls already in flight in this process")
        token = _holding.set(self)
        try:
            yield
        finally:
            _holding.reset(token)
            self._semaphore.release()


_holding: ContextVar[CallGate | None] = ContextVar("wix_gate_held", default=None)
_gate = CallGate(DEFAULT_LIMIT)
_gate_guard = threading.Lock()


def gate() -> CallGate:
    """This process's gate."""
    return _gate


def configure_gate(limit: int) -> None:
    """Resize the gate (from settings); slots held on the old one are released to it."""
    global _gate
    with _gate_guard:
        if _gate.limit != limit:
            _gate = CallGate(limit)
