"""A course with more bookings than one Extended Bookings page: places left counts them all.

Query Extended Bookings pages on ``cursors.next`` only; its PagingMetadataV2 has no
``hasNext`` (docs/wix-contract.md §23). The sandbox answers the same way, so a client that waits for
a ``hasNext`` flag reads the first page and shows too many places left.
"""

from __future__ import annotations

import httpx
import pytest
from bs4 import BeautifulSoup
from django.test import Client

from wix_sandbox import Sandbox

COURSE = "mindfulness-foundations-6-weeks"
SEEDED_PARTICIPANTS = 6  # the demo's four course bookings (wix_sandbox/README.md)

pytestmark = pytest.mark.django_db(transaction=True)


def _book_course(sandbox: Sandbox, bookings: int, participants: int) -> None:
    """Create and confirm ``bookings`` course bookings through Wix's API (API key)."""
    headers = {"Authorization": sandbox.api_key, "wix-site-id": sandbox.site_id}
    entity = {"schedule": {"scheduleId": sandbox.demo.schedule("mindfulness")}}
    transport = httpx.WSGITransport(app=sandbox.app)
    with httpx.Client(transport=transport, base_url="https://www.wixapis.com") as api:
        for n in range(bookings):
            body = {
                "booking": {
                    "bookedEntity": entity,
                    "contactDetails": {"firstName": "Guest", "email": f"guest{n}@example.com"},
                    "selectedPaymentOption": "ONLINE",
                    "totalParticipants": participants,
                }
            }
            response = api.post("/bookings/v2/bookings", json=body, headers=headers)
            assert response.status_code == 200, response.text
            # Only CONFIRMED and PENDING bookings hold a place (§22; CREATED holds nothing, §6.3).
            booking_id = response.json()["booking"]["id"]
            confirmed = api.post(
                f"/bookings/v2/bookings/{booking_id}/confirm", json={}, headers=headers
            )
            assert confirmed.status_code == 200, confirmed.text


def test_places_left_counts_bookings_beyond_the_first_page(
    client: Client, sandbox: Sandbox
) -> None:
    sandbox.set_capacity("mindfulness", 300)
    _book_course(sandbox, bookings=130, participants=2)  # 134 bookings: two pages of 100

    page = client.get(f"/services/{COURSE}/")

    assert page.status_code == 200
    places = BeautifulSoup(page.content, "html.parser").select_one("p.places")
    assert places is not None
    taken = SEEDED_PARTICIPANTS + 130 * 2
    assert places.get_text(strip=True) == f"{300 - taken} places left"
