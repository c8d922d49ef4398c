"""Root URLconf: the booking site, owner admin and sandbox mount (/healthz is a middleware)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import admin
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import include, path

from booking_site.owner.views import auth as owner_auth

urlpatterns = [
    # Pages that don't link an icon (the sandbox's hosted checkout) make browsers ask for this.
    path("favicon.ico", lambda request: redirect(static("img/favicon.svg")), name="favicon"),
    # The admin's sign-in with the staff sign-in's attempt limit and password-check cap.
    path("admin/login/", owner_auth.admin_login),
    path("admin/", admin.site.urls),
    path("", include("booking_site.urls")),
]

if settings.WIX["SANDBOX"]:
    # Only when the built-in sandbox is the Wix we run on: its hosted checkout and images.
    from booking_site import sandbox_mount

    urlpatterns.append(
        path("_wix-sandbox/<path:rest>", sandbox_mount.forward, name="wix-sandbox"),
    )
