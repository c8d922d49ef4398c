"""Staff sign-in for owner mode: Django's own auth, staff users only, rate-limited."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import user_passes_test
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator

from booking_site.ratelimit import rate_limited

LOGIN_URL = reverse_lazy("booking:owner-login")

# Only staff users (created with createsuperuser or in the admin) may use owner pages;
# everyone else, customers included, is sent to the sign-in page.
owner_required: Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]] = (
    user_passes_test(lambda user: user.is_active and user.is_staff, login_url=LOGIN_URL)
)


@method_decorator(rate_limited("owner-login", limit=10, window=300), name="post")
class OwnerLoginView(auth_views.LoginView):
    """The sign-in page; ten attempts per client per five minutes."""

    template_name = "owner/login.html"
    redirect_authenticated_user = True

    def get_default_redirect_url(self) -> str:
        return str(reverse_lazy("booking:owner-home"))


def owner_logout(request: HttpRequest) -> HttpResponseBase:
    """Sign out (POST only, as Django's LogoutView requires)."""
    return auth_views.LogoutView.as_view(next_page=reverse_lazy("booking:services"))(request)
