"""``{% brand_head %}``: the business's colour stylesheet, linked only when one is set."""

from __future__ import annotations

from django import template
from django.conf import settings
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString

from booking_site.presentation.brand import stylesheet_version

register = template.Library()


@register.simple_tag
def brand_head() -> SafeString | str:
    """``<link rel="stylesheet" href="/brand.css?v=…">`` after site.css; nothing by default."""
    color = getattr(settings, "BRAND_COLOR", None)
    if not color:
        return ""
    href = f"{reverse('booking:brand-css')}?v={stylesheet_version(color)}"
    return format_html('<link rel="stylesheet" href="{}">', href)
