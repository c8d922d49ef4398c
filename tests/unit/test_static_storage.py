"""collectstatic ships minified CSS and JS whose hashed names and .gz files match the bytes."""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path

import django_htmx
import pytest
from django.core.management import call_command
from django.test import override_settings

SOURCE = Path(__file__).resolve().parents[2] / "static"


@pytest.fixture(scope="module")
def collected(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("static")
    with override_settings(STATIC_ROOT=root):
        call_command("collectstatic", interactive=False, verbosity=0)
    return root


def _hashed(root: Path, name: str) -> Path:
    manifest = json.loads((root / "staticfiles.json").read_text())
    return root / manifest["paths"][name]


@pytest.mark.parametrize("name", ["js/site.js", "css/site.css"])
def test_our_css_and_js_are_served_minified(collected: Path, name: str) -> None:
    readable = (SOURCE / name).read_text()
    served = _hashed(collected, name).read_text()

    assert "/*" in readable
    assert "/*" not in served  # the why-comments stay in the repository
    assert len(served) < 0.8 * len(readable)
    # Nothing renamed: every function the source declares is still called by its name.
    assert readable.count("addEventListener") == served.count("addEventListener")


@pytest.mark.parametrize("name", ["js/site.js", "css/site.css", "js/embed.js"])
def test_the_hashed_name_and_the_gzip_file_belong_to_the_minified_bytes(
    collected: Path, name: str
) -> None:
    served = _hashed(collected, name)
    digest = hashlib.md5(served.read_bytes(), usedforsecurity=False).hexdigest()[:12]

    assert served.name.split(".")[-2] == digest  # a new minified file gets a new URL
    assert gzip.decompress(Path(f"{served}.gz").read_bytes()) == served.read_bytes()


def test_vendor_files_minified_already_are_left_byte_for_byte(collected: Path) -> None:
    vendor = next(collected.glob("django_htmx/htmx-2.min.*.js"))
    original = Path(django_htmx.__file__).parent / "static/django_htmx/htmx-2.min.js"

    assert vendor.read_bytes() == original.read_bytes()
