"""Every response says how long we took, how long Wix took, and how many Wix calls it made."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from pytest_django.fixtures import Settings

from wix_sandbox import Sandbox

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def server_timing(settings: Settings) -> None:
    """The header is opt-in (on with DEBUG=1); these tests are about what it says when on."""
    settings.SERVER_TIMING = True


TIMING = re.compile(
    r'^app;dur=(?P<app>[\d.]+);desc="Our time", wix;dur=(?P<wix>[\d.]+);desc="Waiting on Wix", '
    r'wixcalls;dur=(?P<calls>\d+);desc="Wix calls"(?:, wixwait;desc="(?P<why>[a-z -]+)")?$'
)


def _timing(header: str) -> dict[str, float]:
    match = TIMING.match(header)
    assert match, header
    return {k: float(v) for k, v in match.groupdict().items() if k != "why"}


def _why(header: str) -> list[str]:
    """Why the page waited on Wix: one reason per synchronous cached read."""
    match = TIMING.match(header)
    assert match, header
    return (match["why"] or "").split()


def test_cold_page_reports_its_wix_calls_and_wait(client: Client, sandbox: Sandbox) -> None:
    sandbox.set_latency(0.05)
    before = sum(sandbox.call_counts().values())

    header = client.get("/services/deep-tissue-massage/")["Server-Timing"]
    cold = _timing(header)

    made = sum(sandbox.call_counts().values()) - before
    assert cold["calls"] == made > 0
    assert cold["wix"] >= 50 * made  # each call waited at least the 50 ms latency
    # The staff's bios are one read for the whole business (services/team.py), cached 5 minutes.
    assert _why(header) == ["services-cold", "site-cold", "slots-cold", "staff-cold"]


def test_warm_page_and_static_files_report_no_wix_calls(client: Client, sandbox: Sandbox) -> None:
    client.get("/")

    warm_header = client.get("/")["Server-Timing"]
    warm = _timing(warm_header)
    assert _why(warm_header) == []
    health = _timing(client.get("/healthz")["Server-Timing"])

    assert warm["calls"] == 0
    assert warm["wix"] == 0
    assert health["calls"] == 0
