"""Service Options and Variants: one option per service (by type) and its priced choices."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Self

from booking_site.wix.errors import WixResponseError
from booking_site.wix.models._parse import obj, objs, opt_int, opt_str, parse_enum, req_str
from booking_site.wix.models.common import Money


class OptionType(StrEnum):
    """``ServiceOption.type`` (docs/wix-contract.md §21.1); an unknown one stays a string."""

    CUSTOM = "CUSTOM"
    DURATION = "DURATION"
    STAFF_MEMBER = "STAFF_MEMBER"
    DATE_TIME = "DATE_TIME"
    NUMBER_OF_PARTICIPANTS = "NUMBER_OF_PARTICIPANTS"
    UNKNOWN = "UNKNOWN"


# The choice oneof of a variant, by the key Wix sends it under (§21.1).
_CHOICE_KINDS = (
    ("custom", OptionType.CUSTOM),
    ("duration", OptionType.DURATION),
    ("staffMemberId", OptionType.STAFF_MEMBER),
    ("dateTime", OptionType.DATE_TIME),
    ("participantRange", OptionType.NUMBER_OF_PARTICIPANTS),
)


@dataclass(frozen=True)
class Variant:
    """One priced choice of the service's single option.

    ``choice`` is the choice's own text: the custom name ("Adult"), the duration's name (or its
    minutes), the staff resource id, or a rule's name. ``kind`` says which case of Wix's
    oneof it is; ``minutes`` (DURATION) and ``staff_id`` (STAFF_MEMBER) hold its value.
    """

    option_id: str
    choice: str
    price: Money
    kind: OptionType | str = OptionType.CUSTOM
    minutes: int | None = None
    staff_id: str | None = None

    @classmethod
    def from_api(cls, payload: Mapping[str, Any]) -> Self:
        """Parse one ``variants.values`` entry; the choice and the price are required."""
        choices = objs(payload.get("choices"))
        if not choices:
            raise WixResponseError("Variant payload lacks choices")
        first = choices[0]
        price = payload.get("price")
        if not isinstance(price, Mapping):
            raise WixResponseError("Variant payload lacks price")
        kind = next((k for key, k in _CHOICE_KINDS if first.get(key)), None)
        if kind is None:
            raise WixResponseError("Variant choice has no custom value, duration or staff member")
        duration = obj(first.get("duration"))
        minutes = opt_int(duration, "minutes")
        if kind == OptionType.DURATION and not minutes:
            raise WixResponseError("Duration variant without minutes")
        return cls(
            option_id=req_str(first, "optionId", "Variant choice"),
            choice=_choice_text(first, kind, minutes),
            price=Money.from_api(price),
            kind=kind,
            minutes=minutes if kind == OptionType.DURATION else None,
            staff_id=opt_str(first, "staffMemberId"),
        )

    def booking_choice(self) -> dict[str, Any]:
        """This choice as Create Booking's ``ServiceChoice`` (docs/wix-contract.md §21.2).

        Only CUSTOM and DURATION options have a booking-side case the site sends; a staff
        member variant is booked through the slot's ``resource`` instead (no case exists), and
        the preview DATE_TIME / NUMBER_OF_PARTICIPANTS rules are not booked by this site.
        """
        if self.kind == OptionType.CUSTOM:
            return {"optionId": self.option_id, "custom": self.choice}
        if self.kind == OptionType.DURATION and self.minutes:
            return {"optionId": self.option_id, "duration": {"minutes": self.minutes}}
        raise ValueError(f"a {self.kind} variant has no booking-side choice the site sends")


def _choice_text(choice: Mapping[str, Any], kind: OptionType, minutes: int | None) -> str:
    if kind == OptionType.CUSTOM:
        return str(choice["custom"])
    if kind == OptionType.DURATION:
        return opt_str(obj(choice.get("duration")), "name") or str(minutes)
    if kind == OptionType.STAFF_MEMBER:
        return str(choice["staffMemberId"])
    rule = obj(choice.get("dateTime")) or obj(choice.get("participantRange"))
    return opt_str(rule, "name") or str(kind)


# Option types this site books end to end; the others are shown with "contact the business".
BOOKABLE_OPTION_TYPES = frozenset({OptionType.CUSTOM, OptionType.DURATION, OptionType.STAFF_MEMBER})


@dataclass(frozen=True)
class ServiceVariants:
    """All variants of one service (Wix allows exactly one option per service)."""

    id: str
    service_id: str
    option_id: str | None
    option_name: str | None
    variants: tuple[Variant, ...]
    min_price: Money | None = None
    max_price: Money | None = None
    option_type: OptionType | str = OptionType.CUSTOM

    @property
    def bookable(self) -> bool:
        """Whether this site can book the service's option type (§21.2)."""
        return self.option_type in BOOKABLE_OPTION_TYPES

    @property
    def is_custom(self) -> bool:
        """Participant categories (one count per choice), the only per-count option type."""
        return self.option_type == OptionType.CUSTOM

    @property
    def durations(self) -> tuple[Variant, ...]:
        """The duration choices, shortest first (empty unless the option is DURATION)."""
        found = [v for v in self.variants if v.kind == OptionType.DURATION]
        return tuple(sorted(found, key=lambda v: v.minutes or 0))

    def for_minutes(self, minutes: int | None) -> Variant | None:
        """The duration variant of ``minutes``, if the service has one."""
        return next((v for v in self.durations if v.minutes == minutes), None)

    def for_staff(self, staff_id: str | None) -> Variant | None:
        """The staff member variant of ``staff_id`` (a resource id), if there is one."""
        return next(
            (
                v
                for v in self.variants
                if v.kind == OptionType.STAFF_MEMBER and v.staff_id == staff_id
            ),
            None,
        )

    @classmethod
    def from_api(cls, payload: Mapping[str, Any]) -> Self:
        """Parse ``{"serviceVariants": {...}}`` (or the inner object)."""
        data = obj(payload.get("serviceVariants")) or payload
        options = objs(obj(data.get("options")).get("values"))
        option = options[0] if options else {}
        variants = tuple(Variant.from_api(v) for v in objs(obj(data.get("variants")).get("values")))
        kind = parse_enum(
            OptionType,
            option.get("type") or (variants[0].kind if variants else None),
            "UNKNOWN",
        )
        return cls(
            id=req_str(data, "id", "ServiceVariants"),
            service_id=req_str(data, "serviceId", "ServiceVariants"),
            option_id=opt_str(option, "id"),
            option_name=opt_str(obj(option.get("customData")), "name")
            or opt_str(obj(option.get("durationData")), "name")
            or opt_str(option, "type"),
            variants=variants,
            min_price=Money.maybe(data.get("minPrice")),
            max_price=Money.maybe(data.get("maxPrice")),
            option_type=kind,
        )
