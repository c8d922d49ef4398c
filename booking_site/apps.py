"""App configuration."""

from __future__ import annotations

from django.apps import AppConfig


class BookingSiteConfig(AppConfig):
    name = "booking_site"
    verbose_name = "Booking site"
