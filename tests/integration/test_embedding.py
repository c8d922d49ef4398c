"""Embedding: who may frame the site, cookies inside an iframe, and leaving it for checkout.

Settings are read per request, so the ``settings`` fixture switches embedding on per test.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest
from django.test import Client
from pytest_django.fixtures import Settings

from tests.integration.helpers import (
    choose_first_slot,
    fill_details,
    follow_to,
    hosted_checkout_action,
    soup,
    status_after,
)
from wix_sandbox import Sandbox

pytestmark = pytest.mark.django_db(transaction=True)

OWNER = "https://owner.example"
IN_FRAME = {"HTTP_SEC_FETCH_DEST": "iframe"}
EMBED_JS = Path(__file__).resolve().parents[2] / "static" / "js" / "embed.js"


@pytest.fixture
def embedding(settings: Settings) -> Settings:
    settings.EMBED_ALLOWED_ORIGINS = [OWNER]
    return settings


def _directives(response: object) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]  # type: ignore[index]
    return {p.split()[0]: p.split()[1:] for p in policy.split(";") if p.strip()}


def test_without_embed_origins_nothing_may_frame_and_no_frame_script(
    client: Client, sandbox: Sandbox
) -> None:
    page = client.get("/services/deep-tissue-massage/", {"utm_source": "x"})  # a session

    assert page["X-Frame-Options"] == "DENY"
    assert _directives(page)["frame-ancestors"] == ["'none'"]
    assert soup(page).select_one('meta[name="embed-origins"]') is None
    assert "SameSite=Lax" in page.cookies["sessionid"].output()
    assert "Partitioned" not in page.cookies["sessionid"].output()


def test_embed_origins_become_frame_ancestors_and_x_frame_options_goes(
    client: Client, sandbox: Sandbox, embedding: Settings
) -> None:
    page = client.get("/services/deep-tissue-massage/")

    assert _directives(page)["frame-ancestors"] == ["'self'", OWNER]
    assert "X-Frame-Options" not in page
    html = soup(page)
    assert html.select_one('meta[name="embed-origins"]')["content"] == OWNER
    scripts = [s["src"] for s in html.select("script")]
    assert any("/js/frame." in src for src in scripts)


@pytest.mark.parametrize("secure", [True, False])
def test_session_and_csrf_cookies_are_partitioned_for_iframes(
    client: Client, sandbox: Sandbox, embedding: Settings, secure: bool
) -> None:
    # HTTPS (or loopback HTTP, which browsers treat as secure) gets the cross-site cookies;
    # plain HTTP elsewhere keeps Lax cookies, since a Secure cookie would be dropped there.
    page = client.get("/services/deep-tissue-massage/", {"utm_source": "x"}, secure=secure)

    for name in ("sessionid", "csrftoken"):
        cookie = page.cookies[name].output()
        if secure:
            assert "SameSite=None" in cookie
            assert "; Secure" in cookie
            assert cookie.endswith("; Partitioned")
        else:
            assert "SameSite=Lax" in cookie
            assert "Partitioned" not in cookie


def test_loopback_http_counts_as_secure_for_the_cookies(
    client: Client, sandbox: Sandbox, embedding: Settings
) -> None:
    page = client.get(
        "/services/deep-tissue-massage/", {"utm_source": "x"}, HTTP_HOST="localhost:8000"
    )

    assert page.cookies["sessionid"].output().endswith("; Partitioned")


def test_embed_script_is_served_small_at_a_stable_url(client: Client, sandbox: Sandbox) -> None:
    script = client.get("/embed.js")

    assert script.status_code == 200
    assert script["Content-Type"].startswith("text/javascript")
    assert script["Cache-Control"] == "public, max-age=3600"
    assert script.content == EMBED_JS.read_bytes()
    assert len(script.content) < 2048


def _to_review(client: Client) -> None:
    client.get("/services/deep-tissue-massage/", {"utm_source": "iframe-test"})
    choose_first_slot(client, "deep-tissue-massage")
    review = fill_details(client)
    assert review.redirect_chain[-1][0] == "/book/review/"


def test_submit_inside_an_iframe_hands_the_booking_to_the_top_window(
    sandbox: Sandbox, embedding: Settings
) -> None:
    frame, top = Client(), Client()  # two cookie jars: the iframe's partition and the top's
    _to_review(frame)

    handoff = frame.post("/book/submit/", **IN_FRAME)

    assert handoff.status_code == 200  # not a redirect into Wix's checkout inside the frame
    link = soup(handoff).select_one("a[data-top-navigate]")
    assert link["target"] == "_top"
    assert link["href"].startswith("/book/continue/?h=")
    checkout = top.get(link["href"])
    assert checkout.status_code == 302
    assert urlsplit(checkout["Location"]).path.startswith("/_wix-sandbox/checkout/")
    paid = hosted_checkout_action(top, follow_to(top, checkout), "Pay")
    status = status_after(top, paid)
    assert status.status_code == 200
    assert soup(status).h1.get_text(strip=True) == "You're booked"
    assert soup(status).select_one("#booking-analytics")["data-utm-source"] == "iframe-test"
    again = top.get(link["href"])  # the token works once
    assert again.status_code == 404


def test_submit_outside_an_iframe_still_redirects_to_checkout(
    client: Client, sandbox: Sandbox, embedding: Settings
) -> None:
    _to_review(client)

    response = client.post("/book/submit/")

    assert response.status_code == 302
    assert urlsplit(response["Location"]).path.startswith("/_wix-sandbox/checkout/")


def test_blocked_cookies_in_an_iframe_offer_a_new_tab(
    sandbox: Sandbox, embedding: Settings
) -> None:
    strict = Client(enforce_csrf_checks=True)
    referer = "http://testserver/services/deep-tissue-massage/?date=2026-12-08"

    framed = strict.post(
        "/services/deep-tissue-massage/choose/", {"slot": "x"}, HTTP_REFERER=referer, **IN_FRAME
    )
    top = strict.post("/services/deep-tissue-massage/choose/", {"slot": "x"})

    assert framed.status_code == 403
    link = soup(framed).select_one("main a[target=_blank]")
    assert link["href"] == referer
    assert link["rel"] == ["noopener"]
    assert top.status_code == 403
    assert b'data-refusal="csrf"' in top.content


def _paid_status(top: Client, continue_url: str) -> object:
    checkout = top.get(continue_url)
    paid = hosted_checkout_action(top, follow_to(top, checkout), "Pay")
    return status_after(top, paid)


def _handoff_link(frame: Client) -> str:
    _to_review(frame)
    return soup(frame.post("/book/submit/", **IN_FRAME)).select_one("a[data-top-navigate]")["href"]


def test_after_paying_the_customer_can_go_back_to_the_embedding_page(
    sandbox: Sandbox, embedding: Settings
) -> None:
    frame, top = Client(), Client()
    back = f"{OWNER}/book-a-massage?from=menu"
    link = _handoff_link(frame) + "&" + urlencode({"back": back})  # as embed.js adds it

    status = _paid_status(top, link)

    assert soup(status).h1.get_text(strip=True) == "You're booked"
    way_back = soup(status).select_one("a#embed-return")
    assert way_back.get_text(strip=True) == "Back to the page you booked from"
    assert way_back["href"] == back


@pytest.mark.parametrize(
    "back",
    ["https://evil.example/phish", "javascript:alert(1)", "//owner.example/x", "/book/review/"],
)
def test_a_way_back_off_the_allowed_origins_is_dropped(
    sandbox: Sandbox, embedding: Settings, back: str
) -> None:
    frame, top = Client(), Client()
    link = _handoff_link(frame) + "&" + urlencode({"back": back})

    status = _paid_status(top, link)

    assert soup(status).h1.get_text(strip=True) == "You're booked"
    assert soup(status).select_one("a#embed-return") is None


def test_embed_return_url_setting_wins_over_the_reported_page(
    sandbox: Sandbox, embedding: Settings
) -> None:
    embedding.EMBED_RETURN_URL = f"{OWNER}/thank-you"
    frame, top = Client(), Client()
    # Without embed.js (the handoff page's own link) the owner's setting still leads back.
    status = _paid_status(top, _handoff_link(frame))

    assert soup(status).select_one("a#embed-return")["href"] == f"{OWNER}/thank-you"


def test_a_booking_never_embedded_has_no_way_back(client: Client, sandbox: Sandbox) -> None:
    _to_review(client)
    checkout = client.post("/book/submit/")
    paid = hosted_checkout_action(client, follow_to(client, checkout), "Pay")
    status = status_after(client, paid)

    assert soup(status).h1.get_text(strip=True) == "You're booked"
    assert soup(status).select_one("a#embed-return") is None
