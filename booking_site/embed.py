"""Embedding the site in an iframe on the owner's own pages (``EMBED_ALLOWED_ORIGINS``).

Framing: only the listed origins (and the site itself, for the owner's live preview) may frame
a page, through CSP ``frame-ancestors``. ``X-Frame-Options`` cannot name origins, so it is
dropped while embedding is on and stays ``DENY`` otherwise.

Cookies: inside a cross-site iframe a ``SameSite=Lax`` cookie is never sent, so the session and
CSRF cookies become ``SameSite=None; Secure; Partitioned`` while embedding is on. Partitioned
(CHIPS) cookies keep working where browsers block third-party cookies, but they live in a jar
keyed by the embedding site: the top window (Wix's checkout and the return to our status page)
does not see them. ``booking_site.handoff`` carries the draft across that boundary, and a
browser that refuses even partitioned cookies gets ``csrf_failure``'s "open in a new tab" page.

Settings are read per request, so tests (and a settings change) need no restart.
"""

from __future__ import annotations

from collections.abc import Callable
from http.cookies import Morsel
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponse

Handler = Callable[[HttpRequest], HttpResponse]
_LOOPBACK = frozenset({"localhost", "127.0.0.1", "[::1]"})


def embed_origins() -> list[str]:
    """The origins allowed to frame the site; empty when embedding is off."""
    return [o.rstrip("/") for o in getattr(settings, "EMBED_ALLOWED_ORIGINS", None) or [] if o]


def return_url(page: str | None) -> str | None:
    """Where "Back to the page you booked from" leads after a booking begun in an iframe.

    ``EMBED_RETURN_URL`` when the owner set one; else ``page`` (the embedding page, as the
    owner's ``embed.js`` reports it) if it is on one of ``EMBED_ALLOWED_ORIGINS``; else None.
    Anything else is dropped: the link must never lead a customer to a stranger's site.
    """
    configured = getattr(settings, "EMBED_RETURN_URL", None)
    if configured:
        return str(configured)
    if not page or len(page) > 2000:
        return None
    parts = urlsplit(page)
    if parts.scheme not in {"http", "https"} or f"{parts.scheme}://{parts.netloc}" not in set(
        embed_origins()
    ):
        return None
    return page


def is_framed(request: HttpRequest) -> bool:
    """Whether this navigation happens inside an iframe (Fetch Metadata, all current browsers).

    Only trusted to choose between two safe answers (redirect here, or hand off to the top
    window); a spoofed header can only make the customer's own flow take the other path.
    """
    return bool(embed_origins()) and request.headers.get("Sec-Fetch-Dest") == "iframe"


class EmbedFramingMiddleware:
    """Set ``frame-ancestors`` from the current settings; drop ``X-Frame-Options`` if embedding.

    Sits after ``CSPMiddleware`` and ``XFrameOptionsMiddleware`` in ``MIDDLEWARE``, so it sees
    the response first and leaves its marks for them to honour.
    """

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        origins = embed_origins()
        ancestors = ["'self'", *origins] if origins else ["'none'"]
        replace = dict(getattr(response, "_csp_replace", None) or {})
        replace.setdefault("frame-ancestors", ancestors)
        response._csp_replace = replace  # type: ignore[attr-defined]  # django-csp's hook
        if origins:
            response.xframe_options_exempt = True
        return response


class PartitionedMorsel(Morsel[str]):
    """A cookie with the ``Partitioned`` attribute (CHIPS), which ``http.cookies`` lacks."""

    def OutputString(self, attrs: list[str] | None = None) -> str:
        return super().OutputString(attrs) + "; Partitioned"


def _partitioned(morsel: Morsel[str]) -> PartitionedMorsel:
    copy = PartitionedMorsel()
    copy.set(morsel.key, morsel.value, morsel.coded_value)
    copy.update(morsel)
    copy["samesite"] = "None"
    copy["secure"] = True
    return copy


class EmbedCookiesMiddleware:
    """Make the session, CSRF and messages cookies usable in a cross-site iframe.

    Sits before ``SessionMiddleware`` in ``MIDDLEWARE``, so it sees the cookies they set. Only
    over HTTPS, or plain HTTP on loopback (which browsers treat as secure for ``Secure``
    cookies): anywhere else a ``Secure`` cookie would be dropped and the session lost.
    """

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not embed_origins() or not _secure_enough(request):
            return response
        names = {
            settings.SESSION_COOKIE_NAME,
            settings.CSRF_COOKIE_NAME,
            getattr(settings, "MESSAGE_COOKIE_NAME", "messages"),
        }
        for name in names & set(response.cookies):
            response.cookies[name] = _partitioned(response.cookies[name])
        return response


def _secure_enough(request: HttpRequest) -> bool:
    if request.is_secure():
        return True
    host = request.get_host()
    name = host[: host.index("]") + 1] if host.startswith("[") else host.split(":")[0]
    return name in _LOOPBACK
