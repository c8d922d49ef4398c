"""The owner's links page: per service a deep link, a script-free button and an iframe snippet."""

from __future__ import annotations

from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import User
from django.test import Client
from pytest_django.fixtures import Settings

from tests.integration.helpers import soup
from wix_sandbox import Sandbox

pytestmark = pytest.mark.django_db(transaction=True)

LISTED = {
    "Deep tissue massage": "deep-tissue-massage",
    "Vinyasa flow": "vinyasa-flow",
    "Mindfulness foundations (6 weeks)": "mindfulness-foundations-6-weeks",
}


@pytest.fixture
def owner(client: Client, sandbox: Sandbox) -> Client:
    client.force_login(User.objects.create_user("owner", password="x-long-pass", is_staff=True))
    return client


def _snippets(page: Any) -> dict[str, dict[str, str]]:
    """Service name → {"link"|"button"|"iframe": snippet text}."""
    found: dict[str, dict[str, str]] = {}
    for section in soup(page).select("section.snippet-set"):
        name = section.find("h2").get_text(strip=True)
        found[name] = {
            box["id"].split("-")[0]: box.get_text() for box in section.select("textarea")
        }
    return found


def test_links_page_needs_a_staff_login(client: Client, sandbox: Sandbox) -> None:
    anonymous = client.get("/owner/links/")
    client.force_login(User.objects.create_user("customer", password="x-long-pass"))
    customer = client.get("/owner/links/")

    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith("/owner/login/")
    assert customer.status_code == 302
    assert customer["Location"].startswith("/owner/login/")


def test_owner_home_lists_the_links_tool(owner: Client) -> None:
    home = owner.get("/owner/")

    assert soup(home).select_one('a[href="/owner/links/"]') is not None


def test_each_listed_service_gets_a_link_a_button_and_an_iframe(owner: Client) -> None:
    page = owner.get("/owner/links/")

    assert page.status_code == 200
    snippets = _snippets(page)
    assert "Posture check-up" not in snippets  # not listed on the site, so no snippet
    for name, slug in LISTED.items():
        link = f"http://testserver/services/{slug}/"
        assert snippets[name]["link"] == link
        button = BeautifulSoup(snippets[name]["button"], "html.parser")
        assert button.select_one("a.book-now-button")["href"] == link
        assert ".book-now-button" in button.style.get_text()
        assert button.find("script") is None  # plain HTML and CSS
        frame = BeautifulSoup(snippets[name]["iframe"], "html.parser")
        assert frame.iframe["src"] == link
        assert frame.iframe["title"] == f"Book online: {name}"
        assert frame.script["src"] == "http://testserver/embed.js"


def test_campaign_tags_are_added_to_every_link_and_validated(owner: Client) -> None:
    page = owner.get(
        "/owner/links/", {"utm_source": "newsletter", "utm_campaign": "winter\x00", "x": "1"}
    )

    snippets = _snippets(page)
    expected = "http://testserver/services/vinyasa-flow/?utm_campaign=winter&utm_source=newsletter"
    assert snippets["Vinyasa flow"]["link"] == expected
    assert f'href="{expected.replace("&", "&amp;")}"' in snippets["Vinyasa flow"]["button"]
    assert soup(page).select_one("input[name=utm_source]")["value"] == "newsletter"


def test_owner_page_itself_has_no_inline_script_or_style(owner: Client) -> None:
    html = soup(owner.get("/owner/links/"))

    assert all(script.has_attr("src") for script in html.select("script"))
    assert html.select("style") == []
    assert html.select("[style]") == []
    # The button preview uses the same stylesheet the snippet copies.
    assert any("book-now" in link["href"] for link in html.select("link[rel=stylesheet]"))
    assert html.select_one("#preview-heading ~ p a.book-now-button") is not None


def test_iframe_preview_only_when_embedding_is_on(owner: Client, settings: Settings) -> None:
    off = soup(owner.get("/owner/links/"))
    settings.EMBED_ALLOWED_ORIGINS = ["https://owner.example"]
    on_page = owner.get("/owner/links/")
    on = soup(on_page)

    assert off.select("iframe.embed-preview") == []
    assert "Embedding is off" in off.select_one(".notice-warn").get_text()
    assert on.select_one("iframe.embed-preview")["src"].startswith("http://testserver/services/")
    assert "https://owner.example" in on.select_one(".notice-ok").get_text()
    # The preview frames our own page, which 'self' in frame-ancestors allows.
    assert "frame-ancestors 'self' https://owner.example" in on_page["Content-Security-Policy"]
