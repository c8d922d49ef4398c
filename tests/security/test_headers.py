"""A strict Content-Security-Policy on every page, no inline code, and a closed sandbox mount."""

from __future__ import annotations

import pytest
from django.http import HttpResponse
from django.test import Client

from tests.integration.helpers import choose_first_slot, fill_details, soup
from wix_sandbox import Sandbox

pytestmark = pytest.mark.django_db(transaction=True)

STRICT_CSP = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    # Forms post only to us: the hosted checkout of the built-in sandbox is on our origin.
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}


def _csp(response: HttpResponse) -> dict[str, list[str]]:
    parts = [part.split() for part in response["Content-Security-Policy"].split(";")]
    return {words[0]: words[1:] for words in parts if words}


def _pages(client: Client, sandbox: Sandbox) -> dict[str, HttpResponse]:
    """One of every kind of page: lists, calendar, steps, errors, throttled."""
    pages = {"services": client.get("/"), "not found": client.get("/services/no-such-thing/")}
    pages["details"] = choose_first_slot(client, "deep-tissue-massage")
    pages["review"] = fill_details(client)
    pages["calendar partial"] = client.get(
        "/services/deep-tissue-massage/", HTTP_HX_REQUEST="true", HTTP_HX_TARGET="calendar"
    )
    sandbox.inject_faults(kind="503", rate=1.0, endpoints=["time_slots.list"])
    pages["wix down"] = client.get("/services/deep-tissue-massage/", {"month": "2027-05"})
    return pages


def test_every_page_has_the_strict_policy_and_no_inline_code(
    client: Client, sandbox: Sandbox
) -> None:
    pages = _pages(client, sandbox)

    assert {name: r.status_code for name, r in pages.items()} == {
        "services": 200,
        "not found": 404,
        "details": 200,
        "review": 200,
        "calendar partial": 200,
        "wix down": 503,
    }
    for name, response in pages.items():
        assert _csp(response) == STRICT_CSP, name
        html = soup(response)
        assert all(s.get("src") for s in html.find_all("script")), name
        assert html.find("style") is None, name
        assert html.select("[style]") == [], name
        assert [t for t in html.find_all(True) if any(a.startswith("on") for a in t.attrs)] == []


@pytest.mark.parametrize(
    "path",
    [
        "/_wix-sandbox/_sandbox/state",
        "/_wix-sandbox/oauth2/token",
        "/_wix-sandbox/bookings/v2/bookings",
        "/_wix-sandbox/bookings/v2/services/query",
    ],
)
def test_sandbox_mount_serves_only_the_hosted_pages(
    client: Client, sandbox: Sandbox, path: str
) -> None:
    answers = [client.get(path), client.post(path, "{}", content_type="application/json")]

    assert [a.status_code for a in answers] == [404, 404]
    assert client.get("/_wix-sandbox/static/checkout.css").status_code == 200
