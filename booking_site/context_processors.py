"""Template context shared by every page."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from booking_site.member_session import load_member
from booking_site.presentation.staff import anyone_label
from booking_site.services.catalogue import site_info


def csp_nonce(request: HttpRequest) -> dict[str, object]:
    """Expose django-csp's nonce under the name django-htmx's ``{% htmx_script %}`` looks for."""
    return {"csp_nonce": getattr(request, "csp_nonce", None)}


def site(request: HttpRequest) -> dict[str, object]:
    """The business's name and logo (``BRAND_LOGO_URL``, else Wix's; cached), whether the
    built-in sandbox is in use, and how "anyone available" is said before Wix names the person."""
    info = site_info()
    return {
        "wix_sandbox": bool(settings.WIX["SANDBOX"]),
        "business_name": info.business_name,
        "brand_logo_url": getattr(settings, "BRAND_LOGO_URL", None) or info.logo_url,
        "anyone_label": anyone_label(),
    }


def member(request: HttpRequest) -> dict[str, object]:
    """The header's sign-in link: the signed-in member's name only (never their tokens)."""
    signed_in = load_member(request) if hasattr(request, "session") else None
    return {
        "member_name": (signed_in.name or signed_in.email) if signed_in else None,
        "signed_in": signed_in is not None,
    }
