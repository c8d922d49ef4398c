"""What each web process does once as it starts, before it answers anyone.

Django imports the URLconf (and with it every view module) and compiles each template on first
use, so a new gunicorn worker's first customer paid for it: measured in process, the first
service page took 490 ms of our time against 2 ms for the next one, 270 ms of it importing the
views and 180 ms compiling templates (docs/architecture.md, "Warm start"). ``prepare`` does both
as the process starts, from config/wsgi.py, before gunicorn hands it a request.
"""

from __future__ import annotations

from pathlib import Path
from typing import cast

from django.conf import settings
from django.template.loader import get_template
from django.urls import get_resolver


def prepare() -> int:
    """Import every view and compile every project template; return how many were compiled.

    A template that does not compile raises here, at start, rather than for a customer.
    """
    get_resolver().url_patterns  # noqa: B018  (the property imports the URLconf and views)
    compiled = 0
    for folder in _template_dirs():
        for path in sorted(folder.rglob("*.html")):
            get_template(path.relative_to(folder).as_posix())
            compiled += 1
    return compiled


def _template_dirs() -> list[Path]:
    dirs: list[Path] = []
    for engine in settings.TEMPLATES:
        folders = cast("list[str | Path]", engine.get("DIRS", []))
        dirs += [Path(folder) for folder in folders]
    return dirs
