"""Origins the Content-Security-Policy allows beyond our own, derived from the Wix settings."""

from __future__ import annotations

from urllib.parse import urlsplit

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


def image_sources(media_base_url: str) -> list[str]:
    """``img-src``: our own, inline data, and Wix's media host (or wherever it points)."""
    parts = urlsplit(media_base_url)
    sources = ["'self'", "data:"]
    if parts.scheme and parts.netloc:
        sources.append(f"{parts.scheme}://{parts.netloc}")
    return sources
