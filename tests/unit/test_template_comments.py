"""Django's ``{# … #}`` comments end on their own line: one spread over several lines is not a
comment and is shown to customers as text (the service page once showed one under its about
block). Longer notes use ``{% comment %}``."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE_DIRS = [ROOT / "templates", ROOT / "booking_site" / "templates", ROOT / "wix_sandbox"]


def test_no_template_comment_runs_over_a_line() -> None:
    broken = []
    for folder in TEMPLATE_DIRS:
        for path in folder.rglob("*.html"):
            for number, line in enumerate(path.read_text().splitlines(), start=1):
                opened = line.count("{#")
                if opened and line.count("#}") < opened:
                    broken.append(f"{path.relative_to(ROOT)}:{number}")

    assert broken == []
