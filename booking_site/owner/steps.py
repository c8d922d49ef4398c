"""Owner mode's funnel as data: service → time → details → review, in ``flow``'s mechanism.

The same guard as the customer funnel: a direct URL to a later step lands the staff member on
the first step the owner draft has not completed, and an unreadable or stale draft starts over
with a note saying so.
"""

from __future__ import annotations

from booking_site.flow import Flow, Step, has_service, has_slot, page, service_page
from booking_site.owner.session import STORE, OwnerDraft


def _has_customer(draft: OwnerDraft) -> bool:
    return draft.contact is not None and draft.payment is not None


STEPS: tuple[Step[OwnerDraft], ...] = (
    Step("service", page("booking:owner-book"), has_service),
    Step("slot", service_page("booking:owner-book-day", "booking:owner-book"), has_slot),
    Step("details", page("booking:owner-book-details"), _has_customer),
    Step("review", page("booking:owner-book-review")),
)
OWNER: Flow[OwnerDraft] = Flow(STEPS, STORE)
