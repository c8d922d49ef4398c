"""The walking skeleton: health check, security headers, the page shell and settings safety."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.test import Client

from booking_site.logging import OneLineFormatter

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.django_db
def test_healthz_reports_database_ok_even_for_unlisted_host(client: Client) -> None:
    response = client.get("/healthz", HTTP_HOST="10.1.2.3:8000")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert response["Cache-Control"] == "no-store"


@pytest.mark.django_db
def test_page_shell_serves_htmx_locally_without_inline_code(client: Client) -> None:
    response = client.get("/")
    soup = BeautifulSoup(response.content, "html.parser")

    scripts = soup.find_all("script")
    assert scripts, "the page loads htmx"
    assert all(s.get("src", "").startswith("/static/") for s in scripts)
    assert any("htmx" in s["src"] for s in scripts)
    assert soup.find("style") is None
    assert soup.select("[style]") == []
    assert soup.find(attrs={"onclick": True}) is None
    hx_headers = soup.body["hx-headers"]
    assert '"X-CSRFToken"' in hx_headers
    assert soup.html["lang"] == "en-gb"
    assert soup.select_one("#messages[role=status]") is not None


@pytest.mark.django_db
def test_security_headers_forbid_inline_code_and_framing(client: Client) -> None:
    response = client.get("/")

    csp = response["Content-Security-Policy"]
    directives = {part.split()[0]: part.split()[1:] for part in csp.split(";") if part.strip()}
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert "unsafe-inline" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_log_formatter_writes_one_line_with_extra_fields() -> None:
    record = logging.makeLogRecord(
        {
            "name": "booking_site.wix",
            "levelname": "INFO",
            "msg": "wix call\nsecond line",
            "path": "/bookings/v2/bookings",
            "status": 428,
        }
    )

    line = OneLineFormatter().format(record)

    assert "\n" not in line
    assert 'msg="wix call\\nsecond line"' in line
    assert "path=/bookings/v2/bookings" in line
    assert "status=428" in line


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS"} and not k.startswith("WIX_")
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_production_settings_refuse_to_start_without_secret_key() -> None:
    result = _manage("check", DEBUG="0", ALLOWED_HOSTS="book.example.com")

    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG=0" in result.stderr


_PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "x" * 60 + "-not-a-real-key-but-long-and-random-enough-ZQ8",
    "ALLOWED_HOSTS": "book.example.com",
}


def test_production_settings_pass_deploy_check() -> None:
    # Production means a real Wix: a headless client id (the built-in sandbox is refused below).
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        WIX_CLIENT_ID="a-real-headless-client",
        **_PRODUCTION,
    )

    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_production_settings_refuse_the_sandbox_unless_asked_for() -> None:
    # Without a client id the site would run on the built-in sandbox, whose hosted checkout
    # confirms bookings without any payment.
    result = _manage("check", **_PRODUCTION)

    assert result.returncode != 0
    assert "WIX_CLIENT_ID" in result.stderr
    assert "WIX_SANDBOX=1" in result.stderr


def test_deploy_check_warns_on_the_sandbox_in_production() -> None:
    plain = _manage("check", WIX_SANDBOX="1", **_PRODUCTION)
    deploy = _manage("check", "--deploy", "--fail-level", "WARNING", WIX_SANDBOX="1", **_PRODUCTION)

    standalone = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        WIX_CLIENT_ID="sandbox-headless-client",
        WIX_API_BASE_URL="http://127.0.0.1:9",
        **_PRODUCTION,
    )

    assert plain.returncode == 0, plain.stderr
    assert deploy.returncode != 0
    assert "booking_site.W001" in deploy.stderr
    assert "sandbox" in deploy.stderr
    assert standalone.returncode != 0
    assert "booking_site.W001" in standalone.stderr
