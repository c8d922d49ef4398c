"""Production settings (``DEBUG=0``): TLS, HSTS, cookie flags, and no sandbox behind real Wix.

Settings are read at start-up, so each configuration runs in its own process
(``tests/security/probe.py``); ``check --deploy`` is proven in ``tests/test_skeleton.py``.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.reliability.servers import clean_env

ROOT = Path(__file__).resolve().parents[2]
HOST = "book.example.com"
# A deep link with a tag: the visit starts a draft, so the session cookie is set.
SERVICE = "/services/deep-tissue-massage/?utm_source=probe"
SANDBOX_PATHS = (
    "/_wix-sandbox/checkout/3b0c4a9e",
    "/_wix-sandbox/media/fernleigh-deep-tissue-massage.svg",
    "/_wix-sandbox/_sandbox/state",
    "/_sandbox/state",
)


def _probe(tmp_path: Path, *paths: str, **env: str) -> dict[str, Any]:
    result = subprocess.run(
        [sys.executable, "-m", "tests.security.probe", *paths],
        cwd=ROOT,
        env=clean_env(
            DEBUG="0",
            SECRET_KEY="probe-" + "k" * 60,
            ALLOWED_HOSTS=HOST,
            SQLITE_PATH=str(tmp_path / "probe.sqlite3"),
            LOG_LEVEL="ERROR",
            **env,
        ),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def production(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The site with DEBUG=0 on the built-in sandbox: plain HTTP, then HTTPS pages.

    The sandbox under production settings must be asked for (the settings refuse it else).
    """
    return _probe(tmp_path_factory.mktemp("prod"), "http:/", SERVICE, WIX_SANDBOX="1")


def test_plain_http_is_redirected_to_https(production: dict[str, Any]) -> None:
    answer = production["http:/"]

    assert answer["status"] == 301
    assert answer["headers"]["Location"] == f"https://{HOST}/"


def test_security_headers_in_production(production: dict[str, Any]) -> None:
    headers = production[SERVICE]["headers"]

    assert production[SERVICE]["status"] == 200
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert "unsafe-inline" not in headers["Content-Security-Policy"]
    # Directive order is not fixed: read the policy as its directives.
    directives = {d.strip() for d in headers["Content-Security-Policy"].split(";")}
    assert "form-action 'self'" in directives  # the built-in sandbox's checkout is ours
    assert "camera=()" in headers["Permissions-Policy"]
    # Wix call counts would tell a stranger whether someone else just looked at the service.
    assert "Server-Timing" not in headers


def test_cookies_are_secure_in_production(production: dict[str, Any]) -> None:
    cookies = production[SERVICE]["cookies"]

    assert cookies["sessionid"] == {"secure": True, "httponly": True, "samesite": "Lax"}
    # The CSRF cookie is read by no script (the token comes from the page), but it is Secure.
    assert cookies["csrftoken"]["secure"] is True
    assert cookies["csrftoken"]["samesite"] == "Lax"


def test_sandbox_pages_and_controls_are_unreachable_with_real_wix(tmp_path: Path) -> None:
    answers = _probe(
        tmp_path,
        *SANDBOX_PATHS,
        WIX_CLIENT_ID="a-real-headless-client",
        WIX_API_BASE_URL="http://127.0.0.1:9",  # never called: nothing here may reach Wix
    )

    assert {path: answer["status"] for path, answer in answers.items()} == dict.fromkeys(
        SANDBOX_PATHS, 404
    )
    assert all("sandbox" not in answer["text"].lower() for answer in answers.values())


def test_forms_may_lead_to_wix_checkout_with_real_wix(tmp_path: Path) -> None:
    answers = _probe(
        tmp_path,
        "/services/no-such-service/",
        WIX_CLIENT_ID="a-real-headless-client",
        WIX_API_BASE_URL="http://127.0.0.1:9",  # never called: an unknown slug, cached nothing
    )
    policy = answers["/services/no-such-service/"]["headers"]["Content-Security-Policy"]
    form_action = next(p.split()[1:] for p in policy.split(";") if p.split()[0] == "form-action")

    # The submit's redirect to Wix's hosted checkout is checked against form-action.
    assert form_action == [
        "'self'",
        "https://*.wix.com",
        "https://*.wixsite.com",
        "https://*.wixstudio.com",
        "http://127.0.0.1:9",
    ]
