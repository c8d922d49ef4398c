"""Forms of the member pages: the sign-in callback, where to return, which plan to buy."""

from __future__ import annotations

from django import forms
from django.utils.http import url_has_allowed_host_and_scheme


class SignInCallbackForm(forms.Form):
    """What Wix's login sends back (``redirectUri?code=…&state=…`` or ``error=…``)."""

    code = forms.CharField(required=False, max_length=2048)
    state = forms.CharField(required=False, max_length=256)
    error = forms.CharField(required=False, max_length=256)


class NextForm(forms.Form):
    """Where to go after signing in or out: a path on this site only (no open redirect)."""

    next = forms.CharField(required=False, max_length=1000)

    def target(self, default: str) -> str:
        value = self.cleaned_data.get("next") if self.is_valid() else ""
        safe = value and value.startswith("/") and not value.startswith("//")
        if safe and url_has_allowed_host_and_scheme(value, allowed_hosts=None):
            return str(value)
        return default


class PlanForm(forms.Form):
    """The plan to buy."""

    plan = forms.CharField(max_length=64)
