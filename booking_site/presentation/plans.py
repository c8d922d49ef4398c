"""How plans read on the pages: the payment choice, what is left, why a plan can't be used."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from booking_site.services.member_plans import MemberPlan, NoPlanReason
from booking_site.templatetags.booking_tags import amount_in

if TYPE_CHECKING:
    from booking_site.wix import Plan

_REASONS: dict[str, str] = {
    "course": "Plans can't be used to book courses: Wix doesn't let plans pay for them.",
    "approval": (
        "Plans can't be used for this service because the studio confirms each request "
        "itself: Wix doesn't let plans pay for services that need approval."
    ),
    "not_offered": "The studio doesn't accept plans for this service.",
    "none_cover": "None of your plans covers this service.",
    "none_left": "Your plans for this service have no sessions left.",
}


def plan_reason_text(reason: NoPlanReason) -> str:
    """Why the member can't pay this service with a plan, in the site's words."""
    return _(_REASONS[reason])


def _unit(plan: MemberPlan, count: int) -> str:
    if plan.classes_only:
        return ngettext("class", "classes", count)
    return ngettext("session", "sessions", count)


def left_text(plan: MemberPlan) -> str:
    """ "4 of 10 classes left, until 31 March" (what Wix says; the date only when it ends)."""
    until = f"{plan.until.day} {plan.until:%B}" if plan.until else ""
    if plan.left is not None and plan.total is not None:
        text = _("%(left)s of %(total)s %(unit)s left") % {
            "left": plan.left,
            "total": plan.total,
            "unit": _unit(plan, plan.total),
        }
    elif plan.left is not None:
        text = _("%(left)s %(unit)s left") % {"left": plan.left, "unit": _unit(plan, plan.left)}
    else:
        text = _("Active")
    return _("%(text)s, until %(day)s") % {"text": text, "day": until} if until else text


def plan_choice_label(plan: MemberPlan) -> str:
    """The payment radio: "Use your 10-class pass (4 left): nothing to pay"."""
    if plan.left is not None:
        return _("Use your %(name)s (%(left)s left): nothing to pay") % {
            "name": plan.name,
            "left": plan.left,
        }
    return _("Use your %(name)s: nothing to pay") % {"name": plan.name}


def too_few_sessions_text(plan: MemberPlan) -> str:
    """Why the details step refuses a plan with fewer sessions left than participants."""
    return _(
        "Your %(name)s has %(left)s left, one per participant: choose fewer participants or "
        "another way to pay."
    ) % {"name": plan.name, "left": f"{plan.left} {_unit(plan, plan.left or 0)}"}


def plan_paid_label(plan: MemberPlan) -> str:
    """The review page's payment line."""
    return _("With your %(name)s (one session per participant)") % {"name": plan.name}


def plan_price_rows(
    plan_name: str, participants: int, currency: str | None
) -> list[tuple[str, str]]:
    """The price box of a booking a plan pays: what the plan covers and what is due now.

    [("Paid with", "your 10-class pass (2 sessions, one per participant)"), ("Due now", "£0")]:
    Wix redeems one session per participant (§28.3), so nothing is charged here; anything
    Wix still asks for after its calculation (add-ons) is paid on its checkout.
    """
    covers = ngettext("%(n)d session", "%(n)d sessions, one per participant", participants) % {
        "n": participants
    }
    due = amount_in("0", currency) or _("nothing")
    paid = _("your %(name)s (%(covers)s)") % {"name": plan_name, "covers": covers}
    # A short term: a long one overflows the summary's narrow first column on phones.
    return [(_("Paid with"), paid), (_("Due now"), due)]


def plan_term(plan: Plan) -> str:
    """ "Valid for 3 months" from the plan's billing cycle, or "" when Wix gives none."""
    if not plan.cycle_count or not plan.cycle_period:
        return ""
    names = {
        "DAY": ngettext("day", "days", plan.cycle_count),
        "WEEK": ngettext("week", "weeks", plan.cycle_count),
        "MONTH": ngettext("month", "months", plan.cycle_count),
        "YEAR": ngettext("year", "years", plan.cycle_count),
    }
    unit = names.get(plan.cycle_period)
    if unit is None:
        return ""
    return _("Valid for %(count)s %(unit)s") % {"count": plan.cycle_count, "unit": unit}
