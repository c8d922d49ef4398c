"""Signing in as a Wix member and out again (docs/architecture.md, "Members and plans").

Sign-in is optional and starts from every page's header. The member's tokens replace the
visitor's in the session (the draft's tokens too), so an in-progress booking carries on as the
member; they never reach a page, a cookie value or a log.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlencode

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from booking_site.account_forms import NextForm, SignInCallbackForm
from booking_site.embed import is_framed
from booking_site.errors import BookingError
from booking_site.member_expiry import forget_member
from booking_site.member_session import (
    SignedIn,
    clear_login,
    load_login,
    load_member,
    rotate_session,
    save_login,
    save_member,
)
from booking_site.ratelimit import rate_limited
from booking_site.services import members
from booking_site.session import load_draft, save_draft
from booking_site.views.common import HtmxHttpRequest, absolute_url, browsing, error_page
from booking_site.views.embedding import to_checkout

if TYPE_CHECKING:
    from booking_site.wix import VisitorTokens

SIGN_IN_LIMIT_PER_MINUTE = 10


def keep_member_tokens(request: HtmxHttpRequest, tokens: VisitorTokens | None) -> None:
    """Store the member's refreshed tokens (in the member session and the draft)."""
    signed_in = load_member(request)
    if signed_in is None or tokens is None:
        return
    save_member(request, signed_in.with_tokens(tokens))
    draft = load_draft(request).draft
    save_draft(request, draft.with_tokens(tokens))


@require_GET
@never_cache
@rate_limited("sign-in-start", limit=SIGN_IN_LIMIT_PER_MINUTE, window=60, strict=True)
def sign_in(request: HtmxHttpRequest) -> HttpResponse:
    """Send the customer to Wix's login page, remembering the state and PKCE verifier."""
    target = NextForm(request.GET).target(reverse("booking:my-bookings"))
    if load_member(request) is not None:
        return redirect(target)
    if is_framed(request):
        # In the top window, with the booking in progress carried there; signing in starts
        # again from this view, unframed (the iframe's partitioned session stays behind).
        here = reverse("booking:sign-in") + "?" + urlencode({"next": target})
        return to_checkout(request, here, sign_in=True)
    draft = load_draft(request).draft
    try:
        start = members.start_sign_in(
            visitor_tokens=draft.tokens,
            redirect_uri=absolute_url(request, reverse("booking:sign-in-callback")),
            next_url=target,
        )
    except BookingError as error:
        return error_page(request, error)
    save_login(request, start.attempt)
    save_draft(request, draft.with_tokens(start.visitor_tokens))
    return redirect(start.login_url)


@require_GET
@never_cache
# Like the owner's sign-in: each try costs a Wix code exchange, and a bot guessing codes or
# states must be slowed down (strict: counted across processes).
@rate_limited("sign-in", limit=SIGN_IN_LIMIT_PER_MINUTE, window=60, strict=True)
def sign_in_callback(request: HtmxHttpRequest) -> HttpResponse:
    """Wix's login callback: refused, with nothing changed, unless it answers our sign-in."""
    form = SignInCallbackForm(request.GET)
    form.is_valid()
    attempt = load_login(request)
    try:
        signed_in = members.finish_sign_in(
            attempt,
            state=form.cleaned_data.get("state", ""),
            code=form.cleaned_data.get("code", ""),
            error=form.cleaned_data.get("error", ""),
        )
    except BookingError as error:
        if error.code == "sign_in_refused" and load_member(request) is not None:
            # A spent or stray callback reaching someone signed in already (through Wix's
            # login page again from the browser's history, say): nothing changed, and
            # asking them to "sign in again" would be wrong.
            messages.info(request, _("You're already signed in. Nothing was changed."))
            return redirect("booking:my-bookings")
        return error_page(request, error, retry_url=reverse("booking:sign-in"))
    assert attempt is not None, "finish_sign_in refuses a callback without a sign-in"
    _signed_in(request, signed_in)
    messages.success(request, _("You're signed in."))
    return redirect(attempt.next_url)


def _signed_in(request: HtmxHttpRequest, signed_in: SignedIn) -> None:
    """Keep the member, and the booking in progress now acting as the member."""
    draft = load_draft(request).draft
    rotate_session(request)  # a new session key once signed in (no session fixation)
    clear_login(request)  # the state and code work once
    save_member(request, signed_in)
    save_draft(request, draft.with_tokens(signed_in.member_tokens))


@require_POST
@never_cache
@browsing
def sign_out(request: HtmxHttpRequest) -> HttpResponse:
    """Forget the member here, then let Wix clear its own login (when it can)."""
    signed_in = load_member(request)
    target = NextForm(request.POST).target(reverse("booking:services"))
    if target.startswith(reverse("booking:my-bookings")):
        target = reverse("booking:services")  # members only: it would ask to sign in again
    forget_member(request)
    messages.success(request, _("You're signed out."))
    if signed_in is None:
        return redirect(target)
    wix_logout = members.sign_out_url(signed_in, post_flow_url=absolute_url(request, target))
    return redirect(wix_logout or target)
