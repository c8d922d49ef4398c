"""Hypothesis strategies for hostile input, and the one check every answer must pass."""

from __future__ import annotations

from typing import Any

from bs4 import BeautifulSoup
from hypothesis import strategies as st

from tests.fuzz.conftest import CASES

# Text a bot or a broken client might send: anything printable, control characters, very long
# strings, numbers written oddly, and near-misses of valid values.
NASTY = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=300),
    st.sampled_from(
        [
            "",
            " ",
            "0",
            "-1",
            "1e9",
            "99999999999999999999",
            "NaN",
            "2026-02-30",
            "2026-13",
            "0000-00",
            "9999-12-31",
            "Europe/Nowhere",
            "../../etc/passwd",
            "<script>alert(1)</script>",
            "' OR 1=1 --",
            "%00",
            "\x00",
            "a|b|c",
            "e|2026-12-08T18:30:00|x",
            "a|2026-12-08T10:00:00|2026-12-08T11:00:00||*",
            "☃" * 100,
        ]
    ),
    st.integers(min_value=-(10**12), max_value=10**12).map(str),
)
SAFE_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=0, max_size=60
)
HTMX_HEADERS = st.fixed_dictionaries(
    {},
    optional={
        "HTTP_HX_REQUEST": st.sampled_from(["true", "false", "", "1"]) | NASTY,
        "HTTP_HX_TARGET": st.sampled_from(["calendar", "service-list", "details-form", "body"])
        | NASTY,
        "HTTP_HX_CURRENT_URL": st.sampled_from(["http://testserver/", "javascript:1"]) | NASTY,
        "HTTP_HX_TRIGGER": NASTY,
    },
)


def header_safe(headers: dict[str, str]) -> dict[str, str]:
    """Headers as a WSGI server would pass them: latin-1, no line breaks or NULs."""
    return {
        k: v.encode("utf-8", "replace").decode("latin-1").replace("\r", "").replace("\n", "")
        for k, v in headers.items()
        if "\x00" not in v
    }


def form_safe(value: str) -> str:
    """A value as a browser could post it (no NUL, no lone surrogates)."""
    return value.replace("\x00", "").encode("utf-8", "replace").decode("utf-8")


def assert_graceful(response: Any) -> None:
    """Never a 5xx; a 4xx explains itself in words, not a bare status."""
    CASES["tried"] += 1
    status = response.status_code
    assert status < 500, (status, response.content[:500])
    if 400 <= status < 500:
        text = " ".join(BeautifulSoup(response.content, "html.parser").get_text(" ").split())
        assert len(text) >= 10, (status, text)
