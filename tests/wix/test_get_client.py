"""get_client(): the cached factory reading settings.WIX, and the no-Django import rule."""

from __future__ import annotations

import ast
import json
import sys
import types
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from booking_site.wix import WixClient, get_client, reset_client
from booking_site.wix.resources import CheckoutAPI

WIX_PACKAGE = Path(__file__).resolve().parents[2] / "booking_site" / "wix"


@pytest.fixture
def wix_settings() -> Iterator[Callable[[dict[str, Any]], None]]:
    """Override settings.WIX for one test (configuring bare settings if nothing else did)."""
    from django.conf import settings
    from django.test import override_settings

    if not settings.configured:
        settings.configure()
    overrides: list[override_settings] = []

    def apply(wix: dict[str, Any]) -> None:
        reset_client()
        override = override_settings(WIX=wix)
        override.enable()
        overrides.append(override)

    yield apply
    reset_client()
    for override in reversed(overrides):
        override.disable()


def _real(**extra: Any) -> dict[str, Any]:
    return {
        "BASE_URL": "https://www.wixapis.com",
        "CLIENT_ID": "client-1",
        "API_KEY": None,
        "SITE_ID": None,
        "ECOM_API": "cart",
        "MEDIA_BASE_URL": "https://static.wixstatic.com/media/",
        "SANDBOX": False,
        **extra,
    }


def test_get_client_builds_once_and_caches(wix_settings: Callable[..., None]) -> None:
    wix_settings(_real(API_KEY="key", SITE_ID="site", ECOM_API="checkout"))

    first = get_client()

    assert first is get_client()
    assert first.has_api_key is True
    assert isinstance(first.ecom, CheckoutAPI)


def test_reset_client_closes_and_rebuilds(wix_settings: Callable[..., None]) -> None:
    wix_settings(_real())
    first = get_client()

    reset_client()

    assert first._http.is_closed
    assert get_client() is not first


def test_missing_client_id_is_improperly_configured(wix_settings: Callable[..., None]) -> None:
    from django.core.exceptions import ImproperlyConfigured

    wix_settings(_real(CLIENT_ID=None))

    with pytest.raises(ImproperlyConfigured, match="WIX_CLIENT_ID"):
        get_client()


def test_api_key_without_site_id_is_improperly_configured(
    wix_settings: Callable[..., None],
) -> None:
    from django.core.exceptions import ImproperlyConfigured

    wix_settings(_real(API_KEY="key"))

    with pytest.raises(ImproperlyConfigured, match="WIX_SITE_ID"):
        get_client()


def test_bad_ecom_api_is_improperly_configured(wix_settings: Callable[..., None]) -> None:
    from django.core.exceptions import ImproperlyConfigured

    wix_settings(_real(ECOM_API="basket"))

    with pytest.raises(ImproperlyConfigured, match="ecom_api"):
        get_client()


@dataclass
class _FakeSandbox:
    app: Callable[..., Iterable[bytes]]
    client_id: str = "sandbox-client"
    api_key: str = "sandbox-key"
    site_id: str = "sandbox-site"


def test_sandbox_mode_talks_to_the_in_process_app_with_its_credentials(
    wix_settings: Callable[..., None], monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[dict[str, str]] = []

    def app(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        seen.append(
            {
                "path": environ["PATH_INFO"],
                "authorization": environ.get("HTTP_AUTHORIZATION", ""),
                "site": environ.get("HTTP_WIX_SITE_ID", ""),
            }
        )
        body = {"services": [], "pagingMetadata": {"count": 0, "offset": 0, "total": 0}}
        start_response("200 OK", [("Content-Type", "application/json")])
        return [json.dumps(body).encode()]

    sandbox_module = types.ModuleType("wix_sandbox")
    sandbox_module.get_default_sandbox = lambda: _FakeSandbox(app=app)  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "wix_sandbox", sandbox_module)
    wix_settings(_real(CLIENT_ID=None, SANDBOX=True, MEDIA_BASE_URL="/_wix-sandbox/media/"))

    client = get_client()
    services = client.services.query()

    assert isinstance(client, WixClient)
    assert services == ()
    assert seen == [
        {
            "path": "/bookings/v2/services/query",
            "authorization": "sandbox-key",
            "site": "sandbox-site",
        }
    ]
    assert client._media_base_url == "/_wix-sandbox/media/"


def _module_level_django_imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text())
    found: list[str] = []
    allowed: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and node.name == "get_client":
            allowed |= {id(n) for n in ast.walk(node)}
    for node in ast.walk(tree):
        if id(node) in allowed:
            continue
        if isinstance(node, ast.Import):
            found += [a.name for a in node.names if a.name.split(".")[0] == "django"]
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "django":
            found.append(node.module or "")
    return found


def test_wix_package_imports_django_only_inside_get_client() -> None:
    offenders = {
        str(path.relative_to(WIX_PACKAGE)): names
        for path in WIX_PACKAGE.rglob("*.py")
        if (names := _module_level_django_imports(path))
    }

    assert offenders == {}
