"""A clear 503 page, not a 500, while the shared database or Redis cannot be reached.

With ``DATABASE_URL`` and ``REDIS_URL`` every app server depends on those two services. When one
is down, whatever touches it raises a connection error, and it is answered where it surfaces:

- in a view or a template's context processor: ``OutageMiddleware.process_exception``;
- while saving the session after the view: our ``SessionMiddleware`` (used in Django's place in
  settings), because Django reports a failed session *update* as a 400, not an error;
- in any other middleware: Django's per-middleware handler turns it into a 500 before it could
  reach us, so we learn of it from the documented ``got_request_exception`` signal, which
  Django sends for every uncaught exception, and swap that 500 for the 503 page.

Nothing is cached here and nothing needs to heal: Django checks a kept database connection before
each request reuses it (``CONN_HEALTH_CHECKS``) and redis-py reconnects per command, so the site
recovers by itself on the first request after the service is back.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable

from django.conf import settings
from django.contrib.sessions.exceptions import SessionInterrupted
from django.contrib.sessions.middleware import SessionMiddleware as DjangoSessionMiddleware
from django.core.signals import got_request_exception
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils.http import url_has_allowed_host_and_scheme
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

# Errors that mean "a shared service is unreachable right now", not "our code is wrong".
OUTAGE_ERRORS: tuple[type[BaseException], ...] = (
    OperationalError,
    InterfaceError,
    RedisConnectionError,
    RedisTimeoutError,
)
RETRY_AFTER_SECONDS = 15
_REQUEST_ATTR = "_booking_site_outage"
_CHAIN_LIMIT = 8


def outage_cause(error: BaseException | None) -> BaseException | None:
    """``error``, or the error it was raised from, when it is a lost database or Redis."""
    for _ in range(_CHAIN_LIMIT):
        if error is None or isinstance(error, OUTAGE_ERRORS):
            return error
        error = error.__cause__ or error.__context__
    return None


def is_outage(error: BaseException | None) -> bool:
    """True when ``error``, or an error it was raised from, is a lost database or Redis."""
    return outage_cause(error) is not None


def _remember_outage(sender: object, request: HttpRequest | None = None, **kwargs: object) -> None:
    """Mark the request when the exception Django is handling is an outage (see module doc)."""
    error = sys.exc_info()[1]
    if request is not None and is_outage(error):
        setattr(request, _REQUEST_ATTR, error)


got_request_exception.connect(_remember_outage, dispatch_uid="booking_site.outage")


class OutageMiddleware:
    """Answer the 503 page for any request that failed because a shared service is down.

    Placed right after the health check (which reports the same outage to load balancers as
    JSON) and before everything that may use the database or the cache.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        error = getattr(request, _REQUEST_ATTR, None)
        if error is not None:
            return unavailable_response(request, error)
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        """A view's outage error: answer 503 here (inner middleware still sees the response)."""
        if is_outage(exception):
            return unavailable_response(request, exception)
        return None


class SessionMiddleware(DjangoSessionMiddleware):
    """Django's session middleware, except that a session the database could not save is an
    outage (503 page), not Django's 400 for "the session was deleted by another request".

    Django turns any database error while updating a session into ``SessionInterrupted``, a
    ``BadRequest`` that never reaches ``got_request_exception``; the original error is kept in
    its ``__context__``, which is how we tell the two apart. Creating a session raises the
    database error itself; it is answered here too rather than left to the signal.
    """

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        try:
            return super().process_response(request, response)
        except (SessionInterrupted, *OUTAGE_ERRORS) as error:  # type: ignore[misc]  # mypy#16945
            if is_outage(error):
                return unavailable_response(request, error)
            raise


def unavailable_response(request: HttpRequest, error: BaseException) -> HttpResponse:
    """The 503 page: rendered without a request context, so it needs no database or cache."""
    cause = outage_cause(error) or error
    logger.warning(
        "shared service unavailable",
        extra={
            "error": type(cause).__name__,
            "detail": _first_line(cause),
            "method": request.method,
            "path": request.path,
        },
    )
    context = {
        "retry_url": _retry_url(request),
        "retry_after": RETRY_AFTER_SECONDS,
        "stylesheet": _stylesheet(),
    }
    response = HttpResponse(render_to_string("unavailable.html", context), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    # The middleware that normally adds these headers sits inside us and may not have run.
    response["X-Content-Type-Options"] = "nosniff"
    response["Referrer-Policy"] = "same-origin"
    response["Content-Security-Policy"] = _content_security_policy()
    if request.headers.get("HX-Request") == "true":
        # htmx 2 does not swap error responses by default: replace the whole page instead.
        response["HX-Retarget"] = "body"
        response["HX-Reswap"] = "innerHTML"
    return response


def _first_line(error: BaseException) -> str:
    """Which service failed and why; psycopg and redis-py put no password in this line."""
    lines = str(error).strip().splitlines()
    return lines[0][:200] if lines else ""


def _retry_url(request: HttpRequest) -> str:
    """Where "try again" goes: this page for a GET, else the page the form was on (or home)."""
    if request.method in {"GET", "HEAD"}:
        return request.get_full_path()
    referer = request.headers.get("Referer", "")
    host = request.META.get("HTTP_HOST", "")
    if referer and host and url_has_allowed_host_and_scheme(referer, allowed_hosts={host}):
        return referer
    return "/"


def _stylesheet() -> str | None:
    try:
        return static("css/site.css")
    except ValueError:  # no collectstatic manifest yet: the page still reads fine unstyled
        return None


def _content_security_policy() -> str:
    # Inside an owner's iframe (EMBED_ALLOWED_ORIGINS) the page must still show.
    ancestors = [o.rstrip("/") for o in settings.EMBED_ALLOWED_ORIGINS if o] or ["'none'"]
    return (
        "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; "
        f"form-action 'self'; frame-ancestors {' '.join(ancestors)}"
    )
