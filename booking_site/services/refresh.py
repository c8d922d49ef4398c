"""A small pool of daemon threads for Wix reads no customer waits on (refreshes, prefetches).

Work is keyed: a key already queued or running in this process is not queued again, so a
burst of page views of one stale window asks for one refresh. The queue is bounded; work that
finds it full is dropped (the next page view of that key asks again), never blocks a request.
Across processes, the work itself takes the shared cache's lock (``services/caching.py``).

The threads are daemons (a stuck Wix call cannot hold a process's shutdown) and start on first
use in each process, so a worker forked by gunicorn starts its own. Tests wait for the pool
with ``drain()``, which returns once nothing is queued or running: no refresh leaks into the
next test.
"""

from __future__ import annotations

import logging
import os
import queue
import threading
import time
from collections.abc import Callable

from django.db import connections

logger = logging.getLogger(__name__)

THREADS = 2  # a refresh mostly waits on Wix; two keep up with 200 calls a minute easily
QUEUE_SIZE = 64

_guard = threading.Condition()
_queue: queue.Queue[tuple[str, Callable[[], None]]] = queue.Queue(QUEUE_SIZE)
_pending: set[str] = set()  # queued or running
_started_in: int | None = None  # the pid whose threads serve the queue


def submit(key: str, work: Callable[[], None]) -> bool:
    """Run ``work`` in the background unless ``key`` is already queued or running here.

    Returns whether it was queued (False: a duplicate, or the queue is full).
    """
    with _guard:
        _ensure_threads()
        if key in _pending:
            return False
        try:
            _queue.put_nowait((key, work))
        except queue.Full:
            logger.info("background Wix work dropped: queue full", extra={"key": key})
            return False
        _pending.add(key)
        return True


def queued(key: str) -> bool:
    """Whether ``key`` is queued or running in this process."""
    with _guard:
        return key in _pending


def pending() -> int:
    """How many keys are queued or running in this process."""
    with _guard:
        return len(_pending)


def drain(timeout: float = 10.0) -> bool:
    """Wait until nothing is queued or running; False if that took longer than ``timeout``."""
    give_up = time.monotonic() + timeout
    with _guard:
        while _pending:
            left = give_up - time.monotonic()
            if left <= 0:
                return False
            _guard.wait(left)
    return True


def _ensure_threads() -> None:
    # Called with _guard held. After a fork only the forking thread survives: start afresh.
    global _started_in, _queue
    pid = os.getpid()
    if _started_in == pid:
        return
    if _started_in is not None:
        _queue = queue.Queue(QUEUE_SIZE)
        _pending.clear()
    _started_in = pid
    for number in range(THREADS):
        threading.Thread(target=_serve, name=f"wix-refresh-{number}", daemon=True).start()


def _serve() -> None:
    work_queue = _queue
    while True:
        key, work = work_queue.get()
        try:
            work()
        except Exception:  # a background read must never kill its thread
            logger.exception("background Wix work failed", extra={"key": key})
        finally:
            # Whatever database connection the work opened in this thread is not kept open.
            connections.close_all()
            with _guard:
                _pending.discard(key)
                _guard.notify_all()
