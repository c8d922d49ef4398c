"""Forgetting the member: on sign-out, and when Wix refuses their refresh token.

When Wix refuses a member's refresh token (revoked, or expired), the site must not carry on
with a visitor's token under a "signed in" header (docs/wix-contract.md §28.1): the member is
signed out visibly, and the booking in progress is kept, as a visitor's (a plan choice
dropped: only a member can pay with one).
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from booking_site.flow import navigate
from booking_site.member_session import clear_member, rotate_session
from booking_site.session import load_draft, save_draft

SIGN_IN_EXPIRED = "sign_in_expired"


def forget_member(request: HttpRequest) -> None:
    """Sign out here: no member, and the draft back to an anonymous visitor's, rest kept."""
    clear_member(request)
    draft = load_draft(request).draft
    paid_by_plan = draft.payment_option == "MEMBERSHIP"
    # The member's tokens must not act for whoever is next.
    save_draft(
        request,
        draft.with_changes(
            visitor_tokens=None,
            payment_option=None if paid_by_plan else draft.payment_option,
            plan_order_id=None,
            plan_name=None,
        ),
    )
    rotate_session(request)


def signed_out_after_expiry(request: HttpRequest) -> HttpResponse:
    """Sign the member out, say so, and show the page again signed out.

    A GET comes back to the same address; after a POST (a submit, a form) the details step of
    the booking in progress, or the services list.
    """
    forget_member(request)
    messages.warning(request, _("Your sign-in has expired — sign in again."))
    if request.method == "GET" and not getattr(request, "htmx", False):
        return navigate(request, request.get_full_path())
    has_booking = load_draft(request).draft.service_id is not None
    return navigate(request, reverse("booking:details" if has_booking else "booking:services"))
