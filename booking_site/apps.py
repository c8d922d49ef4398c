"""App configuration."""

from __future__ import annotations

from django.apps import AppConfig


class BookingSiteConfig(AppConfig):
    name = "booking_site"
    verbose_name = "Booking site"

    def ready(self) -> None:
        """Register the system checks; size this process's cap on concurrent Wix calls."""
        from django.conf import settings

        from booking_site import checks  # noqa: F401  (registers the system checks)
        from booking_site.wix.budget import DEFAULT_LIMIT, configure_gate

        configure_gate(int(settings.WIX.get("MAX_CONCURRENT_CALLS") or DEFAULT_LIMIT))
