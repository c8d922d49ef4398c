"""Template filters for the services list's cards (``presentation/service_card.py``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django import template

from booking_site.presentation.service_card import card_facts, short_duration, where_text

if TYPE_CHECKING:  # types only: a template tag never imports the Wix client at run time
    from booking_site.wix import Service

register = template.Library()
register.filter("short_duration", short_duration)
register.filter("where_text", where_text)


@register.filter
def facts_with(service: Service, price: str) -> str:
    """``{{ service|facts_with:price }}``: ``60 min · £65``."""
    return card_facts(service, price)
