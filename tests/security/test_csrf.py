"""CSRF on every POST: each route of the site refuses a POST without a valid token, HTMX too."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from booking_site import urls as site_urls
from wix_sandbox import Sandbox

SAMPLE_ARGS = {
    "slug": "deep-tissue-massage",
    "ref": "0123456789abcdef",
    "rest": "checkout/x",
    "token": "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
}
pytestmark = pytest.mark.django_db(transaction=True)


def _walk(patterns: list[Any]) -> Iterator[URLPattern]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from _walk(entry.url_patterns)
        else:
            yield entry


def _site_paths() -> list[str]:
    paths = []
    for pattern in site_urls.urlpatterns:
        kwargs = {name: SAMPLE_ARGS[name] for name in pattern.pattern.converters}
        paths.append(reverse(f"booking:{pattern.name}", kwargs=kwargs))
    return [*paths, "/admin/login/"]


def _with_cookie() -> Client:
    """A browser that has visited the site, so it holds a CSRF cookie (but sends no token)."""
    client = Client(enforce_csrf_checks=True)
    assert client.get("/").status_code == 200
    assert client.cookies["csrftoken"].value
    return client


def _refused_by_csrf(response: Any) -> bool:
    # The site's own refused-form page (templates/403.html) marks a CSRF refusal.
    return response.status_code == 403 and b'data-refusal="csrf"' in response.content


def test_no_view_is_exempt_except_the_sandbox_mount() -> None:
    exempt = {
        str(p.pattern)
        for p in _walk(get_resolver().url_patterns)
        if getattr(p.callback, "csrf_exempt", False)
    }

    # The in-process sandbox's hosted checkout stands in for Wix's own domain; it exists only
    # when no real Wix is configured (tests/security/test_production.py).
    assert exempt <= {"_wix-sandbox/<path:rest>"}


@pytest.mark.parametrize("path", _site_paths())
def test_every_post_route_refuses_a_post_without_token(path: str, sandbox: Sandbox) -> None:
    client = _with_cookie()
    token = client.cookies["csrftoken"].value
    htmx = {"HTTP_HX_REQUEST": "true", "HTTP_HX_CURRENT_URL": "http://testserver/"}

    plain = client.post(path, {"slot": "x", "first_name": "Ann"})
    forged = client.post(path, {}, HTTP_X_CSRFTOKEN="forged" + token[6:], **htmx)
    allowed = client.post(path, {}, HTTP_X_CSRFTOKEN=token, **htmx)

    assert _refused_by_csrf(plain)
    assert _refused_by_csrf(forged)
    # The same HTMX request with the page's token gets past CSRF (whatever the view says).
    assert not _refused_by_csrf(allowed)


def test_a_cross_site_form_post_is_refused_even_with_a_token(sandbox: Sandbox) -> None:
    client = _with_cookie()
    token = client.cookies["csrftoken"].value

    response = client.post(
        "/book/submit/",
        {"csrfmiddlewaretoken": token},
        HTTP_ORIGIN="https://evil.example",
    )

    assert _refused_by_csrf(response)
