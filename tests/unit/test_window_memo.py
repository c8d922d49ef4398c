"""``WindowMemo``: values kept per window object, dropped with it, bounded per window."""

from __future__ import annotations

import gc

from booking_site.services.window_memo import WindowMemo


class Window:
    """Stands for a cached ``MonthSlots``: compared by identity, weakly referable."""


def test_values_are_kept_per_window_object() -> None:
    memo: WindowMemo[Window, str] = WindowMemo(per_window=8)
    first, fresher = Window(), Window()

    memo.put(first, ("Europe/London", 1), "grid")

    assert memo.get(first, ("Europe/London", 1)) == "grid"
    assert memo.get(first, ("Europe/Paris", 1)) is None
    assert memo.get(fresher, ("Europe/London", 1)) is None  # a fresher copy starts empty


def test_a_dropped_window_takes_its_values_along() -> None:
    memo: WindowMemo[Window, str] = WindowMemo(per_window=8)
    window = Window()
    memo.put(window, "key", "grid")

    del window
    gc.collect()

    assert len(memo._values) == 0


def test_a_full_window_starts_again() -> None:
    memo: WindowMemo[Window, int] = WindowMemo(per_window=3)
    window = Window()
    for minute in range(3):
        memo.put(window, minute, minute)

    memo.put(window, 3, 3)

    assert [memo.get(window, m) for m in range(4)] == [None, None, None, 3]
