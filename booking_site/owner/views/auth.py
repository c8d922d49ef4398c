"""Staff sign-in for owner mode and the admin: Django's own auth, staff only, rate-limited.

Both sign-in pages share one allowance per client (ten attempts per five minutes), and each
process runs only a few password checks at once: every check is a deliberately slow hash, so
a crowd of bogus logins could otherwise take every thread and the site with it.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import user_passes_test
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator

from booking_site.ratelimit import rate_limited

LOGIN_URL = reverse_lazy("booking:owner-login")
SIGN_IN_ACTION = "owner-login"  # one allowance for the owner and the admin sign-in
SIGN_IN_LIMIT, SIGN_IN_WINDOW = 10, 300
BUSY_RETRY_AFTER = 5

View = Callable[..., HttpResponse]

# Only staff users (created with createsuperuser or in the admin) may use owner pages;
# everyone else, customers included, is sent to the sign-in page.
owner_required: Callable[[View], View] = user_passes_test(
    lambda user: user.is_active and user.is_staff, login_url=LOGIN_URL
)

_gate_lock = threading.Lock()
_gate: tuple[int, threading.BoundedSemaphore] | None = None


def _password_gate() -> threading.BoundedSemaphore:
    """This process's semaphore for ``settings.PASSWORD_CHECKS_MAX_CONCURRENT`` checks."""
    global _gate
    size = max(1, int(getattr(settings, "PASSWORD_CHECKS_MAX_CONCURRENT", 2)))
    with _gate_lock:
        if _gate is None or _gate[0] != size:  # a changed setting (tests) gets a new gate
            _gate = (size, threading.BoundedSemaphore(size))
        return _gate[1]


def bounded_password_checks(view: View) -> View:
    """Run ``view`` (a sign-in POST) only while a password-check slot is free.

    A request that finds none within ``settings.PASSWORD_CHECKS_WAIT_SECONDS`` gets a 503
    "try again in a few seconds" page at once, instead of queueing CPU-bound hashes.
    """

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        gate = _password_gate()
        if not gate.acquire(timeout=float(getattr(settings, "PASSWORD_CHECKS_WAIT_SECONDS", 2))):
            context = {"retry_after": BUSY_RETRY_AFTER}
            response = render(request, "rate_limited.html", context, status=503)
            response["Retry-After"] = str(BUSY_RETRY_AFTER)
            return response
        try:
            return view(request, *args, **kwargs)
        finally:
            gate.release()

    return wrapper


_sign_in_limit = rate_limited(SIGN_IN_ACTION, limit=SIGN_IN_LIMIT, window=SIGN_IN_WINDOW)


@method_decorator(_sign_in_limit, name="post")
@method_decorator(bounded_password_checks, name="post")
class OwnerLoginView(auth_views.LoginView):
    """The sign-in page; ten attempts per client per five minutes.

    Staff who are signed in go straight on. Someone signed in without staff access (a
    customer account) is told so, with a sign-out button, and a 403: sending them on to the
    owner pages would only send them back here, round and round.
    """

    template_name = "owner/login.html"
    redirect_authenticated_user = True

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        user = request.user
        if user.is_authenticated and not (user.is_active and user.is_staff):
            context = {"signed_in_without_staff_access": user.get_username()}
            return render(request, self.template_name, context, status=403)
        return super().dispatch(request, *args, **kwargs)

    def get_default_redirect_url(self) -> str:
        return str(reverse_lazy("booking:owner-home"))


_limited_admin_login = _sign_in_limit(bounded_password_checks(admin.site.login))


def admin_login(request: HttpRequest) -> HttpResponseBase:
    """Django admin's sign-in, under the same allowance and password-check cap as ours."""
    if request.method == "POST":
        return _limited_admin_login(request)
    return admin.site.login(request)


def owner_logout(request: HttpRequest) -> HttpResponseBase:
    """Sign out (POST only, as Django's LogoutView requires)."""
    return auth_views.LogoutView.as_view(next_page=reverse_lazy("booking:services"))(request)
