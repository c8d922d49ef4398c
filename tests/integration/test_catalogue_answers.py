"""An empty or unreadable catalogue answer never replaces a good one (issue 14, point 10).

After a good Query Services answer, Wix answers 200 with an empty object (the catalogue reads
as no services at all) or with a body cut in half. Past the catalogue's freshness, the list
must keep showing the services of the last good answer, not empty the site for five minutes.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
import time_machine
from django.test import Client

from tests.integration.helpers import soup
from wix_sandbox import Sandbox

pytestmark = pytest.mark.django_db(transaction=True)


def _listed(client: Client) -> list[str]:
    response = client.get("/")
    assert response.status_code == 200
    return [
        link.get_text(" ", strip=True) for link in soup(response).select("a[href^='/services/']")
    ]


@pytest.mark.parametrize("kind", ["empty", "garble_after"])
def test_a_bad_catalogue_answer_keeps_the_last_good_one(
    client: Client, sandbox: Sandbox, now: datetime, kind: str
) -> None:
    good = _listed(client)
    assert any("Deep tissue massage" in name for name in good)
    sandbox.inject_faults(kind=kind, rate=1.0, endpoints=["services.query"])  # type: ignore[arg-type]
    before = sandbox.call_counts()["services.query"]

    with time_machine.travel(now + timedelta(minutes=6), tick=True):  # past the 5-minute TTL
        first = _listed(client)
        again = _listed(client)  # the bad answer was not cached over the good copy either

    assert first == good
    assert again == good
    assert sandbox.call_counts()["services.query"] > before  # Wix was asked: it was stale
