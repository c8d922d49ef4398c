"""The services list's card wording (issue 16, point 16): "60 min · £65" and every place."""

from __future__ import annotations

from typing import Any

import pytest

from booking_site.presentation.service_card import card_facts, short_duration, where_text
from tests.unit.builders import massage


def _business(name: str | None, address: str | None = None) -> dict[str, Any]:
    place: dict[str, Any] = {"id": f"loc-{name}"}
    if name:
        place["name"] = name
    if address:
        place["address"] = {"formattedAddress": address}
    return {"id": place["id"], "type": "BUSINESS", "business": place}


@pytest.mark.parametrize(
    ("minutes", "text"),
    [(45, "45 min"), (60, "60 min"), (90, "90 min"), (120, "2 h"), (150, "2 h 30 min"), (0, "")],
)
def test_short_duration_counts_minutes_up_to_two_hours(minutes: int, text: str) -> None:
    assert short_duration(minutes) == text


def test_card_facts_join_the_first_duration_and_the_price() -> None:
    service = massage()  # durations 60 and 90 minutes

    assert card_facts(service, "£60") == "60 min · £60"


def test_card_facts_without_a_duration_is_the_price_alone() -> None:
    service = massage(schedule={"id": "s"})

    assert card_facts(service, "Free") == "Free"


def test_where_names_one_place_and_at_your_place() -> None:
    # The recorded massage is at the main studio or at the customer's.
    assert where_text(massage()) == "Main studio or at your place"


def test_where_falls_back_to_the_address_when_a_place_has_no_name() -> None:
    service = massage(locations=[_business(None, "1 High St, London")])

    assert where_text(service) == "1 High St, London"


def test_where_counts_three_places_or_more() -> None:
    service = massage(locations=[_business(n) for n in ("Soho", "Kew", "Bow")])

    assert where_text(service) == "3 locations"


def test_where_says_online_for_a_service_with_video_links() -> None:
    online_only = massage(locations=[], conferencing={"enabled": True})
    both = massage(locations=[_business("Soho")], conferencing={"enabled": True})

    assert where_text(online_only) == "Online"
    assert where_text(both) == "Soho or online"


def test_where_is_empty_when_wix_lists_no_place() -> None:
    assert where_text(massage(locations=[])) == ""
