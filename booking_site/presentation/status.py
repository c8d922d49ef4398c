"""The status (confirmation) page's facts: times in the customer's zone with the business's
beside them, the short reference, payment in words, what happens next, calendar and map links."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.utils.translation import gettext as _

from booking_site.errors import BookingError
from booking_site.presentation import facts
from booking_site.presentation.calendar_links import calendar_links, map_link
from booking_site.presentation.plans import plan_price_rows
from booking_site.services import catalogue
from booking_site.services.outcome import BookingOutcome
from booking_site.session import BookingDraft


def _in_zone(moment: datetime | None, zone: str | None) -> datetime | None:
    if moment is None or not zone:
        return moment
    try:
        return moment.astimezone(ZoneInfo(zone))
    except (ZoneInfoNotFoundError, ValueError):
        return moment


def business_label() -> str:
    """The business's name from Wix, or "The business" while it can't be read."""
    return catalogue.site_info().business_name or _("The business")


def _owner_words(service_id: str) -> tuple[str | None, str | None]:
    """The service's custom price text and custom policy text, written by the business."""
    try:
        service = catalogue.get_service_by_id(service_id)
    except BookingError:
        return None, None  # gone from the catalogue since: the site's own sentence is enough
    return service.payment.custom_text, service.policy.custom_description


def status_context(result: BookingOutcome, draft: BookingDraft) -> dict[str, Any]:
    """What the status page shows beyond Wix's verdict."""
    s = result.summary
    timed = bool(s.local_start)
    zone = (draft.display_time_zone or s.time_zone) if timed else s.time_zone
    start, end = _in_zone(result.start, zone), _in_zone(result.end, zone)
    business = business_label()
    place = ", ".join(p for p in (s.location_name, s.location_address) if p)
    context: dict[str, Any] = {
        "business": business,
        "shown_start": start,
        "shown_end": end,
        "shown_zone": zone,
        "business_time": facts.business_time(
            start, end, shown_zone=zone, business_zone=s.time_zone
        ),
        "short_reference": facts.short_reference(result.ref),
        "payment_text": facts.payment_words(result.payment_status),
        "map_url": map_link(s.location_address or place) if place else "",
        "next_steps": [],
        # Paid with a plan: what it covered (the "due now" row is for before paying).
        "plan_rows": plan_price_rows(s.plan_name, s.participants, s.currency)[:1]
        if s.payment_option == "MEMBERSHIP" and s.plan_name
        else [],
    }
    price_on_request = not s.free and not s.total
    if s.free or price_on_request:
        price_text, policy_text = _owner_words(s.service_id)
        context["next_steps"] = facts.next_steps(
            free=s.free,
            price_text=None if s.free else price_text,
            policy_text=policy_text,
            business=business,
            email=s.email,
        )
    if timed and result.start and result.end:
        about = _("With %(name)s") % {"name": s.staff_name} if s.staff_name else ""
        context["calendar_links"] = calendar_links(
            title=s.service_name or _("Booking"),
            start=result.start,
            end=result.end,
            details=about,
            location=place,
        )
    return context
