"""Origins the Content-Security-Policy allows beyond our own, derived from the Wix settings."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

WIX_API = "https://www.wixapis.com"
WIX_HOSTING = ["https://*.wix.com", "https://*.wixsite.com", "https://*.wixstudio.com"]


def checkout_origins(api_base_url: str, *, sandbox: bool) -> list[str]:
    """Where a form post may be redirected: Wix's hosted checkout, reached from our submit.

    Browsers apply CSP ``form-action`` to the redirect too. The in-process sandbox's checkout
    is on our own origin (nothing to add); elsewhere Wix's hosting domains, and any other Wix
    (a standalone sandbox, a recording proxy) by its own origin.
    """
    if sandbox:
        return []
    parts = urlsplit(api_base_url)
    api_origin = f"{parts.scheme}://{parts.netloc}"
    return WIX_HOSTING + ([api_origin] if api_origin != WIX_API else [])


def content_security_policy(
    *,
    media_base_url: str,
    logo_url: str | None,
    checkout_origins: list[str],
    embed_origins: list[str],
) -> dict[str, dict[str, list[str]]]:
    """django-csp's ``CONTENT_SECURITY_POLICY``: our own scripts and styles, never inline;
    images also from Wix's media host and the logo's; forms also to Wix's checkout; framing
    only by the embedding origins (``booking_site.embed`` sets it per request)."""
    return {
        "DIRECTIVES": {
            "default-src": ["'self'"],
            "script-src": ["'self'"],
            "style-src": ["'self'"],
            "img-src": image_sources(media_base_url, logo_url),
            "font-src": ["'self'"],
            "connect-src": ["'self'"],
            "object-src": ["'none'"],
            "base-uri": ["'self'"],
            "form-action": ["'self'", *checkout_origins],
            "frame-ancestors": embed_origins or ["'none'"],
        }
    }


def image_sources(media_base_url: str, logo_url: str | None = None) -> list[str]:
    """``img-src``: our own, inline data, Wix's media host (or wherever it points) and the
    host of ``BRAND_LOGO_URL``."""
    sources = ["'self'", "data:"]
    for url in (media_base_url, logo_url or ""):
        origin = _origin(url)
        if origin and origin not in sources:
            sources.append(origin)
    return sources


def embed_return_url(raw: str | None, allowed_origins: list[str]) -> str | None:
    """``EMBED_RETURN_URL``: a page on one of ``EMBED_ALLOWED_ORIGINS``, or None."""
    if raw is None:
        return None
    if _origin(raw) not in {o.rstrip("/") for o in allowed_origins}:
        raise ImproperlyConfigured(
            f"EMBED_RETURN_URL must be a page on one of EMBED_ALLOWED_ORIGINS, got {raw!r}"
        )
    return raw


def _origin(url: str) -> str | None:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else None
