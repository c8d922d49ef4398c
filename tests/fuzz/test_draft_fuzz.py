"""A tampered or stale session draft, and tampered prices: never a 500, never trusted."""

from __future__ import annotations

import itertools
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st

from booking_site.session import SESSION_KEY
from tests.fuzz.strategies import NASTY, assert_graceful
from tests.integration.helpers import CONTACT, choose_first_slot, fill_details, soup
from wix_sandbox import Sandbox

pytestmark = pytest.mark.django_db(transaction=True)

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | NASTY,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=8,
)
PAGES = (
    ("GET", "/services/deep-tissue-massage/"),
    ("GET", "/book/details/"),
    ("GET", "/book/review/"),
    ("POST", "/book/submit/"),
    ("GET", "/book/slot-taken/"),
    ("GET", "/book/status/"),
    ("GET", "/book/booking.ics"),
    ("POST", "/book/start-over/"),
)
_addresses = (f"10.200.{n // 250}.{n % 250}" for n in itertools.count())


@pytest.fixture
def real_draft(sandbox: Sandbox) -> dict[str, Any]:
    """A complete draft as the site stores it, to mutate field by field."""
    client = Client()
    choose_first_slot(client, "deep-tissue-massage")
    fill_details(client)
    return dict(client.session[SESSION_KEY])


def _tamper(draft: dict[str, Any], changes: dict[str, Any], drop: list[str]) -> dict[str, Any]:
    tampered = {k: v for k, v in draft.items() if k not in drop}
    for path, value in changes.items():
        head, _, tail = path.partition(".")
        if tail and isinstance(tampered.get(head), dict):
            tampered[head] = {**tampered[head], tail: value}
        else:
            tampered[head] = value
    return tampered


FIELDS = st.sampled_from(
    [
        "ref",
        "service_id",
        "service_slug",
        "service_type",
        "slot",
        "slot.local_start",
        "slot.local_end",
        "slot.time_zone",
        "slot.event_id",
        "slot.staff_id",
        "slot.location_type",
        "participants",
        "variant_counts",
        "payment_option",
        "contact",
        "contact.email",
        "prefill",
        "display_time_zone",
        "visitor_tokens",
        "utm",
        "updated_at",
        "version",
    ]
)


@given(
    changes=st.dictionaries(FIELDS, JSON, min_size=1, max_size=4),
    drop=st.lists(FIELDS.filter(lambda f: "." not in f), max_size=2),
    raw=st.booleans(),
    garbage=JSON,
)
def test_tampered_draft_never_breaks_a_page(
    real_draft: dict[str, Any],
    changes: dict[str, Any],
    drop: list[str],
    raw: bool,
    garbage: Any,
) -> None:
    client = Client(REMOTE_ADDR=next(_addresses))
    session = client.session
    session[SESSION_KEY] = garbage if raw else _tamper(real_draft, changes, drop)
    session.save()
    client.cookies["sessionid"] = session.session_key

    for method, path in PAGES:
        assert_graceful(client.get(path) if method == "GET" else client.post(path))


def test_posted_prices_and_capacities_are_ignored(sandbox: Sandbox) -> None:
    client = Client()
    choose_first_slot(client, "deep-tissue-massage")
    tampered = {"price": "0.01", "total": "0", "amount": "0", "capacity": "99", "currency": "XYZ"}

    review = fill_details(client, **tampered)
    submit = client.post("/book/submit/")

    assert soup(review).select_one("dd.price").get_text(strip=True) == "£65"
    assert submit.status_code == 302
    (cart,) = sandbox.carts()
    assert Decimal(cart["lineItems"][0]["price"]["amount"]) == Decimal("65.00")


def test_more_participants_than_places_left_is_refused(sandbox: Sandbox) -> None:
    client = Client()
    choose_first_slot(client, "vinyasa-flow")  # the next class has one place left

    form = client.post("/book/details/", {**CONTACT, "participants": "4"})

    assert form.status_code == 200
    assert "At most 1 person can be booked at once." in soup(form).get_text()
    assert client.get("/book/review/")["Location"] == "/book/details/"
