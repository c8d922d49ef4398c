"""Fixtures for the Wix client tests: a fake Wix transport, a settable clock, ready clients."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

from booking_site.wix import VisitorTokens, WixClient, metrics

from .fakes import API_KEY, CLIENT_ID, NOW, SITE_ID, Clock, FakeWix


@pytest.fixture
def fake() -> FakeWix:
    return FakeWix()


@pytest.fixture
def sleeps() -> list[float]:
    return []


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def make_client(
    fake: FakeWix, sleeps: list[float], clock: Clock
) -> Iterator[Callable[..., WixClient]]:
    """Build a WixClient on the fake transport; API key configured unless told otherwise."""
    clients: list[WixClient] = []

    def build(**overrides: Any) -> WixClient:
        options: dict[str, Any] = {
            "client_id": CLIENT_ID,
            "api_key": API_KEY,
            "site_id": SITE_ID,
            "transport": httpx.MockTransport(fake.handler),
            "sleep": sleeps.append,
            "clock": clock,
            "rng": random.Random(7),
        }
        options.update(overrides)
        client = WixClient(**options)
        clients.append(client)
        return client

    yield build
    for client in clients:
        client.close()


@pytest.fixture
def wix(make_client: Callable[..., WixClient]) -> WixClient:
    """A client with an API key: shared calls go out with the key."""
    return make_client()


@pytest.fixture
def keyless(make_client: Callable[..., WixClient]) -> WixClient:
    """A client without an API key: shared calls use the client-wide visitor token."""
    return make_client(api_key=None, site_id=None)


@pytest.fixture
def tokens() -> VisitorTokens:
    """A customer's stored, still-valid tokens."""
    return VisitorTokens("visitor-access-0", "visitor-refresh-0", NOW + 3600)


@pytest.fixture(autouse=True)
def _fresh_metrics() -> None:
    metrics.reset()
