"""Wix's anonymous-action token of a booking (docs/wix-contract.md §27), minted once per booking.

The token reads, cancels and reschedules a booking with no other credential. Wix documents
minting as API-key only (§1.4, §27.1); its own headless recipe mints from the visitor who made
the booking. So with the key the key mints it, and without it the customer's own visitor
tries, once per booking: where Wix refuses, that is remembered for a while (no call spent on
every status page) and the site does without, as it did before.
"""

from __future__ import annotations

import logging
import secrets

from django.core.cache import cache

from booking_site.models import Submission
from booking_site.wix import VisitorTokens, WixError, WixForbidden, WixUnauthorized, get_client

logger = logging.getLogger(__name__)

_TOKEN_BYTES = 24
# Wix refused a visitor's mint: don't ask again for this long (the answer is the site's setup).
VISITOR_REFUSED_KEY = "action-token:visitor-refused"
VISITOR_REFUSED_TTL = 3600


def can_mint() -> bool:
    """Whether tokens can be minted here: with the API key, or while visitors are not refused."""
    return get_client().has_api_key or not cache.get(VISITOR_REFUSED_KEY)


def mint_for(ref: str, *, visitor_tokens: VisitorTokens | None = None) -> str | None:
    """Our manage-link key for the booking of ``ref``, minting Wix's token on first use.

    With the API key the key mints; without it the booking's own visitor (``visitor_tokens``)
    tries. Tolerant by contract: no booking yet, no way to mint, or any Wix error gives None
    (logged), never an exception. Two first calls at once keep one token (conditional update).
    """
    row = Submission.objects.filter(ref=ref).first()
    if row is None or not row.booking_id:
        return None
    if row.manage_token:
        return row.manage_token
    client = get_client()
    if not client.has_api_key and (visitor_tokens is None or cache.get(VISITOR_REFUSED_KEY)):
        return None
    minter = client if client.has_api_key else client.for_visitor(visitor_tokens)
    try:
        wix_token = minter.anonymous_bookings.mint_token(row.booking_id)
    except WixError as exc:
        if not client.has_api_key and isinstance(exc, WixForbidden | WixUnauthorized):
            # As documented: only the key may mint. Remember it rather than ask every time.
            cache.set(VISITOR_REFUSED_KEY, True, VISITOR_REFUSED_TTL)
        logger.warning(
            "anonymous action token not minted",
            extra={"ref": ref, "wix_request_id": getattr(exc, "request_id", None)},
        )
        return None
    ours = secrets.token_urlsafe(_TOKEN_BYTES)
    Submission.objects.filter(ref=ref, manage_token__isnull=True).update(
        manage_token=ours, wix_manage_token=wix_token
    )
    return Submission.objects.filter(ref=ref).values_list("manage_token", flat=True).first()


def wix_token_for(ref: str, *, visitor_tokens: VisitorTokens | None) -> str | None:
    """Wix's token for the booking of ``ref`` (minted on first use), or None when there is none."""
    if mint_for(ref, visitor_tokens=visitor_tokens) is None:
        return None
    return Submission.objects.filter(ref=ref).values_list("wix_manage_token", flat=True).first()
