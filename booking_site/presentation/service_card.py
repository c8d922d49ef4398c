"""A service as its card on the services list reads: "60 min · £65", and where it happens.

Pure wording of a ``Service``; the Wix types are imported for annotations only, so the template
tags that expose these (``templatetags/card_tags.py``) never reach the Wix client.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

if TYPE_CHECKING:
    from booking_site.wix import Service
    from booking_site.wix.models.services import ServiceLocation

# Up to this many places are named; more are counted ("3 locations").
NAMED_PLACES = 2


def short_duration(minutes: int | None) -> str:
    """``45 min``, ``90 min``, ``2 h``, ``2 h 30 min``: minutes up to two hours, as menus write."""
    if not minutes:
        return ""
    if minutes < 120:
        return _("%(m)d min") % {"m": minutes}
    hours, rest = divmod(minutes, 60)
    if not rest:
        return _("%(h)d h") % {"h": hours}
    return _("%(h)d h %(m)d min") % {"h": hours, "m": rest}


def card_facts(service: Service, price: str) -> str:
    """``60 min · £65``: the first duration and the price text (already worded by the caller)."""
    parts = [short_duration(service.durations_minutes[0] if service.durations_minutes else None)]
    parts.append(price)
    return " · ".join(p for p in parts if p)


def _place(location: ServiceLocation, *, first: bool) -> str:
    if location.type == "CUSTOMER":
        return _("At your place") if first else _("at your place")
    unnamed = _("An address we confirm with you") if first else _("an address we confirm with you")
    return location.name or location.address or unnamed


def where_text(service: Service) -> str:
    """Every place the service happens, named (two at most) or counted, and "Online" when it is.

    ``Islington``, ``Islington or Richmond``, ``3 locations``, ``Online``, ``Islington or
    online``; empty when Wix lists no location and no video link.
    """
    places = list(
        dict.fromkeys(_place(loc, first=i == 0) for i, loc in enumerate(service.locations))
    )
    if len(places) > NAMED_PLACES:
        places = [ngettext("%(n)d location", "%(n)d locations", len(places)) % {"n": len(places)}]
    if service.online:
        places.append(_("online") if places else _("Online"))
    if len(places) <= 1:
        return places[0] if places else ""
    return _("%(first)s or %(last)s") % {"first": ", ".join(places[:-1]), "last": places[-1]}
