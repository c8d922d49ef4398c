"""Hand a booking draft from the iframe's session to the top window's, through a one-time token.

Inside a cross-site iframe the session cookie is partitioned (or, in some browsers, a separate
third-party jar), so the top window, where Wix's checkout runs and its callback lands on our
status page, has a different session. Before leaving the iframe, the draft is parked in the
database (``HandoffParcel``) under a random single-use token; the top window's first request on
our origin claims it into its own session and goes on to Wix. The database, not the cache:
the two requests may reach different processes, and without Redis each process has its own
local-memory cache (the token would be found by chance only).

The token is 256 random bits, lives ten minutes and works once: a claim deletes the row, and
only the request whose DELETE removed it gets the parcel, so parallel claims cannot both win.
Whoever opens it gets the draft (and so the booking's checkout and status page), which is what
the customer's own browser does a moment later; a stolen, unused token is the only risk, as
with any password-reset style link, and the window is short. Only a hash of the token is
stored.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.utils import timezone

from booking_site.models import HandoffParcel

TTL_SECONDS = 10 * 60


@dataclass(frozen=True)
class Parcel:
    """What the top window takes over: the draft (JSON form) and where to go next."""

    draft: dict[str, Any]
    next_url: str


def _key(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def park(*, draft: dict[str, Any], next_url: str) -> str:
    """Store the parcel for ten minutes; return its one-time token.

    Expired parcels are swept here (an indexed range delete), so the table stays small
    without a scheduled job.
    """
    now = timezone.now()
    HandoffParcel.objects.filter(expires_at__lte=now).delete()
    token = secrets.token_urlsafe(32)
    HandoffParcel.objects.create(
        key=_key(token),
        draft=draft,
        next_url=next_url,
        expires_at=now + timedelta(seconds=TTL_SECONDS),
    )
    return token


def claim(token: str) -> Parcel | None:
    """Take the parcel for ``token``, once; None if unknown, already claimed or expired."""
    if not token or len(token) > 64:
        return None
    live = HandoffParcel.objects.filter(key=_key(token), expires_at__gt=timezone.now())
    row = live.first()
    # The DELETE decides: of several requests that read the row, one removes it.
    if row is None or live.delete()[0] != 1:
        return None
    if not isinstance(row.draft, dict):
        return None
    return Parcel(draft=row.draft, next_url=row.next_url)
