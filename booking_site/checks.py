"""System checks of our own, run by ``manage.py check`` (``--deploy`` for the production ones)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Tags, Warning, register


@register(Tags.security, deploy=True)
def sandbox_in_production(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """Warn when production settings run on the built-in Wix sandbox (``WIX_SANDBOX=1``).

    Its hosted checkout confirms every booking without taking a payment, so a real site on it
    gives bookings away; the settings refuse it unless asked for, and this keeps saying so.
    """
    if settings.DEBUG or not settings.WIX.get("SANDBOX"):
        return []
    return [
        Warning(
            "The site runs on the built-in Wix sandbox: its checkout confirms bookings "
            "without payment.",
            hint="Set WIX_CLIENT_ID (and WIX_API_KEY, WIX_SITE_ID) for the real Wix.",
            id="booking_site.W001",
        )
    ]
