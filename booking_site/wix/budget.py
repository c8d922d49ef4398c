"""How long and how many at once: a deadline for a page's Wix reads, a cap on Wix calls.

A Wix that hangs must cost a visitor a few seconds at most, and must never hold every request
thread of a process, or cached pages and the health check would queue behind it. So:

- ``read_budget`` gives the Wix calls made inside it one deadline in all (retries and backoff
  included); each attempt's timeouts are cut to what is left, and no attempt starts once it is
  spent. It can also forbid retrying a timeout (pointless when a stale copy is at hand).
- ``gate()`` is this process's cap on threads waiting for Wix (calling it, or waiting for
  another thread's call of the same read); a thread that finds it full waits for a slot only
  while Wix keeps answering, and gets ``WixBusy`` otherwise.

Both live in context variables and a module-level semaphore: no Django here.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from booking_site.wix.errors import WixBusy, WixConnectionError

DEFAULT_LIMIT = 4
# A full gate with no call answered for this long means Wix is slow or hanging (reads usually
# take well under).
STUCK_AFTER = 0.5
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
    """At most ``limit`` threads of this process wait on Wix at once (re-entrant per thread).

    A thread finding every slot taken waits for one only while Wix makes progress: once the
    gate has been full for ``STUCK_AFTER`` seconds without any call ending with an answer,
    Wix is slow or hanging and waiting would only pile threads up, so it gets ``WixBusy``.
    """

    def __init__(self, limit: int) -> None:
        if limit < 1:
            raise ValueError("the Wix call limit must be at least 1")
        self.limit = limit
        self._changed = threading.Condition()
        self._holders = 0
        self._answered = 0.0  # when a holder last left with an answer from Wix
        self._full_since = 0.0  # when the gate filled up without an answer since

    @contextmanager
    def slot(self, wait: float) -> Iterator[None]:
        """Hold one slot for the block; ``WixBusy`` if none frees up in time (see class doc).

        A thread that already holds a slot (a coalesced read whose loader calls Wix) passes
        straight through, so one waiting thread never counts twice.
        """
        if _holding.get() is self:
            yield
            return
        self._enter(wait)
        token = _holding.set(self)
        answered = True  # any answer, an error one included, shows Wix is not hanging
        try:
            yield
        except (WixConnectionError, WixBusy):
            answered = False
            raise
        finally:
            _holding.reset(token)
            self._leave(answered)

    def _enter(self, wait: float) -> None:
        give_up = time.monotonic() + wait
        with self._changed:
            while self._holders >= self.limit:
                now = time.monotonic()
                stuck_at = max(self._answered, self._full_since) + STUCK_AFTER
                if now >= give_up or now >= stuck_at:
                    raise WixBusy(f"{self.limit} Wix calls already in flight in this process")
                self._changed.wait(min(give_up, stuck_at) - now)
            self._holders += 1
            if self._holders == self.limit and self._full_since <= self._answered:
                self._full_since = time.monotonic()

    def _leave(self, answered: bool) -> None:
        with self._changed:
            self._holders -= 1
            if answered:
                self._answered = time.monotonic()
            self._changed.notify()


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
