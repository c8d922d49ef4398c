"""The manage-booking pages' words: why an action is not offered, and the page context."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from booking_site.presentation import facts
from booking_site.presentation.calendar import CalendarView
from booking_site.services.calendar_view import MonthCalendar
from booking_site.services.manage import ManagedBooking


def cancel_reason(managed: ManagedBooking) -> str:
    """Why cancelling is not offered, in plain words ("" when it is)."""
    code = managed.cancel_block
    if code is None:
        return ""
    limit = managed.service.policy.cancellation_limit_minutes
    return _reason(code, limit, action=_("cancelled"))


def reschedule_reason(managed: ManagedBooking) -> str:
    """Why rescheduling is not offered, in plain words ("" when it is)."""
    code = managed.reschedule_block
    if code is None:
        return ""
    return _reason(code, None, action=_("rescheduled"))


def _reason(code: str, limit_minutes: int | None, *, action: str) -> str:
    texts = {
        "cancelled": _("This booking is cancelled."),
        "past": _("This booking has already started or taken place."),
        "not_open": _("This booking is no longer active."),
        "course": _("A course can't be rescheduled: its dates are fixed."),
        "varied_price": _(
            "Bookings with different prices per participant can't be rescheduled online."
        ),
        "manual_approval": _(
            "This service is confirmed by the business by hand, so it can't be rescheduled online."
        ),
        "policy_off": _("The business doesn't allow bookings to be %(action)s online.")
        % {"action": action},
        "not_online": _("The business asks you to contact them to have this booking %(action)s.")
        % {"action": action},
    }
    if code == "too_late":
        hours = (limit_minutes or 0) // 60
        if hours:
            return _(
                "It's too late to change this booking online: it can be %(action)s up to "
                "%(hours)d hours before it starts."
            ) % {"action": action, "hours": hours}
        return _("It's too late to change this booking online.")
    return str(texts.get(code, texts["not_online"]))


def manage_context(managed: ManagedBooking) -> dict[str, Any]:
    """What the manage page shows about the booking and its two actions."""
    booking = managed.booking
    return {
        "managed": managed,
        "booking": booking,
        "service": managed.service,
        "two_zones": managed.customer_zone != managed.business_zone,
        "short_reference": facts.short_reference(managed.ref),
        "payment_text": _payment_text(managed),
        "cancel_reason": cancel_reason(managed),
        "reschedule_reason": reschedule_reason(managed),
        "contact": managed.contact,
        "show_contact": bool(managed.cancel_block or managed.reschedule_block)
        and not managed.cancelled,
    }


def _payment_text(managed: ManagedBooking) -> str:
    """Paid, nothing to pay, refunded, pay at the venue, or not paid yet: never Wix's enum."""
    booking = managed.booking
    status = str(booking.payment_status or "")
    if status in {"PAID", "EXEMPT", "REFUNDED", "PARTIALLY_PAID"}:
        return facts.payment_words(status)
    if str(booking.selected_payment_option or "") == "OFFLINE":
        return _("Pay at the venue")
    return facts.payment_words("NOT_PAID")


def calendar_context(calendar: MonthCalendar, managed: ManagedBooking) -> dict[str, Any]:
    """The service page's calendar view, for the reschedule page's partials."""
    return {"calendar": CalendarView(calendar, service_id=managed.service.id)}
