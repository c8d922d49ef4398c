"""The business's look (issue 16, point 17): logo and name from Wix, colour and logo from
settings, staff photos and bios from Wix; the colour served as ``/brand.css`` under the CSP."""

from __future__ import annotations

import pytest
from django.test import Client, override_settings

from booking_site.presentation.brand import palette, stylesheet_version
from tests.integration.helpers import soup
from wix_sandbox import Sandbox

MASSAGE = "/services/deep-tissue-massage/"


def test_header_shows_the_logo_and_name_site_properties_give(
    client: Client, sandbox: Sandbox
) -> None:
    page = soup(client.get("/"))

    brand = page.select_one(".site-header a.brand")
    assert brand is not None
    assert brand.get_text(strip=True) == "Fernleigh Wellbeing Studio"
    logo = brand.select_one("img.brand-logo")
    assert logo is not None
    # Site Properties' logo is a Wix Media path, resolved against the media base URL.
    assert logo["src"] == "/_wix-sandbox/media/fernleigh-logo.svg"
    assert logo["alt"] == ""  # the name beside it says it already


def test_brand_logo_url_overrides_wix_logo(client: Client, sandbox: Sandbox) -> None:
    with override_settings(BRAND_LOGO_URL="/static/img/favicon.svg"):
        logo = soup(client.get("/")).select_one("img.brand-logo")

    assert logo is not None
    assert logo["src"] == "/static/img/favicon.svg"


def test_no_brand_colour_links_no_extra_stylesheet(client: Client, sandbox: Sandbox) -> None:
    links = [link["href"] for link in soup(client.get("/")).select("link[rel=stylesheet]")]

    assert not any("brand.css" in href for href in links)
    assert client.get("/brand.css").status_code == 404


@override_settings(BRAND_COLOR="#ffff00")
def test_brand_colour_is_a_versioned_stylesheet_after_site_css(
    client: Client, sandbox: Sandbox
) -> None:
    links = [link["href"] for link in soup(client.get("/")).select("link[rel=stylesheet]")]
    version = stylesheet_version("#ffff00")

    assert links[-1] == f"/brand.css?v={version}"
    assert "site" in links[0]  # our palette overrides site.css's defaults, so it comes after

    css = client.get(links[-1])
    assert css["Content-Type"] == "text/css; charset=utf-8"
    assert css["Cache-Control"] == "public, max-age=31536000, immutable"
    text = css.content.decode()
    for name, value in palette("#ffff00").items():
        assert f"{name}: {value};" in text
    # An old version's URL is not cached for a year: it may be asked for after a change.
    assert client.get("/brand.css?v=old")["Cache-Control"] == "public, max-age=300"


@override_settings(BRAND_COLOR="#000033")
def test_the_csp_still_allows_only_our_own_stylesheets(client: Client, sandbox: Sandbox) -> None:
    policy = client.get("/")["Content-Security-Policy"]

    assert "style-src 'self';" in policy + ";"
    assert "nonce" not in policy.split("style-src")[1].split(";")[0]


def test_service_page_shows_staff_photos_and_bios(client: Client, sandbox: Sandbox) -> None:
    page = soup(client.get(MASSAGE))

    people = {
        m.select_one(".team-name").get_text(strip=True): m for m in page.select(".team-member")
    }
    assert list(people) == ["Maya Okafor", "Tom Reilly", "Priya Shah"]
    maya = people["Maya Okafor"]
    assert maya.select_one("img")["src"] == "/_wix-sandbox/media/fernleigh-staff-maya.svg"
    assert maya.select_one(".team-bio").get_text(strip=True) == (
        "Senior massage therapist with twelve years in sports and deep tissue work."
    )


@pytest.mark.parametrize("fault", ["503", "garble_after"])
def test_without_the_staff_api_names_and_photos_stay(
    client: Client, sandbox: Sandbox, fault: str
) -> None:
    sandbox.inject_faults(kind=fault, rate=1.0, endpoints=["staff.query"])  # type: ignore[arg-type]

    response = client.get(MASSAGE)

    assert response.status_code == 200
    page = soup(response)
    names = [n.get_text(strip=True) for n in page.select(".team-name")]
    assert names == ["Maya Okafor", "Tom Reilly", "Priya Shah"]
    assert page.select(".team-member img")  # the service's own photos
    assert page.select(".team-bio") == []
