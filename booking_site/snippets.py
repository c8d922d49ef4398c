"""What an owner pastes into their own site: a link, a "Book now" button, an iframe.

The snippets are plain HTML and CSS for the owner's pages (our CSP does not apply there); the
button's CSS is read from ``static/css/book-now.css``, the same file that styles the live
preview on our owner page, so the preview is exactly what the snippet renders.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

BUTTON_CSS = "css/book-now.css"


@dataclass(frozen=True)
class ServiceSnippets:
    """One service's deep link and the two snippets that use it."""

    name: str
    link: str
    button_html: str
    iframe_html: str


@functools.cache
def button_css() -> str:
    """The button's stylesheet, minus its leading comment (the snippet carries its own)."""
    found = finders.find(BUTTON_CSS)
    path = Path(found if isinstance(found, str) else settings.STATIC_ROOT / BUTTON_CSS)
    text = path.read_text()
    return text.split("*/", 1)[1].strip() if text.startswith("/*") else text.strip()


def deep_link(origin: str, path: str, params: dict[str, str]) -> str:
    """``origin`` + ``path`` with the (already validated) query parameters, in a stable order."""
    query = urlencode(sorted((k, v) for k, v in params.items() if v))
    return f"{origin}{path}" + (f"?{query}" if query else "")


def for_service(*, name: str, link: str, origin: str) -> ServiceSnippets:
    """The snippets for one service's ``link``; ``origin`` serves ``/embed.js``."""
    context = {"name": name, "link": link, "css": button_css(), "script": f"{origin}/embed.js"}
    return ServiceSnippets(
        name=name,
        link=link,
        button_html=render_to_string("owner/snippets/button.html", context).strip(),
        iframe_html=render_to_string("owner/snippets/iframe.html", context).strip(),
    )
