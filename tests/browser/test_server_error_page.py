"""Issue 16 point 14, the 500 page as a customer meets it in production (``DEBUG`` off, as in
every test): branded, saying nothing was charged twice, with a way back to the services.

The live server serves this module as its URL conf for the test: the site's own URLs plus one
address whose view fails, as an unexpected bug would.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver, path
from playwright.sync_api import expect

from config.urls import urlpatterns as site_urls
from tests.browser.journeys import click
from tests.browser.support import Tab, audit, snap

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

OpenTab = Callable[..., Tab]


def _fails(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("a bug the site did not expect")


urlpatterns: list[URLPattern | URLResolver] = [*site_urls, path("fails/", _fails)]


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_an_unexpected_failure_shows_the_branded_500_page(
    open_tab: OpenTab, settings: object, size: str
) -> None:
    settings.ROOT_URLCONF = __name__  # type: ignore[attr-defined]
    settings.DEBUG = False  # type: ignore[attr-defined]
    tab = open_tab(size)
    page = tab.page
    with page.expect_response(re.compile("/fails/")) as answer:
        tab.goto("/fails/")
    assert answer.value.status == 500
    tab.problems.clear()  # the browser logs the 500 itself

    expect(page.get_by_role("heading", level=1)).to_have_text("Something went wrong on our side")
    expect(page.get_by_role("alert")).to_contain_text("nothing was charged twice")
    expect(page.locator("body")).not_to_contain_text("RuntimeError")  # no trace shown
    # Styled like the rest of the site (its stylesheet loaded), not the browser's defaults.
    font = page.locator("body").evaluate("el => getComputedStyle(el).fontFamily")
    assert "Times" not in font, font
    audit(page, f"500 ({size})")
    snap(page, f"error-500-{size}")

    click(tab, page.get_by_role("link", name="See all services"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Book a service")
