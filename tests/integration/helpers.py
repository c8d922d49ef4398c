"""Helpers that drive the site like a browser would: follow links, submit the forms it renders."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

import httpx
from bs4 import BeautifulSoup
from django.http import HttpResponse
from django.test import Client

from wix_sandbox import Sandbox

CONTACT = {
    "first_name": "Ann",
    "last_name": "Lee",
    "email": "ann.lee@example.com",
    "phone": "+44 7700 900123",
}


def soup(response: HttpResponse) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def slot_buttons(response: HttpResponse) -> list[dict[str, str]]:
    """The slot buttons on a page: their key and accessible text."""
    return [
        {"key": b["value"], "label": " ".join(b.get_text(" ").split())}
        for b in soup(response).select("button[name=slot]")
    ]


def choose_first_slot(
    client: Client, slug: str, *, min_spots: int = 1, **query: str
) -> HttpResponse:
    """Open the service page, pick the first offered slot, land on the details step.

    For classes, ``min_spots`` skips sessions with fewer places left.
    """
    page = client.get(f"/services/{slug}/", query)
    assert page.status_code == 200, page.content[:500]
    buttons = [b for b in slot_buttons(page) if _spots(b["label"]) >= min_spots]
    assert buttons, "the service page offers slots in its initial HTML"
    return client.post(f"/services/{slug}/choose/", {"slot": buttons[0]["key"]}, follow=True)


def _spots(label: str) -> int:
    match = re.search(r"(\d+) spots? left", label)
    return int(match.group(1)) if match else 1_000


def fill_details(client: Client, **fields: Any) -> HttpResponse:
    data = {**CONTACT, "participants": 1, **fields}
    return client.post("/book/details/", data, follow=True)


def submit(client: Client) -> HttpResponse:
    """Press the review page's submit button (not following the redirect)."""
    return client.post("/book/submit/")


def follow_to(client: Client, response: HttpResponse) -> HttpResponse:
    """Follow a redirect (also to the sandbox's hosted pages mounted under the site)."""
    location = response["Location"]
    parts = urlsplit(location)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    return client.get(path)


def hosted_checkout_action(client: Client, checkout_page: HttpResponse, label: str) -> HttpResponse:
    """Press a button ("Pay…", "Confirm" or "Cancel…") on the sandbox's hosted checkout page."""
    page = soup(checkout_page)
    for form in page.select("form"):
        button = form.find("button")
        if button and button.get_text(strip=True).startswith(label):
            action = urlsplit(form["action"])
            data = {i["name"]: i.get("value", "") for i in form.select("input[name]")}
            return client.post(action.path, data)
    raise AssertionError(f"no {label!r} button on the hosted checkout page")


def status_after(client: Client, response: HttpResponse) -> HttpResponse:
    """Follow Wix's callback redirect through our return URL to the status page."""
    hop = follow_to(client, response)
    while hop.status_code in (301, 302, 303):
        hop = follow_to(client, hop)
    return hop


def reach_review(
    client: Client, slug: str, *, details: dict[str, Any] | None = None, **query: Any
) -> HttpResponse:
    """Choose the first slot of ``slug`` (``query`` as for ``choose_first_slot``) and send the
    details (``CONTACT`` with ``details`` over it): the step every booking test starts with."""
    choose_first_slot(client, slug, **query)
    return fill_details(client, **(details or {}))


def pay_at_checkout(client: Client, submitted: HttpResponse, label: str = "Pay") -> HttpResponse:
    """From a submit's redirect to the hosted checkout: press ``label`` there and follow Wix's
    callback to our status page."""
    return status_after(client, hosted_checkout_action(client, follow_to(client, submitted), label))


def our_bookings(sandbox: Any) -> list[dict[str, Any]]:
    """The sandbox's bookings made by the site (it tags each with ``externalUserId``)."""
    return [b for b in sandbox.bookings() if b.get("externalUserId")]


def page_text(page: Any) -> str:
    """The page's visible text, whitespace collapsed."""
    return " ".join(soup(page).get_text(" ").split())


def book_course_as_business(sandbox: Sandbox, bookings: int, participants: int) -> None:
    """Create and confirm ``bookings`` bookings of the demo course through Wix's API (API
    key), as the business's other channels would: more than one Extended Bookings page."""
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
