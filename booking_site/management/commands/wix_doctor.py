"""``manage.py wix_doctor``: a pre-flight check of the configured Wix site; non-zero on trouble."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from booking_site.services.doctor import run_checks
from booking_site.services.doctor_report import Finding

_LABELS = {"ok": " OK ", "manual": "TODO", "warn": "WARN", "fail": "FAIL"}


class Command(BaseCommand):
    help = (
        "Check the configured Wix site as a careful owner would: identities, time zone and "
        "currency, services and their payment setup, free times, payments and the callback "
        "domain (one test booking, cancelled at once; needs the API key). Exits 1 on a "
        "failure (and on a warning with --strict)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--site-url",
            default=None,
            help="Public origin Wix returns customers to (default: SITE_URL, else "
            "http://localhost:8000).",
        )
        parser.add_argument(
            "--no-checkout",
            action="store_true",
            help="Skip the test booking (payments and callback domain stay unchecked).",
        )
        parser.add_argument("--strict", action="store_true", help="Fail on warnings too.")

    def handle(self, *args: Any, **options: Any) -> None:
        site_url = (options["site_url"] or settings.SITE_URL or "http://localhost:8000").rstrip("/")
        target = "the built-in sandbox" if settings.WIX.get("SANDBOX") else settings.WIX["BASE_URL"]
        self.stdout.write(f"Checking the Wix site behind {target} for {site_url}\n")
        findings = run_checks(site_url=site_url, try_checkout=not options["no_checkout"])
        for finding in findings:
            self.stdout.write(self._line(finding))
        counts = {s: sum(f.status == s for f in findings) for s in _LABELS}
        summary = (
            f"{counts['ok']} ok, {counts['manual']} to check by hand, "
            f"{counts['warn']} warnings, {counts['fail']} failed"
        )
        self.stdout.write("\n" + summary)
        if counts["fail"] or (options["strict"] and counts["warn"]):
            raise CommandError("Wix setup has problems: see FAIL lines above.", returncode=1)
        self.stdout.write(self.style.SUCCESS("The Wix setup looks ready for customers."))

    def _line(self, finding: Finding) -> str:
        label = f"[{_LABELS[finding.status]}]"
        style = {
            "ok": self.style.SUCCESS,
            "manual": self.style.NOTICE,
            "warn": self.style.WARNING,
            "fail": self.style.ERROR,
        }
        return f"{style[finding.status](label)} {finding.check}: {finding.message}"
