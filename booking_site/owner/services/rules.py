"""Owner mode, rules: which online rules a staff booking overrides, and how it may be paid.

Staff may book more participants than the online limit, and (``choosing``) type any start
time; each override is said plainly on the review and result pages, and Create Booking then
skips Wix's availability check, which needs the API key (docs/wix-contract.md §6.2
``flowControlSettings``). Everything here is recomputed on the server from Wix's catalogue.
"""

from __future__ import annotations

import dataclasses
import logging
from datetime import datetime

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from booking_site.errors import BookingError
from booking_site.owner.session import LINK_METHODS, OwnerDraft
from booking_site.services import variant_choices
from booking_site.services.catalogue import get_variants
from booking_site.services.chosen_slot import spots_left_for
from booking_site.services.pricing import Quote, quote
from booking_site.wix import RateType, Service, get_client

logger = logging.getLogger("booking_site.owner")

# Staff may book more people than customers can online, up to this many per booking.
OWNER_MAX_PARTICIPANTS = 20


def owner_mode_ready() -> bool:
    """Whether owner bookings can be made: they all need the API key
    (docs/wix-contract.md §1.4, §7)."""
    return get_client().has_api_key


def require_api_key() -> None:
    """Raise ``BookingError("owner_needs_api_key")`` unless the API key is configured."""
    if not owner_mode_ready():
        raise BookingError("owner_needs_api_key")


def log_action(
    action: str, *, staff: str, booking_id: str | None, ref: str, **extra: object
) -> None:
    """One audit line per owner action: who did what to which Wix booking."""
    logger.info(
        "owner action",
        extra={"action": action, "staff": staff, "booking_id": booking_id, "ref": ref, **extra},
    )


def online_limit(service: Service) -> int:
    """How many participants a customer may book online (the service's booking policy)."""
    return max(1, service.policy.max_participants_per_booking)


def owner_quote(service: Service, participants: int, draft: OwnerDraft | None = None) -> Quote:
    """The server-side price for ``participants``, allowing up to the owner limit.

    With ``draft``, its duration or staff member variant prices each participant (§21).
    """
    wider = dataclasses.replace(
        service,
        policy=dataclasses.replace(
            service.policy, max_participants_per_booking=OWNER_MAX_PARTICIPANTS
        ),
    )
    unit = None
    if draft is not None:
        unit = variant_choices.unit_variant(
            get_variants(service),
            minutes=draft.duration_minutes,
            staff_id=draft.slot.staff_id if draft.slot else None,
        )
    return quote(wider, participants=participants, unit_variant=unit)


def places_left(draft: OwnerDraft, service: Service) -> int | None:
    """Places left in the chosen class session (None for appointments or when unknown)."""
    if draft.slot is None or not draft.slot.event_id:
        return None
    return spots_left_for(service, draft.slot)


def skips_availability(draft: OwnerDraft, service: Service) -> bool:
    """Whether Create Booking must skip Wix's availability check for this draft."""
    count = draft.participants or 1
    left = places_left(draft, service)
    return draft.custom_time or count > online_limit(service) or (left is not None and count > left)


def overrides(draft: OwnerDraft, service: Service) -> list[str]:
    """The online rules this booking overrides, in plain words for the review and result."""
    found: list[str] = []
    count = draft.participants or 1
    if draft.custom_time and draft.slot is not None:
        when = date_format(datetime.fromisoformat(draft.slot.local_start), "DATETIME_FORMAT")
        found.append(
            _(
                "Availability check skipped: %(when)s was entered by hand and may already be "
                "booked or outside working hours — Wix will flag a double booking."
            )
            % {"when": when}
        )
    elif skips_availability(draft, service):
        found.append(
            _(
                "Availability check skipped so that the participant count is accepted: this "
                "may overbook the time — Wix will flag a double booking."
            )
        )
    if count > online_limit(service):
        found.append(
            _("%(count)s participants: more than the online limit of %(limit)s.")
            % {"count": count, "limit": online_limit(service)}
        )
    left = places_left(draft, service)
    if left is not None and count > left:
        found.append(
            _(
                "%(count)s participants but only %(left)s places left: the session will be "
                "over capacity."
            )
            % {"count": count, "left": left}
        )
    return found


def payment_methods(service: Service, the_quote: Quote) -> tuple[str, ...]:
    """How staff may settle this booking ("link", "link_full", "paid", "venue", "free"): only
    the ones that can work, in the order offered (``presentation.owner`` words them). For a
    deposit service "link" charges the deposit and "link_full" (where allowed) everything.

    A payment link needs an amount Wix can charge online; recording a payment taken outside
    Wix needs an amount for the order (§11); paying at the venue needs a price to owe.
    """
    amount = the_quote.total.amount if the_quote.total else None
    methods = []
    if amount and service.payment.online:
        methods.append("link")
        if service.payment.deposit is not None and service.payment.full_upfront_allowed:
            methods.append("link_full")
    if amount:
        methods.append("paid")
    if not the_quote.free:
        methods.append("venue")
    methods.append("free")
    return tuple(methods)


def payment_option_for(method: str, service: Service) -> str:
    """The booking's ``selectedPaymentOption`` for a staff payment method
    (docs/wix-contract.md §6.2).

    Only the payment link goes through Wix's checkout, so only it needs ONLINE; the others are
    OFFLINE where the service allows it (Wix rejects OFFLINE otherwise) and ONLINE elsewhere.
    """
    if method in LINK_METHODS:
        return "ONLINE"
    if service.payment.in_person or service.payment.rate_type == RateType.NO_FEE:
        return "OFFLINE"
    return "ONLINE"


def deposit_selected_for(method: str, service: Service, payment_option: str) -> bool | None:
    """``depositSelected`` for a staff booking of a deposit service (docs/wix-contract.md §19.2).

    Sent whenever the booking is ONLINE on a deposit service (Wix requires true for a
    deposit-only one): the deposit, except for the full-price link. None otherwise (not sent).
    """
    if service.payment.deposit is None or payment_option != "ONLINE":
        return None
    return method != "link_full"
