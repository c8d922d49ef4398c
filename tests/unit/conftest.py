"""The unit layer: one module at a time, no network, no sandbox HTTP, no browser.

Every test collected here gets the ``unit`` marker (``pytest -m unit`` runs just this layer),
and any HTTP request or socket connection fails the test at once: a unit test that reaches
Wix, even the in-process sandbox, belongs in tests/integration. The database stays closed
unless a test asks for it (pytest-django's default).
"""

from __future__ import annotations

import socket
from pathlib import Path
from typing import Any, NoReturn

import httpx
import pytest

HERE = Path(__file__).resolve().parent


@pytest.hookimpl(tryfirst=True)  # before -m selects on it
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # The hook sees the whole session's items, not only this folder's.
    for item in items:
        if item.path.is_relative_to(HERE):
            item.add_marker(pytest.mark.unit)


def _refuse(*args: Any, **kwargs: Any) -> NoReturn:
    raise AssertionError("a unit test made an HTTP request or opened a connection")


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail any HTTP call (the Wix client, sandbox included) or outgoing socket connection."""
    monkeypatch.setattr(httpx.Client, "send", _refuse)
    monkeypatch.setattr(socket.socket, "connect", _refuse)
