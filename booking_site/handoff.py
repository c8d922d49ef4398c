"""Hand a booking draft from the iframe's session to the top window's, through a one-time token.

Inside a cross-site iframe the session cookie is partitioned (or, in some browsers, a separate
third-party jar), so the top window, where Wix's checkout runs and its callback lands on our
status page, has a different session. Before leaving the iframe, the draft is parked in the
shared cache under a random single-use token; the top window's first request on our origin
claims it into its own session and goes on to Wix.

The token is 256 random bits, lives ten minutes and works once. Whoever opens it gets the
draft (and so the booking's checkout and status page), which is what the customer's own
browser does a moment later; a stolen, unused token is the only risk, as with any
password-reset style link, and the window is short.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache

TTL_SECONDS = 10 * 60
_PREFIX = "embed-handoff:"


@dataclass(frozen=True)
class Parcel:
    """What the top window takes over: the draft (JSON form) and where to go next."""

    draft: dict[str, Any]
    next_url: str


def park(*, draft: dict[str, Any], next_url: str) -> str:
    """Store the parcel; return its one-time token."""
    token = secrets.token_urlsafe(32)
    cache.set(_PREFIX + token, {"draft": draft, "next_url": next_url}, TTL_SECONDS)
    return token


def claim(token: str) -> Parcel | None:
    """Take the parcel for ``token`` out of the cache; None if unknown, used or expired."""
    if not token or len(token) > 64:
        return None
    key = _PREFIX + token
    data = cache.get(key)
    if not isinstance(data, dict):
        return None
    cache.delete(key)
    draft, next_url = data.get("draft"), data.get("next_url")
    if not isinstance(draft, dict) or not isinstance(next_url, str):
        return None
    return Parcel(draft=draft, next_url=next_url)
