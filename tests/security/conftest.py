"""Fixtures of the security tests."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
import time_machine

# Every rate limit's window (1 and 5 minutes) starts at a multiple of this many seconds.
_WINDOWS_ALIGN = 300


@pytest.fixture
def fresh_rate_window() -> Iterator[None]:
    """Start the test just after a rate-limit window begins (time ticking on from there).

    Limits count in fixed windows; a test whose attempts straddled a window's end would see
    the count restart halfway and more attempts pass, on a slow machine now and then.
    """
    start = (time.time() // _WINDOWS_ALIGN + 1) * _WINDOWS_ALIGN + 0.5
    with time_machine.travel(start, tick=True):
        yield
