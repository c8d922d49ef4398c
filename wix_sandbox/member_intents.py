"""Redirect sessions for members (docs/wix-contract.md §26.2): ``auth``, ``logout`` and
``paidPlansCheckout``; exactly one intent per request, as Wix requires."""

from __future__ import annotations

import uuid
from typing import Any

from . import demo_plans, members
from .context import Ctx
from .errors import invalid, not_found
from .member_state import PlanCheckoutSession

INTENTS = ("auth", "logout", "paidPlansCheckout", "login", "bookingsCheckout")


def create(ctx: Ctx, body: dict[str, Any], base: str) -> dict[str, Any]:
    """A member redirect session (``fullUrl`` on the sandbox's hosted pages)."""
    given = [name for name in INTENTS if name in body]
    if len(given) != 1 or given[0] not in ("auth", "logout", "paidPlansCheckout"):
        raise invalid(
            "intent",
            "exactly one intent is required (the sandbox emulates ecomCheckout, auth, logout "
            "and paidPlansCheckout)",
        )
    intent = body[given[0]] if isinstance(body[given[0]], dict) else {}
    callbacks = body.get("callbacks") if isinstance(body.get("callbacks"), dict) else {}
    if given[0] == "auth":
        return members.create_login_session(ctx, intent, base)
    if given[0] == "logout":
        return members.create_logout_session(ctx, intent, callbacks, base)
    plan = demo_plans.plan(str(intent.get("planId") or ""))
    if plan is None:
        raise not_found("PLAN_NOT_FOUND", f"plan {intent.get('planId')} not found")
    session = PlanCheckoutSession(
        str(uuid.uuid4()),
        base,
        plan.id,
        ctx.member_id,  # plan purchases are for members only (§28.5)
        callbacks.get("postFlowUrl"),
        callbacks.get("thankYouPageUrl"),
    )
    ctx.state.members.plan_checkouts[session.id] = session
    return members.session_doc(session.id, f"{base}/plan-checkout/{session.id}")
