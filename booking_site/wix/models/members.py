"""Members and Pricing Plans models: the signed-in member, plans, plan orders and balances.

docs/wix-contract.md §28: Members ``GET /members/v1/members/my``, Plans V3, Pricing Plans member
orders (v2) and Benefit Programs balances (the sessions left on a plan).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any, Self

from booking_site.wix.models._parse import obj, objs, opt_bool, opt_datetime, opt_str, req_str
from booking_site.wix.models.common import Money


@dataclass(frozen=True)
class Member:
    """The signed-in Wix member: id, login email and the name to greet them by."""

    id: str
    email: str | None
    name: str | None
    contact_id: str | None

    @classmethod
    def from_api(cls, payload: Mapping[str, Any]) -> Self:
        """Parse ``{"member": {...}}`` (or the inner object)."""
        data = obj(payload.get("member")) or payload
        contact, profile = obj(data.get("contact")), obj(data.get("profile"))
        first = opt_str(contact, "firstName")
        name = " ".join(p for p in (first, opt_str(contact, "lastName")) if p) or None
        return cls(
            id=req_str(data, "id", "Member"),
            email=opt_str(data, "loginEmail"),
            name=first or name or opt_str(profile, "nickname"),
            contact_id=opt_str(data, "contactId"),
        )


@dataclass(frozen=True)
class Plan:
    """A pricing plan (Plans V3) as a customer sees it before buying."""

    id: str
    name: str
    description: str | None
    price: Money | None
    perks: tuple[str, ...]
    public: bool
    buyable: bool
    cycle_count: int | None
    cycle_period: str | None

    @classmethod
    def from_api(cls, payload: Mapping[str, Any]) -> Self:
        """Parse one ``plans[]`` item: the first pricing variant's flat rate and term."""
        variants = objs(payload.get("pricingVariants"))
        variant = variants[0] if variants else {}
        strategies = objs(variant.get("pricingStrategies"))
        rate = obj(strategies[0].get("flatRate")) if strategies else {}
        currency = opt_str(payload, "currency")
        cycle = obj(obj(variant.get("billingTerms")).get("billingCycle"))
        count = opt_str(cycle, "count") or cycle.get("count")
        return cls(
            id=req_str(payload, "id", "Plan"),
            name=opt_str(payload, "name") or "",
            description=opt_str(payload, "description"),
            price=Money.maybe(rate, currency=currency) if rate else None,
            perks=tuple(
                text for p in objs(payload.get("perks")) if (text := opt_str(p, "description"))
            ),
            public=opt_str(payload, "visibility") == "PUBLIC",
            buyable=opt_bool(payload, "buyable"),
            cycle_count=int(count)
            if isinstance(count, str | int) and str(count).isdigit()
            else None,
            cycle_period=opt_str(cycle, "period"),
        )


@dataclass(frozen=True)
class PlanOrder:
    """One of the member's plan orders (what they bought); usable while ACTIVE and in dates."""

    id: str
    plan_id: str
    plan_name: str
    status: str
    start: datetime | None
    end: datetime | None

    def usable_at(self, now: datetime) -> bool:
        """ACTIVE and ``now`` within start…end (docs/wix-contract.md §28.2)."""
        if self.status != "ACTIVE":
            return False
        return (self.start is None or self.start <= now) and (self.end is None or now < self.end)

    @classmethod
    def from_api(cls, payload: Mapping[str, Any]) -> Self:
        """Parse one ``orders[]`` item of Member List Orders."""
        return cls(
            id=req_str(payload, "id", "PlanOrder"),
            plan_id=opt_str(payload, "planId") or "",
            plan_name=opt_str(payload, "planName") or "",
            status=opt_str(payload, "status") or "UNDEFINED",
            start=opt_datetime(payload, "startDate"),
            end=opt_datetime(payload, "endDate"),
        )


@dataclass(frozen=True)
class Balance:
    """A benefit pool's balance: sessions (or credits) left of the pool's credit amount.

    ``program_id`` / ``plan_id`` are the pool's external program (the plan order) and program
    definition (the plan); that link is inferred (docs/wix-contract.md §28.2).
    """

    pool_id: str
    member_id: str | None
    available: Decimal
    credit_amount: Decimal | None
    program_id: str | None
    plan_id: str | None

    @classmethod
    def from_api(cls, payload: Mapping[str, Any]) -> Self:
        """Parse one ``balances[]`` item."""
        pool, amount = obj(payload.get("poolInfo")), obj(payload.get("amount"))
        return cls(
            pool_id=req_str(payload, "id", "Balance"),
            member_id=opt_str(obj(payload.get("beneficiary")), "memberId"),
            available=_decimal(amount.get("available")) or Decimal(0),
            credit_amount=_decimal(pool.get("creditAmount")),
            program_id=opt_str(pool, "externalProgramId"),
            plan_id=opt_str(pool, "externalProgramDefinitionId"),
        )


def _decimal(value: Any) -> Decimal | None:
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return None
    return number if number.is_finite() else None
