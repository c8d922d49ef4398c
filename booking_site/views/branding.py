"""``/brand.css``: the business's colour as CSS custom properties (``BRAND_COLOR``).

A stylesheet of our own origin rather than an inline ``<style>``, so the CSP keeps
``style-src 'self'`` without nonces; its URL carries a digest of its content, so it can be
cached for a year and still change the moment the colour does.
"""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from booking_site.presentation.brand import stylesheet, stylesheet_version


@require_GET
def brand_stylesheet(request: HttpRequest) -> HttpResponse:
    """The palette derived from ``BRAND_COLOR`` (404 when none is set)."""
    color = getattr(settings, "BRAND_COLOR", None)
    if not color:
        raise Http404("no brand colour")
    response = HttpResponse(stylesheet(color), content_type="text/css; charset=utf-8")
    current = request.GET.get("v") == stylesheet_version(color)
    response["Cache-Control"] = (
        "public, max-age=31536000, immutable" if current else "public, max-age=300"
    )
    return response
