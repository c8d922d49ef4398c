"""Service pricing: the rate type and the prices and payment options that go with it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Any, Self

from booking_site.wix.models._parse import obj, opt_bool, opt_str, parse_enum, strs
from booking_site.wix.models.common import Money


class RateType(StrEnum):
    """How a service is priced."""

    FIXED = "FIXED"
    CUSTOM = "CUSTOM"
    VARIED = "VARIED"
    NO_FEE = "NO_FEE"
    SUBSCRIPTION = "SUBSCRIPTION"


@dataclass(frozen=True)
class ServicePayment:
    """Price and payment options; which price fields are set depends on ``rate_type``."""

    rate_type: RateType | str
    price: Money | None = None
    min_price: Money | None = None
    max_price: Money | None = None
    default_price: Money | None = None
    custom_text: str | None = None
    online: bool = False
    in_person: bool = False
    deposit: Money | None = None
    # With a deposit: whether the customer may pay everything upfront instead (§19.1).
    full_upfront_allowed: bool = False
    # Wix Pricing Plans may pay for it (docs/wix-contract.md §28.2): the option and which plans.
    pricing_plan: bool = False
    pricing_plan_ids: tuple[str, ...] = ()

    @property
    def is_free(self) -> bool:
        """True for NO_FEE services and fixed prices of zero."""
        if self.rate_type == RateType.NO_FEE:
            return True
        return (
            self.rate_type == RateType.FIXED
            and self.price is not None
            and (self.price.amount == Decimal(0))
        )

    @classmethod
    def from_api(cls, payload: Mapping[str, Any]) -> Self:
        """Parse ``service.payment``."""
        fixed, varied = obj(payload.get("fixed")), obj(payload.get("varied"))
        options = obj(payload.get("options"))
        price = Money.maybe(fixed.get("price")) or Money.maybe(
            obj(payload.get("subscription")).get("amountPerBillingCycle")
        )
        deposit = Money.maybe(fixed.get("deposit")) or Money.maybe(varied.get("deposit"))
        priced = fixed if fixed.get("deposit") else varied
        return cls(
            rate_type=parse_enum(RateType, payload.get("rateType"), "UNKNOWN"),
            price=price,
            min_price=Money.maybe(varied.get("minPrice")),
            max_price=Money.maybe(varied.get("maxPrice")),
            default_price=Money.maybe(varied.get("defaultPrice")),
            custom_text=opt_str(obj(payload.get("custom")), "description"),
            online=opt_bool(options, "online"),
            in_person=opt_bool(options, "inPerson"),
            # A deposit amount may linger in the payload after the owner switched deposits off.
            deposit=deposit if opt_bool(options, "deposit", default=True) else None,
            full_upfront_allowed=opt_bool(priced, "fullUpfrontPaymentAllowed"),
            pricing_plan=opt_bool(options, "pricingPlan"),
            pricing_plan_ids=strs(payload.get("pricingPlanIds")),
        )
