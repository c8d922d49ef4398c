"""Owner mode's funnel as data: service → time → details → review, in ``flow``'s mechanism.

The same guard as the customer funnel: a direct URL to a later step lands the staff member on
the first step the owner draft has not completed, and an unreadable or stale draft starts over
with a note saying so.
"""

from __future__ import annotations

from django.urls import reverse

from booking_site.flow import Flow, Step
from booking_site.owner.session import STORE, OwnerDraft


def _day_url(draft: OwnerDraft) -> str:
    if draft.service_slug:
        return reverse("booking:owner-book-day", args=[draft.service_slug])
    return reverse("booking:owner-book")


STEPS: tuple[Step[OwnerDraft], ...] = (
    Step(
        "service",
        is_applicable=lambda d: True,
        is_complete=lambda d: bool(d.service_id and d.service_slug),
        url=lambda d: reverse("booking:owner-book"),
    ),
    Step(
        "slot",
        is_applicable=lambda d: True,
        is_complete=lambda d: d.slot is not None and d.slot.service_id == d.service_id,
        url=_day_url,
    ),
    Step(
        "details",
        is_applicable=lambda d: True,
        is_complete=lambda d: d.contact is not None and d.payment is not None,
        url=lambda d: reverse("booking:owner-book-details"),
    ),
    Step(
        "review",
        is_applicable=lambda d: True,
        is_complete=lambda d: False,
        url=lambda d: reverse("booking:owner-book-review"),
    ),
)
OWNER: Flow[OwnerDraft] = Flow(STEPS, STORE)
