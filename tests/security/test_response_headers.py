"""Headers that give nothing away: Permissions-Policy, no Server name, no timing in production.

Also: form posts may end only where they should (CSP ``form-action``), and the checkout the
submit redirects to is one of them, since browsers check ``form-action`` on that redirect.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest
from django.test import Client
from pytest_django.fixtures import Settings

from tests.integration.helpers import choose_first_slot, fill_details
from tests.reliability.servers import start_site
from wix_sandbox import Sandbox

pytestmark = pytest.mark.django_db(transaction=True)
ROOT = Path(__file__).resolve().parents[2]


def _directives(policy: str) -> dict[str, list[str]]:
    return {p.split()[0]: p.split()[1:] for p in policy.split(";") if p.strip()}


def _form_action_allows(sources: list[str], url: str, page_origin: str) -> bool:
    """CSP source matching for origins, as browsers do it (scheme, host, ``*.`` wildcards)."""
    parts = urlsplit(url)
    origin = f"{parts.scheme}://{parts.netloc}" if parts.netloc else page_origin
    for source in sources:
        if source == "'self'" and origin == page_origin:
            return True
        scheme, _, host = source.partition("://")
        if host.startswith("*.") and parts.scheme == scheme and parts.netloc.endswith(host[1:]):
            return True
        if source == origin:
            return True
    return False


def test_every_answer_has_a_permissions_policy(client: Client, sandbox: Sandbox) -> None:
    answers = [
        client.get("/"),
        client.get("/services/no-such-thing/"),
        client.get("/static/css/site.css"),
        client.post("/book/submit/"),
    ]

    for answer in answers:
        policy = answer["Permissions-Policy"]
        assert {"camera=()", "geolocation=()", "payment=()"} <= set(policy.split(", "))


def test_the_review_form_may_post_only_to_us_and_the_checkout_it_leads_to(
    client: Client, sandbox: Sandbox
) -> None:
    choose_first_slot(client, "deep-tissue-massage")
    review = fill_details(client)
    sources = _directives(review["Content-Security-Policy"])["form-action"]
    submitted = client.post("/book/submit/")

    assert sources == ["'self'"]
    assert submitted.status_code == 302
    assert _form_action_allows(sources, submitted["Location"], "http://testserver")


def test_form_action_allows_wix_hosted_checkout_when_running_on_wix() -> None:
    # The settings' default when WIX_CLIENT_ID names a real Wix (see test_production for the
    # probe): Wix's hosted domains, and nothing that is not HTTPS.
    from config.origins import checkout_origins

    origins = checkout_origins("https://www.wixapis.com", sandbox=False)

    assert _form_action_allows(origins, "https://fernleigh.wixsite.com/checkout?a=1", "")
    assert _form_action_allows(origins, "https://www.wix.com/checkout?a=1", "")
    assert not _form_action_allows(origins, "http://fernleigh.wixsite.com/x", "")
    assert not _form_action_allows(origins, "https://evil.example/x", "")
    assert checkout_origins("https://www.wixapis.com", sandbox=True) == []


def test_server_timing_is_off_unless_the_setting_allows_it(
    client: Client, sandbox: Sandbox, settings: Settings
) -> None:
    settings.SERVER_TIMING = False
    hidden = client.get("/services/deep-tissue-massage/")
    settings.SERVER_TIMING = True
    shown = client.get("/services/deep-tissue-massage/")

    assert "Server-Timing" not in hidden
    assert re.search(r"wixcalls;dur=\d+", shown["Server-Timing"])


def test_gunicorn_does_not_name_itself(tmp_path: Path) -> None:
    site = start_site("http://127.0.0.1:9", tmp_path, workers=1, threads=2)
    try:
        answer = httpx.get(site.url + "/healthz", timeout=5)
    finally:
        site.stop()

    assert answer.status_code == 200
    assert "server" not in {name.lower() for name in answer.headers}


def test_the_image_does_not_trust_x_forwarded_for_by_default() -> None:
    env_lines = [
        line
        for line in (ROOT / "Dockerfile").read_text().splitlines()
        if line.startswith("ENV ") or line.startswith("    ")
    ]
    settings_in_image = " ".join(env_lines)

    assert "TRUST_X_FORWARDED_FOR=1" not in settings_in_image
    assert "TRUST_X_FORWARDED_FOR=0" in settings_in_image
