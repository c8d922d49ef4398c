"""Liveness endpoint for load balancers and the Docker HEALTHCHECK.

It is a middleware placed first so that a probe addressed to the container's own IP answers
before Django validates the Host header against ALLOWED_HOSTS or redirects to HTTPS.
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.cache import cache
from django.db import connection
from django.db.utils import DatabaseError
from django.http import HttpRequest, HttpResponse, JsonResponse

HEALTH_PATH = "/healthz"


def health_response() -> JsonResponse:
    """200 when the process can serve and reach its database and cache, 503 otherwise.

    Wix is deliberately not checked: a Wix outage must not make the load balancer pull every
    app server, since cached pages still render and the customer gets a clear retry page.
    The cache is (with ``REDIS_URL``, a shared Redis): no page renders without it.
    """
    database = _check_database()
    cache_state = _check_cache()
    healthy = database == "ok" and cache_state == "ok"
    response = JsonResponse(
        {"status": "ok" if healthy else "unavailable", "database": database, "cache": cache_state},
        status=200 if healthy else 503,
    )
    response["Cache-Control"] = "no-store"
    return response


def _check_database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return "down"
    return "ok"


def _check_cache() -> str:
    try:
        cache.get("healthz")
    except Exception:  # any backend error (refused, timeout, auth) means pages cannot render
        return "down"
    return "ok"


class HealthCheckMiddleware:
    """Answer ``GET /healthz`` directly; pass everything else on."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path == HEALTH_PATH and request.method in {"GET", "HEAD"}:
            return health_response()
        return self.get_response(request)
