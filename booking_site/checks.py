"""System checks of our own, run by ``manage.py check`` (``--deploy`` for the production ones)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Tags, Warning, register

from wix_sandbox import Sandbox


@register(Tags.security, deploy=True)
def sandbox_in_production(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """Warn when production settings run on a Wix sandbox (built-in, or standalone).

    Its hosted checkout confirms every booking without taking a payment, so a real site on it
    gives bookings away; the settings refuse it unless asked for, and this keeps saying so.
    """
    # The standalone sandbox (WIX_API_BASE_URL pointing at it, with its public client id) is
    # the same give-away as the built-in one.
    on_sandbox = settings.WIX.get("SANDBOX") or settings.WIX.get("CLIENT_ID") == Sandbox.client_id
    if settings.DEBUG or not on_sandbox:
        return []
    return [
        Warning(
            "The site runs on the Wix sandbox: its checkout confirms bookings without payment.",
            hint="Set WIX_CLIENT_ID (and WIX_API_KEY, WIX_SITE_ID) for the real Wix.",
            id="booking_site.W001",
        )
    ]
