"""Members and Pricing Plans APIs: the signed-in member, public plans, plan orders, balances."""

from __future__ import annotations

from booking_site.wix.models._parse import objs
from booking_site.wix.models.members import Balance, Member, Plan, PlanOrder
from booking_site.wix.resources._base import Resource


class MembersAPI(Resource):
    """The member behind the current (member) token."""

    def get_my_member(self) -> Member:
        """Get My Member with the member's token (``fieldsets=FULL`` for the contact name).

        https://dev.wix.com/docs/rest/crm/members-contacts/members/members/get-my-member
        """
        response = self._caller.request(
            "GET",
            "/members/v1/members/my",
            params={"fieldsets": "FULL"},
            identity="visitor",
            retry=True,
        )
        return Member.from_api(response)


class PlansAPI(Resource):
    """Pricing Plans V3 plans (public reads) and the member's own plan orders (v2)."""

    def query_public(self, *, limit: int = 100) -> tuple[Plan, ...]:
        """The site's plans that are PUBLIC (visitors may read those).

        Plans V3 Query Plans is a GET in the SDK (``query`` in the query string); the
        visibility filter is applied here too, so a hidden plan is never offered.
        https://dev.wix.com/docs/api-reference/business-solutions/pricing-plans/plans-v3/query-plans
        """
        response = self._caller.request(
            "GET",
            "/pricing-plans/v3/plans/query",
            params={"query.cursorPaging.limit": str(limit)},
            identity="any",
            retry=True,
        )
        plans = (Plan.from_api(p) for p in objs(response.get("plans")))
        return tuple(plan for plan in plans if plan.public)

    def member_orders(self) -> tuple[PlanOrder, ...]:
        """The signed-in member's plan orders (member token; ``PRICING_PLANS.READ_OWN_ORDERS``).

        Unfiltered (``orderStatuses`` is a repeated parameter): ``PlanOrder.usable_at`` decides.
        https://dev.wix.com/docs/rest/business-solutions/pricing-plans/pricing-plans/orders/member-list-orders
        """
        params = {"limit": "50"}
        response = self._caller.request(
            "GET", "/pricing-plans/v2/member/orders", params=params, identity="visitor", retry=True
        )
        return tuple(PlanOrder.from_api(o) for o in objs(response.get("orders")))


class BalancesAPI(Resource):
    """Benefit Programs balances: what is left on a member's plans (API key only)."""

    def query_for_member(self, member_id: str) -> tuple[Balance, ...]:
        """The member's balances (``BENEFIT_PROGRAMS.BALANCE_READ``, API key).

        https://dev.wix.com/docs/api-reference/business-solutions/benefit-programs/balances/query-balances
        """
        body = {
            "query": {
                "filter": {"beneficiary.memberId": {"$eq": member_id}},
                "cursorPaging": {"limit": 100},
            }
        }
        response = self._caller.request(
            "POST", "/benefit-programs/v1/balances/query", json=body, identity="admin", retry=True
        )
        return tuple(Balance.from_api(b) for b in objs(response.get("balances")))
