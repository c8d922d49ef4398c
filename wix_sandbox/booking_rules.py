"""Create Booking's request validation: enums, participants, variants, payment option."""

from __future__ import annotations

import re
from typing import Any

from .context import Ctx
from .demo import ServiceSpec
from .demo_plans import plan_ids_for
from .errors import FieldViolation, app_error, invalid

LOCATION_TYPES = ("UNDEFINED", "OWNER_BUSINESS", "OWNER_CUSTOM", "CUSTOM")
PAYMENT_OPTIONS = ("UNDEFINED", "OFFLINE", "ONLINE", "MEMBERSHIP", "MEMBERSHIP_OFFLINE")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_SLOT = "booking.bookedEntity.slot"


def enum_violations(booking: dict[str, Any]) -> list[FieldViolation]:
    found = []
    slot = (booking.get("bookedEntity") or {}).get("slot") or {}
    loc_type = (slot.get("location") or {}).get("locationType")
    if loc_type is not None and loc_type not in LOCATION_TYPES:
        found.append(
            FieldViolation(
                f"{_SLOT}.location.locationType", f"enum must be in [{', '.join(LOCATION_TYPES)}]"
            )
        )
    option = booking.get("selectedPaymentOption")
    if option is not None and option not in PAYMENT_OPTIONS:
        found.append(
            FieldViolation(
                "booking.selectedPaymentOption", f"enum must be in [{', '.join(PAYMENT_OPTIONS)}]"
            )
        )
    email = (booking.get("contactDetails") or {}).get("email")
    if email is not None and not _EMAIL.fullmatch(str(email)):
        found.append(FieldViolation("booking.contactDetails.email", "must be a valid email"))
    return found


def participants(
    ctx: Ctx, booking: dict[str, Any], spec: ServiceSpec, *, skip_limit: bool = False
) -> int:
    """The booking's participant count; over ``maxParticipantsPerBooking`` only with ``skip_limit``.

    ``skip_limit`` is set for an API-key call with ``skipAvailabilityValidation`` (a staff
    override). Whether Wix lifts the per-booking limit with it is UNCONFIRMED (README table).
    """
    total, choices = booking.get("totalParticipants"), booking.get("participantsChoices")
    if (total is None) == (choices is None):
        raise app_error(
            400,
            "VALIDATION_FAILURE",
            "exactly one of totalParticipants or participantsChoices is required",
        )
    if total is not None:
        if not isinstance(total, int) or isinstance(total, bool) or total < 1:
            raise invalid("booking.totalParticipants", "must be an integer of at least 1")
        count = total
    else:
        count = check_choices(spec, choices)
    if count > spec.max_participants and not skip_limit:
        raise app_error(
            400,
            "VALIDATION_FAILURE",
            f"{count} participants exceed maxParticipantsPerBooking ({spec.max_participants})",
            {"maxParticipantsPerBooking": spec.max_participants},
        )
    return count


def check_choices(spec: ServiceSpec, choices: Any) -> int:
    """Variants must match the service's option and choices (docs/wix-contract.md §6.2, §12)."""
    items = choices.get("serviceChoices") if isinstance(choices, dict) else None
    if not isinstance(items, list) or not 1 <= len(items) <= 20:
        raise invalid("booking.participantsChoices.serviceChoices", "must hold 1 to 20 items")
    if not spec.variants:
        raise app_error(400, "INVALID_SERVICE_CHOICES", "the service has no options and variants")
    if spec.option_type == "STAFF_MEMBER":
        # The booking's ServiceChoice has no staff member case (§21.2): the slot's resource
        # picks the variant, so any choice sent for such an option matches nothing.
        raise app_error(
            400,
            "INVALID_SERVICE_CHOICES",
            "staff member variants are chosen by the slot's resource, not by choices",
        )
    known = {choice for choice, _ in spec.variants}
    count = 0
    for item in items:
        number = item.get("numberOfParticipants") if isinstance(item, dict) else None
        picked = item.get("choices") if isinstance(item, dict) else None
        if not isinstance(number, int) or number < 1 or not isinstance(picked, list):
            raise invalid(
                "booking.participantsChoices.serviceChoices",
                "each item needs numberOfParticipants ≥ 1 and choices",
            )
        for choice in picked:
            if (
                not isinstance(choice, dict)
                or choice.get("optionId") != spec.option_id
                or not _matches(spec, choice, known)
            ):
                raise app_error(
                    400,
                    "INVALID_SERVICE_CHOICES",
                    "choices do not match the service's options and variants",
                    {"choice": choice},
                )
        if len(picked) != 1:
            raise app_error(400, "INVALID_SERVICE_CHOICES", "each item needs exactly one choice")
        count += number
    return count


# The ServiceChoice case each option type takes (§21.2); exactly that one may be set.
_CASES = {"CUSTOM": "custom", "DURATION": "duration", "DATE_TIME": "dateTime"}
_ALL_CASES = ("custom", "duration", "dateTime", "participantRange")


def _matches(spec: ServiceSpec, choice: dict[str, Any], known: set[str]) -> bool:
    """Whether ``choice`` is one of the service's variants, in its option type's case."""
    case = _CASES.get(spec.option_type)
    if case is None or any(choice.get(c) is not None for c in _ALL_CASES if c != case):
        return False
    value = choice.get(case)
    if case == "duration":
        return isinstance(value, dict) and str(value.get("minutes")) in known
    if case == "dateTime":
        return isinstance(value, dict) and value.get("name") in known
    return value in known


def chosen_minutes(spec: ServiceSpec, booking: dict[str, Any]) -> int:
    """The booking's length: its duration choice (DURATION options), else the service's."""
    if spec.option_type != "DURATION":
        return spec.duration
    items = (booking.get("participantsChoices") or {}).get("serviceChoices") or []
    for item in items:
        for choice in item.get("choices") or []:
            minutes = (choice.get("duration") or {}).get("minutes")
            if isinstance(minutes, int):
                return minutes
    return spec.duration


def check_deposit(spec: ServiceSpec, option: str, booking: dict[str, Any]) -> None:
    """A deposit-only service paid ONLINE needs ``depositSelected: true`` (§19.2).

    Wix documents the rule, not its error (UNCONFIRMED); a 400 naming the field is likely.
    Without a deposit the field is ignored, as Wix says it is "used only when" one is set.
    """
    selected = booking.get("depositSelected")
    if selected is not None and not isinstance(selected, bool):
        raise invalid("booking.depositSelected", "must be a boolean")
    if spec.deposit is None or option != "ONLINE":
        return
    if not spec.full_upfront_allowed and selected is not True:
        raise invalid(
            "booking.depositSelected",
            "must be true: the service takes a deposit and does not allow paying in full upfront",
        )


def check_payment_option(spec: ServiceSpec, option: str, skip: bool) -> None:
    # ONLINE is accepted even for free or pay-in-person services: Wix lets the booking
    # through and the cart/checkout then fails with INSUFFICIENT_INVENTORY (§6.2 [S]).
    if skip:
        return
    if option == "OFFLINE" and not spec.in_person:
        raise app_error(
            400,
            "VALIDATION_FAILURE",
            "selectedPaymentOption OFFLINE is not allowed for this service",
        )
    if option.startswith("MEMBERSHIP") and not plans_accepted(spec):
        raise app_error(
            400, "VALIDATION_FAILURE", f"selectedPaymentOption {option} needs a pricing plan"
        )


def plans_accepted(spec: ServiceSpec) -> bool:
    """Plans pay for it: some plan covers it, and it is neither a course nor needs approval."""
    return bool(plan_ids_for(spec.key)) and spec.type != "COURSE" and not spec.manual_approval


def contact(ctx: Ctx, booking: dict[str, Any], form: Any) -> dict[str, Any]:
    given = booking.get("contactDetails") if isinstance(booking.get("contactDetails"), dict) else {}
    if isinstance(form, dict):
        # With formSubmission, Wix fills contactDetails from it (keeps only contactId).
        given = {
            "contactId": given.get("contactId"),
            "firstName": form.get("first_name"),
            "lastName": form.get("last_name"),
            "email": form.get("email"),
            "phone": form.get("phone"),
        }
    if not given.get("email") and not given.get("contactId"):
        raise invalid("booking.contactDetails.email", "is required")
    contact = {k: v for k, v in given.items() if v is not None}
    contact["contactId"] = given.get("contactId") or ctx.state.contact_id(given.get("email"))
    return contact
