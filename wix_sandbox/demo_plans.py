"""The demo business's pricing plans and its demo member (docs/wix-contract.md §28).

The demo member signs in on the sandbox's login page with ``DEMO_MEMBER_EMAIL`` (no password:
it is a demo) and holds a 10-class pass with 4 of 10 classes left. Any other email address
registers a new member without plans, as Wix's login page would.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .demo_types import demo_id

DEMO_MEMBER_EMAIL = "member@fernleigh.example"
DEMO_MEMBER_NAME = ("Alex", "Morgan")


@dataclass(frozen=True)
class PlanSpec:
    """A plan: its price, how many sessions it gives, for how long, and what it pays for."""

    key: str
    name: str
    description: str
    price: Decimal
    sessions: int
    months: int
    services: tuple[str, ...]
    perks: tuple[str, ...] = ()
    public: bool = True

    @property
    def id(self) -> str:
        return demo_id("plan", self.key)


PLANS: tuple[PlanSpec, ...] = (
    PlanSpec(
        "class_pass",
        "10-class pass",
        "Ten yoga classes to use within three months.",
        Decimal("150.00"),
        10,
        3,
        ("yoga", "family_yoga"),
        ("Vinyasa flow and Family yoga", "One class per participant"),
    ),
    PlanSpec(
        "massage_trio",
        "Massage trio",
        "Three deep tissue massages to use within six months.",
        Decimal("180.00"),
        3,
        6,
        ("massage",),
        ("Three 60-minute massages",),
    ),
)
# What the demo member holds when the sandbox starts: the plan and the sessions left.
DEMO_MEMBER_HOLDS = (("class_pass", 4),)


def plan_ids_for(service_key: str) -> list[str]:
    """``payment.pricingPlanIds`` of a service: the plans that pay for it."""
    return [plan.id for plan in PLANS if service_key in plan.services]


def plan(plan_id: str) -> PlanSpec | None:
    return next((p for p in PLANS if p.id == plan_id), None)
