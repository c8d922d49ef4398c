"""Per-request memo scopes, opened around each request (first in ``MIDDLEWARE`` but timing).

Today one: the cached keys' namespace versions (``services/cache_versions.py``), read from the
shared cache once per request instead of once per cached read.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from booking_site.services import cache_versions


class RequestScopeMiddleware:
    """Run the rest of the request inside ``cache_versions.request_scope``."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with cache_versions.request_scope():
            return self.get_response(request)
