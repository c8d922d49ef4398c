"""A course with more bookings than one Extended Bookings page: places left counts them all.

Query Extended Bookings pages on ``cursors.next`` only; its PagingMetadataV2 has no
``hasNext`` (docs/wix-contract.md §23). The sandbox answers the same way, so a client that waits for
a ``hasNext`` flag reads the first page and shows too many places left.
"""

from __future__ import annotations

from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.test import Client

from tests.integration.helpers import (
    book_course_as_business,
    fill_details,
    our_bookings,
    pay_at_checkout,
    soup,
    submit,
)
from wix_sandbox import Sandbox

COURSE = "mindfulness-foundations-6-weeks"
SEEDED_PARTICIPANTS = 6  # the demo's four course bookings (wix_sandbox/README.md)

pytestmark = pytest.mark.django_db(transaction=True)


def test_places_left_counts_bookings_beyond_the_first_page(
    client: Client, sandbox: Sandbox
) -> None:
    sandbox.set_capacity("mindfulness", 300)
    book_course_as_business(sandbox, bookings=130, participants=2)  # 134 bookings: two pages of 100

    page = client.get(f"/services/{COURSE}/")

    assert page.status_code == 200
    places = BeautifulSoup(page.content, "html.parser").select_one("p.places")
    assert places is not None
    taken = SEEDED_PARTICIPANTS + 130 * 2
    assert places.get_text(strip=True) == f"{300 - taken} places left"


def test_a_course_with_more_bookings_than_one_page_is_booked_end_to_end(
    client: Client, sandbox: Sandbox
) -> None:
    sandbox.set_capacity("mindfulness", 300)
    book_course_as_business(sandbox, bookings=130, participants=2)
    left = 300 - (SEEDED_PARTICIPANTS + 130 * 2)
    assert _places(client.get(f"/services/{COURSE}/")) == f"{left} places left"

    details = client.post(f"/services/{COURSE}/book-course/", follow=True)
    assert soup(details).select_one("#details-form") is not None
    reviewed = fill_details(client)
    assert "/book/review/" in [url for url, _ in reviewed.redirect_chain]
    status = pay_at_checkout(client, submit(client))

    assert soup(status).h1.get_text(strip=True) == "You're booked"
    (ours,) = our_bookings(sandbox)
    assert ours["status"] == "CONFIRMED"
    assert "schedule" in ours["bookedEntity"]
    # Our booking was counted too, though it sits on the second page of Extended Bookings.
    assert _places(client.get(f"/services/{COURSE}/")) == f"{left - 1} places left"


def _places(page: Any) -> str:
    places = soup(page).select_one("p.places")
    assert places is not None
    return str(places.get_text(strip=True))
