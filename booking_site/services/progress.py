"""Progress of a sequence of Wix calls, step by step, for whoever is listening.

The code making the calls names its steps (``with progress.step("create"):``); a caller that
wants to show them (the submit's progress page, ``views/submit_progress.py``) listens with
``reporting``. Nothing here knows how many steps there are or what they are called: a step
added to the submit core shows up on the page as soon as the presentation has words for it
(``presentation/progress.py``), and with none it is shown with generic words.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Literal

State = Literal["started", "done", "failed"]


@dataclass(frozen=True)
class Step:
    """One step's change of state."""

    name: str
    state: State


Listener = Callable[[Step], None]
_listener: ContextVar[Listener | None] = ContextVar("progress_listener", default=None)


@contextmanager
def reporting(listener: Listener) -> Iterator[None]:
    """Send every step started, done or failed in the block to ``listener``."""
    token = _listener.set(listener)
    try:
        yield
    finally:
        _listener.reset(token)


@contextmanager
def step(name: str) -> Iterator[None]:
    """Mark the block as the step ``name`` (started, then done or failed)."""
    listener = _listener.get()
    if listener is None:
        yield
        return
    listener(Step(name, "started"))
    try:
        yield
    except BaseException:
        listener(Step(name, "failed"))
        raise
    listener(Step(name, "done"))
