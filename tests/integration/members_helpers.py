"""Signing in through the sandbox's Wix login page, as a browser would."""

from __future__ import annotations

from urllib.parse import parse_qs, urlencode, urlsplit

from django.http import HttpResponse
from django.test import Client

from tests.integration.helpers import follow_to, soup
from wix_sandbox.demo_plans import DEMO_MEMBER_EMAIL


def login_redirect(client: Client, *, next_url: str = "/") -> str:
    """Start signing in: the URL of Wix's login page the site sends the browser to."""
    start = client.get("/account/sign-in/", {"next": next_url})
    assert start.status_code == 302, start.content[:300]
    return start["Location"]


def press_login(client: Client, login_url: str, *, email: str = DEMO_MEMBER_EMAIL) -> str:
    """Fill Wix's login page; the callback URL it sends the browser to (with code and state)."""
    page = follow_to(client, as_redirect(login_url))
    assert page.status_code == 200, page.content[:300]
    form = soup(page).select_one("form")
    assert form is not None
    answer = client.post(
        urlsplit(form["action"]).path,
        urlencode({"email": email}),
        content_type="application/x-www-form-urlencoded",
    )
    assert answer.status_code == 303, answer.content[:300]
    return answer["Location"]


def sign_in(client: Client, *, email: str = DEMO_MEMBER_EMAIL, next_url: str = "/") -> HttpResponse:
    """The whole sign-in: the callback's answer (a redirect to ``next_url`` when it worked)."""
    callback = press_login(client, login_redirect(client, next_url=next_url), email=email)
    return follow_to(client, as_redirect(callback))


def callback_params(url: str) -> dict[str, str]:
    return {k: v[-1] for k, v in parse_qs(urlsplit(url).query).items()}


def as_redirect(location: str) -> HttpResponse:
    response = HttpResponse(status=302)
    response["Location"] = location
    return response
