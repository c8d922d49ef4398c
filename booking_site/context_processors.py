"""Template context shared by every page."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def csp_nonce(request: HttpRequest) -> dict[str, object]:
    """Expose django-csp's nonce under the name django-htmx's ``{% htmx_script %}`` looks for."""
    return {"csp_nonce": getattr(request, "csp_nonce", None)}


def site(request: HttpRequest) -> dict[str, object]:
    """Flags templates need: whether the built-in Wix sandbox is what the site runs on."""
    return {"wix_sandbox": bool(settings.WIX["SANDBOX"])}
