"""``manage.py wix_warm``: fill the cache with the catalogue and every service's first window."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from booking_site.errors import BookingError
from booking_site.services.warm import warm


class Command(BaseCommand):
    help = (
        "Read Site Properties, the services and each listed service's first month of times "
        "into the shared cache, so a new instance's first customers do not wait on Wix. "
        "Exits 1 when the catalogue cannot be read."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            report = warm()
        except BookingError as error:
            raise CommandError(
                f"the catalogue could not be read from Wix ({error.code})"
            ) from error
        self.stdout.write(f"Warmed {report.windows} of {report.services} services' first windows.")
        for slug in report.failed:
            self.stdout.write(f"Not warmed (Wix did not answer): {slug}")
