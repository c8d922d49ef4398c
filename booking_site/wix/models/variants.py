"""Service Options and Variants: participant categories or durations with their prices."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Self

from booking_site.wix.errors import WixResponseError
from booking_site.wix.models._parse import obj, objs, opt_int, opt_str, req_str
from booking_site.wix.models.common import Money


@dataclass(frozen=True)
class Variant:
    """One priced choice of the service's single option (e.g. "Adult" at £20)."""

    option_id: str
    choice: str
    price: Money

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
        return cls(
            option_id=req_str(first, "optionId", "Variant choice"),
            choice=_choice_text(first),
            price=Money.from_api(price),
        )


def _choice_text(choice: Mapping[str, Any]) -> str:
    custom = opt_str(choice, "custom")
    if custom:
        return custom
    duration = obj(choice.get("duration"))
    text = opt_str(duration, "name") or (
        str(opt_int(duration, "minutes")) if opt_int(duration, "minutes") else None
    )
    text = text or opt_str(choice, "staffMemberId")
    if text is None:
        raise WixResponseError("Variant choice has no custom value, duration or staff member")
    return text


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

    @classmethod
    def from_api(cls, payload: Mapping[str, Any]) -> Self:
        """Parse ``{"serviceVariants": {...}}`` (or the inner object)."""
        data = obj(payload.get("serviceVariants")) or payload
        options = objs(obj(data.get("options")).get("values"))
        option = options[0] if options else {}
        return cls(
            id=req_str(data, "id", "ServiceVariants"),
            service_id=req_str(data, "serviceId", "ServiceVariants"),
            option_id=opt_str(option, "id"),
            option_name=opt_str(obj(option.get("customData")), "name") or opt_str(option, "type"),
            variants=tuple(
                Variant.from_api(v) for v in objs(obj(data.get("variants")).get("values"))
            ),
            min_price=Money.maybe(data.get("minPrice")),
            max_price=Money.maybe(data.get("maxPrice")),
        )
