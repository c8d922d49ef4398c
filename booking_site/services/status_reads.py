"""A booking's status as the customer's pages read it: one Wix read per booking every few seconds.

The status page and the calendar file each ask Wix (docs/wix-contract.md §10: the status always
comes from Wix). Reloads, a second tab and the .ics download within a few seconds share that one
answer, so a customer pressing reload does not spend the site's Wix quota. What changes the status
through us (the return from Wix's checkout, a submit) drops the shared answer first, so the first
read after it is fresh and a customer who just paid never sees a stale "not paid".
"""

from __future__ import annotations

from django.core.cache import cache

from booking_site.services.outcome import BookingOutcome, booking_outcome
from booking_site.wix import VisitorTokens

STATUS_TTL = 5  # seconds; short enough that a change made at Wix itself shows almost at once


def _key(ref: str) -> str:
    return f"booking-status:{ref}"


# Answers given while Wix could not be asked: the page refreshes itself to ask again.
_UNREAD = frozenset({"confirming", "unchecked"})


def read_outcome(
    ref: str, *, order_id: str | None = None, visitor_tokens: VisitorTokens | None = None
) -> BookingOutcome:
    """``booking_outcome(ref, …)``, shared for ``STATUS_TTL`` seconds; raises as it does.

    Errors, and the "we could not ask Wix" answers, are never kept: the next read asks again.
    An ``order_id`` (Wix's thank-you callback) is passed on when the answer is not shared,
    which is always the case right after the return, since ``forget`` ran then.
    """
    shared = cache.get(_key(ref))
    if isinstance(shared, BookingOutcome):
        return shared
    result = booking_outcome(ref, order_id=order_id, visitor_tokens=visitor_tokens)
    if result.status not in _UNREAD:
        cache.set(_key(ref), result, STATUS_TTL)
    return result


def forget(ref: str) -> None:
    """The booking under ``ref`` may just have changed: the next read asks Wix."""
    cache.delete(_key(ref))
