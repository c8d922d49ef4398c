"""The owner's in-progress booking on behalf of a customer: its own key in ``request.session``.

Kept apart from the customer's draft (``booking_site.session``) so a staff member who also
books for themselves never mixes the two, and so nothing of owner mode (overrides, payment
choices) can leak into the customer funnel. It is stored server-side in the session rather than
in hidden form fields: the overrides it carries (a custom time, a participant count over the
online limit) must not be editable by the browser between review and submit. The same
discipline as the customer draft applies, through the same ``session.DraftStore``: a frozen,
versioned, JSON-safe dataclass, and anything unreadable or stale becomes a fresh draft, never a
500 (the step guard, ``owner.steps``, says so to the staff member).
"""

from __future__ import annotations

import dataclasses
import time
import uuid
from dataclasses import dataclass, field
from typing import Any

from booking_site.drafts import DraftStore
from booking_site.session import (
    ChosenSlot,
    Contact,
    answers_from_json,
    draft_fields,
    rejected_from_json,
    tokens_from_json,
)
from booking_site.wix.models.form_schemas import FormAnswer
from booking_site.wix.tokens import VisitorTokens

SESSION_KEY = "booking_site.owner_draft"
VERSION = 1

# How the customer pays, as the staff member chose it ("link_full": a deposit service's link
# for the full price, where Wix allows paying it all upfront; "link" then charges the deposit).
PAYMENT_METHODS = ("link", "link_full", "paid", "venue", "free")
LINK_METHODS = ("link", "link_full")
# How a payment taken outside Wix was made (recorded on the Wix order).
PAID_WITH = ("cash", "card_terminal", "other_provider")


@dataclass(frozen=True)
class OwnerDraft:
    """One booking a staff member is making for a customer.

    ``custom_time`` means the staff member typed the time instead of picking an offered slot,
    so Create Booking must skip Wix's availability check. ``ref`` is sent to Wix as
    ``externalUserId`` and keys the submit guard, as for customer bookings.
    """

    ref: str = field(default_factory=lambda: f"owner-{uuid.uuid4().hex}")
    service_id: str | None = None
    service_slug: str | None = None
    service_type: str | None = None
    slot: ChosenSlot | None = None
    custom_time: bool = False
    # The duration variant chosen on the day page (minutes), for services that have them.
    duration_minutes: int | None = None
    participants: int | None = None
    contact: Contact | None = None
    payment: str | None = None
    paid_with: str | None = None
    # The booking form's extra answers by Wix ``target`` (as ``BookingDraft.answers``).
    answers: dict[str, FormAnswer] = field(default_factory=dict)
    rejected_fields: dict[str, str] = field(default_factory=dict)
    # The payment link's Wix visitor (JSON form), minted once so a retry reuses its cart.
    visitor_tokens: dict[str, Any] | None = None
    updated_at: float = field(default_factory=time.time)
    version: int = VERSION

    @property
    def tokens(self) -> VisitorTokens | None:
        """The payment link visitor's tokens, typed (None when absent or unreadable)."""
        return tokens_from_json(self.visitor_tokens)

    def with_tokens(self, tokens: VisitorTokens) -> OwnerDraft:
        """A copy keeping the payment link visitor's ``tokens``."""
        return self.with_changes(visitor_tokens=tokens.to_dict())

    def with_changes(self, **changes: Any) -> OwnerDraft:
        """A copy with ``changes`` applied and the timestamp refreshed."""
        return dataclasses.replace(self, updated_at=time.time(), **changes)

    def to_json(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_json(cls, data: Any) -> OwnerDraft:
        """Rebuild a draft; raise ``ValueError`` for anything that isn't a valid current one."""
        try:
            fields = draft_fields(data, VERSION)
            draft = cls(
                **{
                    **fields,
                    "answers": answers_from_json(fields.get("answers")),
                    "rejected_fields": rejected_from_json(fields.get("rejected_fields")),
                }
            )
        except TypeError as exc:
            raise ValueError("malformed owner draft") from exc
        if not isinstance(draft.ref, str) or not draft.ref.startswith("owner-"):
            raise ValueError("owner draft without ref")
        if draft.payment is not None and draft.payment not in PAYMENT_METHODS:
            raise ValueError("owner draft payment invalid")
        if draft.paid_with is not None and draft.paid_with not in PAID_WITH:
            raise ValueError("owner draft paid_with invalid")
        if draft.visitor_tokens is not None and not isinstance(draft.visitor_tokens, dict):
            raise ValueError("owner draft visitor tokens invalid")
        if draft.participants is not None and (
            not isinstance(draft.participants, int) or draft.participants < 1
        ):
            raise ValueError("owner draft participants invalid")
        if not isinstance(draft.custom_time, bool) or not isinstance(draft.updated_at, int | float):
            raise ValueError("owner draft field types invalid")
        return draft


# An expired owner draft keeps nothing: the next booking may be for another customer.
STORE: DraftStore[OwnerDraft] = DraftStore(
    SESSION_KEY, OwnerDraft.from_json, lambda old: OwnerDraft()
)
