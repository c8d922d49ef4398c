"""The 503 page in-process: the cache points at a Redis port where nothing listens (a real refusal).

The full outage-and-recovery story with real servers is in test_scaleout.py; these pin the
page itself in the fast suite.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.test import Client

from tests.scaleout.servers import free_port


@pytest.fixture
def redis_down(settings: Any) -> None:
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",
            "OPTIONS": {"socket_connect_timeout": 0.5},
        }
    }


@pytest.mark.django_db
@pytest.mark.usefixtures("redis_down")
def test_page_needing_the_lost_cache_answers_the_503_page(client: Client) -> None:
    response = client.get("/?type=class")

    page = BeautifulSoup(response.content, "html.parser")
    assert response.status_code == 503
    assert response["Retry-After"] == "15"
    assert response["Cache-Control"] == "no-store"
    assert response["Content-Security-Policy"].startswith("default-src 'none'; style-src 'self'")
    assert page.select_one("h1").get_text(strip=True) == "Temporarily unavailable"
    assert page.select_one("a.button")["href"] == "/?type=class"
    assert page.find("script") is None
    assert "HX-Retarget" not in response


@pytest.mark.django_db
@pytest.mark.usefixtures("redis_down")
def test_htmx_request_during_an_outage_replaces_the_whole_page(client: Client) -> None:
    response = client.get("/", HTTP_HX_REQUEST="true")

    assert response.status_code == 503
    assert (response["HX-Retarget"], response["HX-Reswap"]) == ("body", "innerHTML")


class ReadsCacheFirst:
    """A middleware that uses the cache before the view, as a future one might."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        cache.get("any-key")
        return self.get_response(request)


@pytest.mark.django_db
@pytest.mark.usefixtures("redis_down")
def test_outage_inside_another_middleware_also_answers_the_503_page(settings: Any) -> None:
    at = settings.MIDDLEWARE.index("booking_site.outage.OutageMiddleware") + 1
    settings.MIDDLEWARE = [
        *settings.MIDDLEWARE[:at],
        f"{__name__}.ReadsCacheFirst",
        *settings.MIDDLEWARE[at:],
    ]

    # The test client would re-raise the error it saw through the same signal we listen to.
    client = Client(raise_request_exception=False)
    response = client.get("/services/")

    assert response.status_code == 503
    assert b"Temporarily unavailable" in response.content


@pytest.mark.django_db
@pytest.mark.usefixtures("redis_down")
def test_healthz_reports_the_lost_cache(client: Client) -> None:
    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "ok", "cache": "down"}
