"""App configuration."""

from __future__ import annotations

from django.apps import AppConfig


class BookingSiteConfig(AppConfig):
    name = "booking_site"
    verbose_name = "Booking site"

    def ready(self) -> None:
        from booking_site import checks  # noqa: F401  (registers the system checks)
