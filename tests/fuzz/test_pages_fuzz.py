"""Hostile query strings, HTMX headers and form posts: 2xx, 3xx or a worded 4xx, never a 5xx."""

from __future__ import annotations

import itertools

import pytest
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st

from tests.fuzz.strategies import (
    HTMX_HEADERS,
    NASTY,
    assert_graceful,
    form_safe,
    header_safe,
)
from tests.integration.helpers import CONTACT, choose_first_slot
from wix_sandbox import Sandbox

pytestmark = pytest.mark.django_db(transaction=True)

SERVICE_PARAMS = (
    "date",
    "month",
    "staff",
    "location",
    "tz",
    "participants",
    "first_name",
    "last_name",
    "email",
    "phone",
    "utm_source",
    "utm_campaign",
)
SLUGS = st.sampled_from(["deep-tissue-massage", "vinyasa-flow", "family-yoga", "no-such"])
_addresses = (f"10.{n // 250}.{n % 250}.1" for n in itertools.count())


def _query(keys: tuple[str, ...]) -> st.SearchStrategy[dict[str, str]]:
    return st.dictionaries(st.sampled_from(keys), NASTY.map(form_safe), max_size=len(keys))


@given(slug=SLUGS, query=_query(SERVICE_PARAMS), headers=HTMX_HEADERS)
def test_service_page_query_and_htmx_headers(
    sandbox: Sandbox, slug: str, query: dict[str, str], headers: dict[str, str]
) -> None:
    response = Client().get(f"/services/{slug}/", query, **header_safe(headers))

    assert_graceful(response)


@given(query=_query(("type", "category", "page", "utm_medium")), headers=HTMX_HEADERS)
def test_services_list_filters(
    sandbox: Sandbox, query: dict[str, str], headers: dict[str, str]
) -> None:
    assert_graceful(Client().get("/", query, **header_safe(headers)))


@given(slug=SLUGS, slot=NASTY, headers=HTMX_HEADERS)
def test_choosing_any_slot_key(
    sandbox: Sandbox, slug: str, slot: str, headers: dict[str, str]
) -> None:
    response = Client().post(
        f"/services/{slug}/choose/", {"slot": form_safe(slot)}, **header_safe(headers)
    )

    assert_graceful(response)
    if response.status_code == 302:
        # An invented key never becomes the draft's slot: back to the calendar, or not found.
        assert response["Location"] != "/book/details/" or slot.startswith(("a|", "e|"))


@pytest.fixture
def at_details(sandbox: Sandbox) -> Client:
    """A customer on the details step of the family class (variants and a participant cap)."""
    client = Client()
    assert choose_first_slot(client, "family-yoga").status_code == 200
    return client


@given(
    path=st.sampled_from(
        ["/book/return/", "/book/status/", "/book/slot-taken/", "/book/booking.ics"]
    ),
    query=_query(("ref", "orderId", "order", "paid", "reason", "wixMemberLoggedIn")),
)
def test_return_and_status_parameters(at_details: Client, path: str, query: dict[str, str]) -> None:
    assert_graceful(at_details.get(path, query))


DETAILS_FIELDS = (
    "participants",
    "variant_0",
    "variant_1",
    "first_name",
    "last_name",
    "email",
    "phone",
    "payment_option",
    "preview",
    "price",
    "total",
    "capacity",
)


@given(
    fields=st.dictionaries(st.sampled_from(DETAILS_FIELDS), NASTY.map(form_safe)),
    base=st.booleans(),
    headers=HTMX_HEADERS,
)
def test_details_form_fields(
    at_details: Client, fields: dict[str, str], base: bool, headers: dict[str, str]
) -> None:
    data = {**CONTACT, "variant_0": "1", **fields} if base else fields
    client = Client(REMOTE_ADDR=next(_addresses))  # fresh rate-limit bucket per example
    client.cookies = at_details.cookies

    response = client.post("/book/details/", data, **header_safe(headers))

    assert_graceful(response)
    if response.status_code == 302:
        assert_graceful(client.get("/book/review/"))
        assert_graceful(client.post("/book/submit/"))
