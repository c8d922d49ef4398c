"""The member's pages: My bookings (``/me/``) and the plans (``/plans/``, buying one)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from booking_site.account_forms import PlanForm
from booking_site.errors import BookingError
from booking_site.member_session import load_member
from booking_site.presentation import plans as plan_words
from booking_site.services import member_plans, my_bookings, plan_checkout
from booking_site.session import load_draft
from booking_site.views.account import keep_member_tokens
from booking_site.views.common import (
    HtmxHttpRequest,
    absolute_url,
    browsing,
    error_page,
    shows_booking_errors,
)


def _sign_in_first(path: str) -> HttpResponse:
    return redirect(reverse("booking:sign-in") + "?" + urlencode({"next": path}))


@require_GET
@never_cache
@browsing
@shows_booking_errors
def my_bookings_page(request: HtmxHttpRequest) -> HttpResponse:
    """The member's upcoming and past bookings and their plans with what is left."""
    signed_in = load_member(request)
    if signed_in is None:
        return _sign_in_first(request.path)
    held = member_plans.member_plans(signed_in)
    keep_member_tokens(request, held.tokens)
    context = {
        "member": signed_in,
        "bookings": my_bookings.my_bookings(signed_in),
        "plans": [(p, plan_words.left_text(p)) for p in held.plans],
    }
    return render(request, "account/me.html", context)


@require_GET
@never_cache
@browsing
@shows_booking_errors
def plans_page(request: HtmxHttpRequest) -> HttpResponse:
    """The site's public plans: price, term, perks and the services each pays for."""
    listings = member_plans.public_plans()
    context = {
        "listings": [(item, plan_words.plan_term(item.plan)) for item in listings],
        "signed_in": load_member(request) is not None,
        "booking_in_progress": _booking_url(request),
    }
    return render(request, "account/plans.html", context)


@require_POST
@never_cache
@browsing
def buy_plan(request: HtmxHttpRequest) -> HttpResponse:
    """Off to Wix's plan checkout (members only: signed-out customers sign in first)."""
    signed_in = load_member(request)
    if signed_in is None:
        return _sign_in_first(reverse("booking:plans"))
    form = PlanForm(request.POST)
    if not form.is_valid():
        return error_page(request, BookingError("plan_not_found"))
    back = absolute_url(request, reverse("booking:plan-return"))
    try:
        checkout = plan_checkout.plan_checkout(
            signed_in,
            plan_id=form.cleaned_data["plan"],
            return_url=back,
            thank_you_url=back + "?bought=1",
            plans_url=absolute_url(request, reverse("booking:plans")),
        )
    except BookingError as error:
        return error_page(request, error, retry_url=reverse("booking:plans"))
    keep_member_tokens(request, checkout.tokens)
    return redirect(checkout.url)


@require_GET
@never_cache
@browsing
def plan_return(request: HtmxHttpRequest) -> HttpResponse:
    """Back from the plan checkout: to the booking being made, if any, else My bookings.

    Wix's ``planOrderId`` is not trusted: the pages read the member's plans from Wix again.
    """
    if request.GET.get("bought") == "1":
        messages.success(request, _("Thank you: your plan is ready to use."))
    return redirect(_booking_url(request) or reverse("booking:my-bookings"))


def _booking_url(request: HtmxHttpRequest) -> str | None:
    """The details step of the booking in progress (a time already chosen), if there is one."""
    draft = load_draft(request).draft
    if draft.service_id and (draft.slot or draft.service_type == "COURSE"):
        return reverse("booking:details")
    return None
