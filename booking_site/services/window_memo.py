"""Values derived from one cached availability window, kept as long as the window lives.

The per-process cache hands back the same ``MonthSlots`` object while an entry is unchanged,
so what is computed from it (the day index, the month grid) can be kept beside it: weakly
keyed, so a window dropped from the cache takes its derived values along, and a fresher copy
(a new object) starts empty. Each window keeps at most ``per_window`` values; past that they
are dropped together (old minutes' keys, mostly).
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Hashable
from typing import Generic, TypeVar

W = TypeVar("W")
V = TypeVar("V")


class WindowMemo(Generic[W, V]):
    """A thread-safe memo of values by (window object, key)."""

    def __init__(self, *, per_window: int) -> None:
        self._per_window = per_window
        self._values: weakref.WeakKeyDictionary[W, dict[Hashable, V]] = weakref.WeakKeyDictionary()
        self._guard = threading.Lock()

    def get(self, window: W, key: Hashable) -> V | None:
        with self._guard:
            return self._values.get(window, {}).get(key)

    def put(self, window: W, key: Hashable, value: V) -> None:
        with self._guard:
            kept = self._values.setdefault(window, {})
            if len(kept) >= self._per_window:
                kept.clear()
            kept[key] = value
