"""Hand-written Wix REST client; no Django imports except inside ``get_client()``."""

from __future__ import annotations

import functools
from typing import Any

from booking_site.wix.budget import DEFAULT_LIMIT, configure_gate
from booking_site.wix.client import DEFAULT_TIMEOUT, VisitorScope, WixClient
from booking_site.wix.constants import BOOKINGS_APP_ID, STAFF_RESOURCE_TYPE_ID
from booking_site.wix.errors import (
    FieldViolation,
    WixAPIError,
    WixBadRequest,
    WixBusy,
    WixConfigurationError,
    WixConflict,
    WixConnectionError,
    WixError,
    WixForbidden,
    WixMemberSignInExpired,
    WixNotFound,
    WixPreconditionFailed,
    WixRateLimited,
    WixResponseError,
    WixServerError,
    WixTimeout,
    WixUnauthorized,
)
from booking_site.wix.models import *  # noqa: F403 -- the models are part of this package's API
from booking_site.wix.models import __all__ as _model_names
from booking_site.wix.tokens import VisitorTokens


@functools.cache
def get_client() -> WixClient:
    """The process-wide client built from ``settings.WIX``; raises ImproperlyConfigured."""
    import httpx
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured

    config: dict[str, Any] = settings.WIX
    configure_gate(int(config.get("MAX_CONCURRENT_CALLS") or DEFAULT_LIMIT))
    # WIX_TIMEOUT_SECONDS bounds reads and writes; connecting never takes longer than the default.
    seconds = float(config.get("TIMEOUT_SECONDS") or DEFAULT_TIMEOUT.read or 6.0)
    common: dict[str, Any] = {
        "base_url": config.get("BASE_URL") or "https://www.wixapis.com",
        "ecom_api": config.get("ECOM_API") or "cart",
        "media_base_url": config.get("MEDIA_BASE_URL") or "https://static.wixstatic.com/media/",
        "timeout": httpx.Timeout(
            connect=min(seconds, DEFAULT_TIMEOUT.connect or seconds),
            read=seconds,
            write=seconds,
            pool=DEFAULT_TIMEOUT.pool,
        ),
    }
    if config.get("SANDBOX"):
        import wix_sandbox

        sandbox = wix_sandbox.get_default_sandbox()
        return WixClient(
            client_id=sandbox.client_id,
            # WIX_SANDBOX_API_KEY=0 runs the sandbox as a site without an API key.
            api_key=sandbox.api_key if config.get("SANDBOX_API_KEY", True) else None,
            site_id=sandbox.site_id if config.get("SANDBOX_API_KEY", True) else None,
            transport=httpx.WSGITransport(app=sandbox.app),
            **common,
        )
    if not config.get("CLIENT_ID"):
        raise ImproperlyConfigured("WIX_CLIENT_ID is required unless WIX_SANDBOX is on")
    if config.get("API_KEY") and not config.get("SITE_ID"):
        raise ImproperlyConfigured("WIX_API_KEY needs WIX_SITE_ID")
    try:
        return WixClient(
            client_id=config["CLIENT_ID"],
            api_key=config.get("API_KEY") or None,
            site_id=config.get("SITE_ID") or None,
            **common,
        )
    except WixConfigurationError as exc:
        raise ImproperlyConfigured(str(exc)) from exc


def reset_client() -> None:
    """Close and forget the cached client (tests, settings changes)."""
    if get_client.cache_info().currsize:
        get_client().close()
    get_client.cache_clear()


__all__ = [
    "BOOKINGS_APP_ID",
    "DEFAULT_TIMEOUT",
    "STAFF_RESOURCE_TYPE_ID",
    "FieldViolation",
    "VisitorScope",
    "VisitorTokens",
    "WixAPIError",
    "WixBadRequest",
    "WixBusy",
    "WixClient",
    "WixConfigurationError",
    "WixMemberSignInExpired",
    "WixConflict",
    "WixConnectionError",
    "WixError",
    "WixForbidden",
    "WixNotFound",
    "WixPreconditionFailed",
    "WixRateLimited",
    "WixResponseError",
    "WixServerError",
    "WixTimeout",
    "WixUnauthorized",
    "get_client",
    "reset_client",
    *_model_names,
]
