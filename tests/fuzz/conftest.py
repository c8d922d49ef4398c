"""Hypothesis profiles for the fuzz tests, and a count of the cases they tried.

``ci`` (the default) keeps ``make test`` bounded: a fixed number of examples per test and no
per-example deadline (the first request of a test warms caches). ``thorough`` is for a long
local run: ``HYPOTHESIS_PROFILE=thorough pytest tests/fuzz``.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, settings

_COMMON = {
    "deadline": None,
    "database": None,
    # One Django client and sandbox per test serve all its examples.
    "suppress_health_check": [HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
}
settings.register_profile("ci", max_examples=40, **_COMMON)
settings.register_profile("thorough", max_examples=1000, **_COMMON)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

CASES = {"tried": 0}


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if CASES["tried"]:
        terminalreporter.section("fuzz figures")
        terminalreporter.write_line(f"fuzz: {CASES['tried']} cases tried, none answered 5xx")
