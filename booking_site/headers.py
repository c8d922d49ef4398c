"""Headers: Permissions-Policy (Django does not set it), and requests in charsets we cannot read.

Placed right after SecurityMiddleware so that every answer, early refusals included, has it.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse


class PermissionsPolicyMiddleware:
    """Add ``Permissions-Policy: settings.PERMISSIONS_POLICY`` unless a view set its own."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        policy = getattr(settings, "PERMISSIONS_POLICY", "")
        if policy:
            response.headers.setdefault("Permissions-Policy", policy)
        return response


# Form bodies are ASCII on the wire (percent-encoded); a charset that does not keep ASCII as it
# is (UTF-16, UTF-32, EBCDIC…) cannot be a real browser's form. Django itself refuses any
# urlencoded body not declared UTF-8, but only when CSRF or a view first reads request.POST,
# and every later look at it fails again: a 500 without our headers, a traceback per request.
_URLENCODED = "application/x-www-form-urlencoded"
_ASCII_PROBE = "csrfmiddlewaretoken=a-Z_0.9&x=%20"
# The refusal is a bare text page: it needs no script, style, frame or form.
_REFUSAL_POLICY = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"


def _readable_charset(content_type: str, charset: str) -> bool:
    if content_type == _URLENCODED:
        return charset.lower() == "utf-8"  # exactly Django's own rule for these bodies
    try:
        return _ASCII_PROBE.encode(charset) == _ASCII_PROBE.encode("ascii")
    except (LookupError, UnicodeError, ValueError):
        return False


class RequestCharsetMiddleware:
    """Answer 400 to a body in a charset we cannot read: unknown, or not ASCII-compatible.

    Form-encoded bodies must be declared UTF-8 (or declare no charset), as Django requires.

    Placed near the top of MIDDLEWARE (after the header middleware), so it runs before CSRF or
    any view reads the body; the refusal carries the usual security headers from the
    middleware above it, and its own strict Content-Security-Policy.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        charset = (request.content_params or {}).get("charset")
        if charset is not None and not _readable_charset(
            request.content_type or "", charset.strip()
        ):
            response = HttpResponse(
                "This request's character set is not supported; send UTF-8.\n",
                status=400,
                content_type="text/plain; charset=utf-8",
            )
            response["Content-Security-Policy"] = _REFUSAL_POLICY
            response["X-Frame-Options"] = "DENY"
            return response
        return self.get_response(request)
