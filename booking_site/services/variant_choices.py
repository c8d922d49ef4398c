"""What a customer chose of a service's option, by option type (docs/wix-contract.md §21).

A service has at most one option (§12). How it is chosen and sent depends on its type:

- ``CUSTOM`` (Adult / Child): a count per choice on the details step, each sent as
  ``{optionId, custom}`` with its own ``numberOfParticipants``;
- ``DURATION`` (60 min / 90 min): one length chosen on the service page *before* the calendar,
  which asks Time Slots for slots of that length (``customerChoices.durationInMinutes``), sent
  as ``{optionId, duration: {minutes}}`` for all participants;
- ``STAFF_MEMBER``: priced by the staff member of the chosen slot; Create Booking has no
  choice case for it, so the booking names the staff member as the slot's ``resource`` and
  sends ``totalParticipants``;
- the preview ``DATE_TIME`` and ``NUMBER_OF_PARTICIPANTS`` types (and any unknown one) are
  not booked by this site: the page says to book by contacting the business instead of
  failing at submit.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from booking_site.errors import BookingError
from booking_site.services.catalogue import get_variants
from booking_site.wix import OptionType, Service, ServiceVariants, Variant


def duration_options(service: Service) -> tuple[Variant, ...]:
    """The service's duration variants, shortest first (none without a DURATION option)."""
    variants = get_variants(service)
    return variants.durations if variants is not None else ()


def chosen_duration(service: Service, asked: int | None) -> int | None:
    """The length to list slots for: ``asked`` when the service offers it, else its default.

    None for a service without duration variants (Time Slots then uses the service's own
    length). The default is the service's own duration when it is one of the variants, else
    the shortest; an unknown ``asked`` (a stale or edited link) falls back to it.
    """
    options = duration_options(service)
    if not options:
        return None
    offered = [v.minutes for v in options]
    if asked in offered:
        return asked
    own = service.durations_minutes[0] if service.durations_minutes else None
    return own if own in offered else offered[0]


def slot_key_minutes(key: str) -> int | None:
    """The length of an appointment slot key (``a|<start>|<end>|…``), if it reads as one.

    A choice posted without its duration (a page from before the length was chosen, a
    hand-made request) is then looked up for the length its key already names.
    """
    parts = key.split("|")
    if len(parts) < 3 or parts[0] != "a":
        return None
    try:
        start, end = datetime.fromisoformat(parts[1]), datetime.fromisoformat(parts[2])
    except ValueError:
        return None
    minutes = int((end - start).total_seconds() // 60)
    return minutes if minutes > 0 else None


def unit_variant(
    variants: ServiceVariants | None, *, minutes: int | None, staff_id: str | None
) -> Variant | None:
    """The variant that prices every participant: the chosen duration or staff member."""
    if variants is None:
        return None
    if variants.option_type == OptionType.DURATION:
        return variants.for_minutes(minutes)
    if variants.option_type == OptionType.STAFF_MEMBER:
        return variants.for_staff(staff_id)
    return None


def any_staff_units(variants: ServiceVariants | None, *, any_staff: bool) -> tuple[Variant, ...]:
    """The staff member variants that may price an "anyone available" booking, cheapest first.

    Empty unless the service is priced by staff member and nobody is chosen yet: the person,
    and so the price, is known only when the submit's re-check picks one (``slot_recheck``).
    """
    if variants is None or variants.option_type != OptionType.STAFF_MEMBER or not any_staff:
        return ()
    units = [v for v in variants.variants if v.kind == OptionType.STAFF_MEMBER and v.staff_id]
    return tuple(sorted(units, key=lambda v: v.price.amount))


def booking_choices(
    variants: ServiceVariants | None,
    *,
    counts: Mapping[str, int] | None,
    minutes: int | None,
    participants: int,
) -> list[tuple[Variant, int]] | None:
    """Create Booking's ``participantsChoices`` as (variant, count) pairs, or None.

    None means ``totalParticipants`` is sent instead: no variants, a staff member option (no
    booking-side case, §21.2), or nothing chosen.
    """
    if variants is None:
        return None
    if variants.option_type == OptionType.CUSTOM and counts:
        by_choice = {v.choice: v for v in variants.variants}
        return [(by_choice[name], n) for name, n in counts.items() if n and name in by_choice]
    if variants.option_type == OptionType.DURATION:
        variant = variants.for_minutes(minutes)
        return [(variant, participants)] if variant is not None else None
    return None


def cannot_book(service: Service) -> bool:
    """Whether the service's option type is one this site does not book (§21.2)."""
    variants = get_variants(service)
    return variants is not None and not variants.bookable


def check_bookable(service: Service) -> None:
    """Raise ``BookingError("service_not_bookable")`` for an option type the site can't book.

    The page already says so; this stops a crafted request from booking such a service at a
    price Wix would resolve differently from what the site showed.
    """
    if cannot_book(service):
        raise BookingError("service_not_bookable")
