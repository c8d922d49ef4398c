"""Template context shared by every page."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from booking_site.presentation.staff import anyone_label
from booking_site.services.catalogue import site_info


def csp_nonce(request: HttpRequest) -> dict[str, object]:
    """Expose django-csp's nonce under the name django-htmx's ``{% htmx_script %}`` looks for."""
    return {"csp_nonce": getattr(request, "csp_nonce", None)}


def site(request: HttpRequest) -> dict[str, object]:
    """The business's name (cached from Wix), whether the built-in sandbox is in use, and how
    "anyone available" is said before Wix names the person."""
    return {
        "wix_sandbox": bool(settings.WIX["SANDBOX"]),
        "business_name": site_info().business_name,
        "anyone_label": anyone_label(),
    }
