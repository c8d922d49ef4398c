"""One read of a key at a time per process: the other threads share its outcome.

The first thread to miss a key leads a "flight" (the Wix read); the threads that miss it while
the flight is in the air wait for its value, or its error, instead of calling Wix in turn.

A waiter holds a request thread just as a caller does. While the flight is young (Wix usually
answers within ``PATIENCE``) waiting is free, so a burst of visitors on one cold page all get
the one answer. Past that, Wix is slow or hanging, and a thread may only go on waiting with a
slot of the process's gate (``booking_site.wix.budget``): once those are taken, ``WixBusy``
at once, so the other threads stay free for cached pages and ``/healthz``.
"""

from __future__ import annotations

import threading
import time
from typing import Any

from booking_site.wix import WixTimeout
from booking_site.wix.budget import STUCK_AFTER, gate

PATIENCE = STUCK_AFTER
_flights: dict[str, Flight] = {}
_guard = threading.Lock()


class Flight:
    """One thread's read of a key, which the other threads of this process wait on."""

    def __init__(self) -> None:
        self.started = time.monotonic()
        self._done = threading.Event()
        self._value: Any = None
        self._error: BaseException | None = None

    def finish(self, value: Any = None, error: BaseException | None = None) -> None:
        """Record the leader's outcome and wake the waiters."""
        self._value, self._error = value, error
        self._done.set()

    def wait(self, deadline: float, slot_wait: float) -> Any:
        """The leader's value, or its error raised here too.

        ``deadline`` is the leader's, in seconds after its start (it ends by then); past
        ``PATIENCE`` the wait needs a gate slot (``WixBusy`` if none frees in ``slot_wait``).
        """
        patience = min(PATIENCE, deadline) - (time.monotonic() - self.started)
        if not self._done.wait(max(patience, 0.0)):
            left = self.started + deadline - time.monotonic()
            with gate().slot(max(0.0, min(slot_wait, left))):
                left = self.started + deadline - time.monotonic()
                if not self._done.wait(max(left, 0.0)):
                    raise WixTimeout("another request's Wix read of this key ran past its deadline")
        if self._error is not None:
            raise self._error.with_traceback(None)
        return self._value


def join(key: str) -> tuple[Flight, bool]:
    """The key's flight in this process, and whether we lead it (no one else was reading).

    The leader must ``finish`` it and then ``leave`` it, whatever happens.
    """
    with _guard:
        flight = _flights.get(key)
        if flight is not None:
            return flight, False
        flight = _flights[key] = Flight()
        return flight, True


def leave(key: str, flight: Flight) -> None:
    """Take the finished ``flight`` off the air; the next miss starts a new one."""
    with _guard:
        if _flights.get(key) is flight:
            del _flights[key]
