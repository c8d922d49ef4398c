"""Rescheduling a managed booking, and the owner's cancel and reschedule with overrides.

The customer's changes go through Wix's anonymous actions (the token; Wix applies the
policy); staff's go through the API key with ``ignoreReschedulePolicy`` /
``ignoreCancellationPolicy`` (point 7), each logged with the staff user.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from booking_site.errors import BookingError
from booking_site.models import Submission
from booking_site.services import chosen_slot, status_reads
from booking_site.services.availability import SlotChoice, SlotFilter, forget_service_slots
from booking_site.services.calendar_view import MonthCalendar, month_calendar
from booking_site.services.manage import ManagedBooking, mint_for, read_row, row_for, translated
from booking_site.session import BookingDraft, ChosenSlot
from booking_site.wix import WixConflict, WixError, WixPreconditionFailed, get_client

logger = logging.getLogger(__name__)
# Staff actions go to owner mode's log, with the staff user, like its bookings.
owner_log = logging.getLogger("booking_site.owner")

# Wix's answers meaning "that time can't be had": shown with the nearest alternatives.
SLOT_GONE = frozenset({"slot_taken", "class_full", "slot_not_found", "policy_violation"})


@dataclass(frozen=True)
class RescheduleResult:
    """After a reschedule attempt: the booking now, and on a lost slot why and what else."""

    managed: ManagedBooking
    moved: bool
    error: BookingError | None = None
    alternatives: tuple[SlotChoice, ...] = ()


def calendar_for(
    managed: ManagedBooking,
    *,
    month: date | None,
    selected: date | None,
    display_zone: ZoneInfo,
    filters: SlotFilter,
) -> MonthCalendar:
    """The service page's month calendar, for the booked service only."""
    return month_calendar(
        managed.service,
        month=month,
        selected=selected,
        display_zone=display_zone,
        filters=filters,
    )


def owner_row(ref: str) -> Submission:
    """An owner-mode booking's row, with a manage token minted if it has none yet."""
    row = Submission.objects.filter(ref=ref).first()
    if row is None or not (row.summary or {}).get("owner") or not row.booking_id:
        raise BookingError("booking_not_found")
    if not row.wix_manage_token:
        if mint_for(ref) is None:
            raise BookingError("manage_try_later")
        row.refresh_from_db()
    return row


def reschedule(
    row: Submission,
    *,
    key: str,
    revision: str,
    display_zone: ZoneInfo,
    now: datetime,
    staff: str | None = None,
) -> RescheduleResult:
    """Move the booking to the slot behind ``key``; ``staff`` set means owner mode.

    Refused before any Wix call when the rules forbid it (the result says why) or when the
    booking changed since the customer looked (``manage_changed``). A time taken meanwhile
    gives the nearest alternatives, as the submit step does.
    """
    owner = staff is not None
    current = read_row(row, now=now, owner=owner)
    if current.reschedule_block:
        return RescheduleResult(current, moved=False)
    if current.booking.revision != revision:
        raise BookingError("manage_changed")
    service = current.service
    try:
        choice = chosen_slot.find_bookable(service, key, display_zone=display_zone)
        _send(row, current, choice, staff)
    except BookingError as error:
        if error.code not in SLOT_GONE:
            raise
        forget_service_slots(service.id)  # once, now that Wix said so
        return RescheduleResult(
            read_row(row, now=now, owner=owner),
            moved=False,
            error=error,
            alternatives=tuple(_alternatives(current, key, display_zone)),
        )
    forget_service_slots(service.id)  # the old time is free again, the new one taken
    status_reads.forget(row.ref)
    if owner:
        owner_log.info(
            "booking rescheduled by staff",
            extra={"action": "rescheduled", "ref": row.ref, "staff": staff},
        )
    else:
        logger.info("booking rescheduled by customer", extra={"ref": row.ref})
    return RescheduleResult(read_row(row, now=now, owner=owner), moved=True)


def _send(row: Submission, current: ManagedBooking, choice: SlotChoice, staff: str | None) -> None:
    client = get_client()
    try:
        if staff is not None:
            client.bookings.reschedule(
                booking_id=current.booking.id,
                slot=choice.slot,
                revision=current.booking.revision,
                staff_id=choice.staff_id,
                ignore_policy=True,
            )
        else:
            client.anonymous_bookings.reschedule(
                row.wix_manage_token or "",
                slot=choice.slot,
                revision=current.booking.revision,
                staff_id=choice.staff_id,
            )
    except WixConflict as exc:
        raise BookingError("manage_changed") from exc
    except WixPreconditionFailed as exc:
        error = translated(exc)
        # RESCHEDULING_NOT_ALLOWED and friends: the policy closed meanwhile.
        raise error if error.code in SLOT_GONE else BookingError("manage_changed") from exc
    except WixError as exc:
        raise translated(exc) from exc


def _alternatives(current: ManagedBooking, key: str, zone: ZoneInfo) -> list[SlotChoice]:
    """The nearest free times to the lost one, ranked as on the submit step's page."""
    # The key is availability.slot_key's: "a|start|end|location|staff" or "e|start|event".
    parts = [*key.split("|"), "", "", "", ""]
    is_class = parts[0] == "e"
    lost = ChosenSlot(
        service_id=current.service.id,
        local_start=parts[1],
        local_end=parts[1] if is_class else parts[2],
        time_zone=current.business_zone,
        event_id=parts[2] if is_class else None,
        staff_id=None if is_class or parts[4] in ("", "*") else parts[4],
    )
    draft = BookingDraft(service_id=current.service.id, slot=lost, display_time_zone=zone.key)
    return [c for c in chosen_slot.alternatives_for(current.service, draft) if c.key != key]


def owner_cancel(row: Submission, *, revision: str, staff: str, now: datetime) -> ManagedBooking:
    """Cancel as staff, whatever the policy (API key; fee waived), logged with ``staff``."""
    current = read_row(row, now=now, owner=True)
    if current.cancelled or current.cancel_block:
        return current
    if current.booking.revision != revision:
        raise BookingError("manage_changed")
    try:
        get_client().bookings.cancel(booking_id=current.booking.id, revision=revision, notify=True)
    except WixConflict as exc:
        raise BookingError("manage_changed") from exc
    except WixError as exc:
        raise translated(exc) from exc
    status_reads.forget(row.ref)
    owner_log.info(
        "booking cancelled by staff", extra={"action": "cancelled", "ref": row.ref, "staff": staff}
    )
    return read_row(row, now=now, owner=True)


def customer_row(token: str) -> Submission:
    """The row behind a customer's manage token (re-exported for the views)."""
    return row_for(token)
