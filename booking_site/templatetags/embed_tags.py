"""Template tags for embedding: the iframe helpers in ``<head>`` and UTM data attributes."""

from __future__ import annotations

from collections.abc import Mapping

from django import template
from django.templatetags.static import static
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from booking_site.embed import embed_origins
from booking_site.validators import is_utm_key

register = template.Library()


@register.simple_tag
def embed_head() -> SafeString | str:
    """While embedding is on: the allowed parent origins (for ``frame.js``'s ``postMessage``
    target), the in-frame stylesheet and script. Nothing otherwise: pages stay as they were."""
    origins = embed_origins()
    if not origins:
        return ""
    return format_html(
        '<meta name="embed-origins" content="{}">\n'
        '  <link rel="stylesheet" href="{}">\n'
        '  <script src="{}" defer></script>',
        " ".join(origins),
        static("css/frame.css"),
        static("js/frame.js"),
    )


@register.simple_tag
def utm_data(utm: Mapping[str, str] | None) -> SafeString | str:
    """``data-utm-source="…"`` attributes for a booking's campaign tags (names pre-validated)."""
    if not utm:
        return ""
    # Names are checked again: summaries stored before deep links were vetted kept any name.
    items = sorted((k.replace("_", "-"), str(v)) for k, v in utm.items() if is_utm_key(str(k)))
    return format_html_join("", ' data-{}="{}"', items)
