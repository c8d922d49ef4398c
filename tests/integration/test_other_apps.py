"""Only Wix Bookings services are listed (docs/wix-contract.md §20).

The sandbox's "Studio room hire" belongs to another Wix scheduling app (Wix Services): it
shares the Services V2 catalogue, but a Wix Bookings site neither lists nor books it. The
"Corporate wellbeing morning" has no app id at all, which Wix Bookings still shows.
"""

from __future__ import annotations

import pytest
from django.test import Client

from tests.integration.helpers import soup
from wix_sandbox import Sandbox

pytestmark = pytest.mark.django_db(transaction=True)


def test_services_of_other_apps_are_not_listed(client: Client, sandbox: Sandbox) -> None:
    page = client.get("/")

    text = soup(page).get_text(" ")
    assert page.status_code == 200
    assert "Studio room hire" not in text
    assert "Corporate wellbeing morning" in text  # no app id: still a Wix Bookings service


def test_deep_link_to_another_apps_service_says_it_is_not_bookable_here(
    client: Client, sandbox: Sandbox
) -> None:
    page = client.get("/services/studio-room-hire/")

    assert page.status_code == 404
    alert = soup(page).select_one("[role=alert]")
    assert alert is not None
    assert "can't be booked on this site" in alert.get_text()
    assert not soup(page).select("button[name=slot]")


def test_unknown_slug_is_still_plain_not_found(client: Client, sandbox: Sandbox) -> None:
    page = client.get("/services/no-such-service/")

    assert page.status_code == 404
    assert "couldn't find that service" in soup(page).get_text(" ")
