"""HTML pages and HTMX fragments are gzip-compressed for browsers that accept it."""

from __future__ import annotations

import gzip

import pytest
from django.test import Client

from wix_sandbox import Sandbox

SERVICE = "/services/deep-tissue-massage/"


@pytest.mark.parametrize(
    ("path", "headers"),
    [("/", {}), (SERVICE, {}), (SERVICE, {"HX-Request": "true", "HX-Target": "calendar"})],
    ids=["services list", "service page", "calendar fragment"],
)
def test_pages_are_compressed_when_the_browser_accepts_gzip(
    sandbox: Sandbox, client: Client, path: str, headers: dict[str, str]
) -> None:
    plain = client.get(path, headers=headers)
    packed = client.get(path, headers={**headers, "Accept-Encoding": "gzip, br"})

    assert "Content-Encoding" not in plain
    assert packed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed["Vary"]
    body = gzip.decompress(packed.content)
    assert body.startswith(plain.content[:40])  # the same page (CSRF tokens differ per response)
    assert len(packed.content) < len(body) / 2
