"""Branded 404, 403 (and refused forms) and 500 pages in production, each with a way back to the
services (issue 16 point 14)."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client, RequestFactory, override_settings
from django.views import defaults

from wix_sandbox import Sandbox

from .helpers import page_text, soup

pytestmark = [pytest.mark.django_db]


def _back_to_services(page) -> str:
    link = soup(page).find("a", string="See all services")
    assert link is not None, page.content.decode()[:1500]
    return str(link["href"])


@override_settings(DEBUG=False)
def test_an_unknown_address_is_a_branded_404(sandbox: Sandbox) -> None:
    page = Client().get("/no-such-page/")
    assert page.status_code == 404
    assert soup(page).h1.get_text() == "We can't find that page"
    assert "Fernleigh Wellbeing Studio" in soup(page).select_one(".site-header").get_text()
    assert _back_to_services(page) == "/"
    assert "Not Found" not in page_text(page)


@override_settings(DEBUG=False)
def test_a_refused_form_says_what_to_do_and_nothing_was_booked(sandbox: Sandbox) -> None:
    page = Client(enforce_csrf_checks=True).post("/book/submit/")
    assert page.status_code == 403
    assert soup(page).h1.get_text() == "Please try that again"
    assert "Nothing was booked or changed." in page_text(page)
    assert "CSRF verification failed" not in page.content.decode()
    assert soup(page).select_one("[data-refusal=csrf]") is not None
    assert _back_to_services(page) == "/"


def test_a_forbidden_page_is_branded(sandbox: Sandbox) -> None:
    request = RequestFactory().get("/owner/secret/")
    page = defaults.permission_denied(request, PermissionDenied())
    assert page.status_code == 403
    assert soup(page).h1.get_text() == "You can't open this page"
    assert _back_to_services(page) == "/"


def test_the_500_page_renders_without_any_context_processor(settings) -> None:
    # The context processors read Wix's catalogue and the cache; a 500 may be their failure.
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "OPTIONS": {**settings.TEMPLATES[0]["OPTIONS"]}}
    ]
    settings.TEMPLATES[0]["OPTIONS"]["context_processors"] = ["booking_site.no_such_module.boom"]
    page = defaults.server_error(RequestFactory().get("/"))
    assert page.status_code == 500
    assert soup(page).h1.get_text() == "Something went wrong on our side"
    assert "nothing was charged twice" in page_text(page)
    assert _back_to_services(page) == "/"
