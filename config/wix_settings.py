"""The ``WIX`` setting: how the site reaches Wix (or the built-in sandbox), from the environment.

Kept apart from ``config/settings.py`` because it is the one block with its own rules: which
combinations may start at all, and what the sandbox changes. ``booking_site.wix.get_client``
reads the result through ``settings.WIX``.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_float, env_int, env_str


def wix_settings(*, debug: bool) -> dict[str, Any]:
    """The ``WIX`` dict; raises ImproperlyConfigured for a combination that must not start."""
    client_id = env_str("WIX_CLIENT_ID")
    wix: dict[str, Any] = {
        "CLIENT_ID": client_id,
        "API_KEY": env_str("WIX_API_KEY"),
        "SITE_ID": env_str("WIX_SITE_ID"),
        "BASE_URL": env_str("WIX_API_BASE_URL", "https://www.wixapis.com"),
        # Without a client id there is no Wix to talk to: run on the built-in sandbox.
        "SANDBOX": env_bool("WIX_SANDBOX", client_id is None),
        # The sandbox acts with its API key unless this is off (to try the keyless site).
        "SANDBOX_API_KEY": env_bool("WIX_SANDBOX_API_KEY", True),
        # Cart V2 is Wix's current recommendation; Checkout V1 is deprecated on 2027-02-01.
        "ECOM_API": env_str("WIX_ECOM_API", "cart"),
        "MEDIA_BASE_URL": env_str("WIX_MEDIA_BASE_URL", "https://static.wixstatic.com/media/"),
        # Read timeout of one Wix call; a customer is waiting, so a few seconds at most.
        "TIMEOUT_SECONDS": env_float("WIX_TIMEOUT_SECONDS", 6.0),
        # A cached read (catalogue, availability) gives up on Wix after this, retries included,
        # and serves its stale copy or the "temporarily unavailable" page.
        "READ_DEADLINE_SECONDS": env_float("WIX_READ_DEADLINE_SECONDS", 5.0),
        # Threads of one process that may wait on Wix at once; keep it below GUNICORN_THREADS
        # so cached pages and /healthz always find a free thread while Wix hangs.
        "MAX_CONCURRENT_CALLS": env_int("WIX_MAX_CONCURRENT_CALLS", 4),
        # Wix's rate budget per site, for background reads (docs/architecture.md §11); warming.
        "CALLS_PER_MINUTE": env_int("WIX_CALLS_PER_MINUTE", 200),
        "PREFETCH": env_bool("WIX_PREFETCH", True),
        "WARM_ON_START": env_bool("WIX_WARM_ON_START", False),
    }
    if wix["SANDBOX"] and not debug and not env_bool("WIX_SANDBOX", False):
        # The sandbox's hosted checkout confirms bookings without payment: never by accident.
        raise ImproperlyConfigured(
            "DEBUG=0 needs WIX_CLIENT_ID (a real Wix); to run production settings on the "
            "built-in sandbox anyway, set WIX_SANDBOX=1 explicitly"
        )
    if wix["SANDBOX"]:
        # The in-process sandbox serves its images and hosted checkout under this reserved path.
        wix["MEDIA_BASE_URL"] = "/_wix-sandbox/media/"
    if wix["MAX_CONCURRENT_CALLS"] < 1 or wix["READ_DEADLINE_SECONDS"] <= 0:
        raise ImproperlyConfigured(
            "WIX_MAX_CONCURRENT_CALLS must be at least 1 and WIX_READ_DEADLINE_SECONDS above 0"
        )
    if wix["ECOM_API"] not in {"cart", "checkout"}:
        raise ImproperlyConfigured("WIX_ECOM_API must be 'cart' or 'checkout'")
    return wix
