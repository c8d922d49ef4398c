"""The customer's in-progress booking (the draft), kept in the session by a ``DraftStore``.

The draft is a frozen, versioned, JSON-safe dataclass under one namespaced key; owner mode's
draft (``booking_site.owner.session``) is kept by the same store under its own. Anything
unreadable (an old version, tampered or corrupt data) becomes a fresh draft, never a 500; the
caller learns that it happened through ``DraftLoad.reset`` so it can say so to the customer.
"""

from __future__ import annotations

import dataclasses
import math
import time
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.http import HttpRequest

from booking_site.draft_answers import answers_from_json as answers_from_json
from booking_site.drafts import MAX_AGE_SECONDS as MAX_AGE_SECONDS
from booking_site.drafts import DraftLoad, DraftStore
from booking_site.wix.models.form_schemas import FormAnswer
from booking_site.wix.tokens import VisitorTokens

SESSION_KEY = "booking_site.draft"
VERSION = 3


@dataclass(frozen=True)
class ChosenSlot:
    """A slot as Wix described it; the local times are kept verbatim for Create Booking."""

    service_id: str
    local_start: str
    local_end: str
    time_zone: str
    schedule_id: str | None = None
    event_id: str | None = None
    staff_id: str | None = None
    staff_name: str | None = None
    # The customer chose "anyone available": no one is named until Wix assigns a person.
    any_staff: bool = False
    location_id: str | None = None
    location_type: str | None = None
    location_name: str | None = None
    location_address: str | None = None


@dataclass(frozen=True)
class Contact:
    """The customer's contact details."""

    first_name: str
    last_name: str
    email: str
    phone: str = ""


@dataclass(frozen=True)
class BookingDraft:
    """Everything the funnel keeps between requests for one customer.

    ``ref`` is our own reference for this booking attempt: it is sent to Wix as
    ``externalUserId`` and in the return URL, and keys the cross-process submit guard.
    """

    ref: str = field(default_factory=lambda: uuid.uuid4().hex)
    service_id: str | None = None
    service_slug: str | None = None
    service_type: str | None = None
    slot: ChosenSlot | None = None
    participants: int | None = None
    variant_counts: dict[str, int] | None = None
    # The duration variant chosen on the service page (minutes), for services that have them.
    duration_minutes: int | None = None
    payment_option: str | None = None
    contact: Contact | None = None
    prefill: dict[str, str] = field(default_factory=dict)
    display_time_zone: str | None = None
    visitor_tokens: dict[str, Any] | None = None
    utm: dict[str, str] = field(default_factory=dict)
    # The owner's page the booking began on, embedded (views/embedding.continue_in_top).
    embed_return_url: str | None = None
    # With ``payment_option`` MEMBERSHIP: the member's plan order that pays (§28.3), and its
    # name as Wix gave it when chosen ("10-class pass"), for the review and confirmation.
    plan_order_id: str | None = None
    plan_name: str | None = None
    # The booking form's extra answers by Wix ``target`` (text, or True/False for a checkbox),
    # and the fields Wix refused at submit (``missing`` / ``invalid``), to mark on the page.
    answers: dict[str, FormAnswer] = field(default_factory=dict)
    rejected_fields: dict[str, str] = field(default_factory=dict)
    updated_at: float = field(default_factory=time.time)
    version: int = VERSION

    def with_changes(self, **changes: Any) -> BookingDraft:
        """A copy with ``changes`` applied and the timestamp refreshed."""
        return dataclasses.replace(self, updated_at=time.time(), **changes)

    @property
    def tokens(self) -> VisitorTokens | None:
        """The stored visitor tokens, typed (None when absent or unreadable)."""
        return tokens_from_json(self.visitor_tokens)

    def with_tokens(self, tokens: VisitorTokens | None) -> BookingDraft:
        """A copy keeping ``tokens`` (unchanged when None)."""
        if tokens is None:
            return self
        return self.with_changes(visitor_tokens=tokens.to_dict())

    def new_attempt(self, ref: str | None = None) -> BookingDraft:
        """The same draft under a new ``ref`` (given, else random): the old one made a booking."""
        return self.with_changes(ref=ref or uuid.uuid4().hex)

    def for_service(self, *, service_id: str, slug: str, service_type: str) -> BookingDraft:
        """Start on a (possibly different) service, keeping contact details and the visitor."""
        if self.service_id == service_id:
            return self
        return BookingDraft(
            service_id=service_id,
            service_slug=slug,
            service_type=service_type,
            contact=self.contact,
            prefill=self.prefill,
            display_time_zone=self.display_time_zone,
            visitor_tokens=self.visitor_tokens,
            utm=self.utm,
            embed_return_url=self.embed_return_url,
        )

    def to_json(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_json(cls, data: Any) -> BookingDraft:
        """Rebuild a draft; raise ``ValueError`` on anything that isn't a valid current draft."""
        data = draft_fields(data, VERSION)
        try:
            counts = data.get("variant_counts")
            draft = cls(
                **{
                    **data,
                    "variant_counts": {str(k): int(v) for k, v in counts.items()}
                    if counts is not None
                    else None,
                    "utm": _str_map(data.get("utm")),
                    "prefill": _str_map(data.get("prefill")),
                    "answers": answers_from_json(data.get("answers")),
                    "rejected_fields": rejected_from_json(data.get("rejected_fields")),
                }
            )
        except (TypeError, AttributeError, OverflowError) as exc:
            raise ValueError("malformed draft") from exc
        _check_types(draft)
        return draft


def rejected_from_json(value: Any) -> dict[str, str]:
    """Stored refused fields (``target`` → ``missing`` / ``invalid``); ``ValueError`` otherwise."""
    if value is None:
        return {}
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and len(k) <= 200 and v in ("missing", "invalid")
        for k, v in value.items()
    ):
        raise ValueError("draft rejected fields invalid")
    return dict(value)


def draft_fields(data: Any, version: int) -> dict[str, Any]:
    """A stored draft's fields with its slot and contact rebuilt, for a draft's ``from_json``.

    Raises ``ValueError`` for anything but a mapping of ``version`` with readable parts.
    """
    if not isinstance(data, dict) or data.get("version") != version:
        raise ValueError("draft version mismatch")
    slot, contact = data.get("slot"), data.get("contact")
    try:
        return {
            **data,
            "slot": ChosenSlot(**slot) if slot is not None else None,
            "contact": Contact(**contact) if contact is not None else None,
        }
    except (TypeError, AttributeError) as exc:
        raise ValueError("malformed draft") from exc


def _str_map(value: Any) -> dict[str, str]:
    if not isinstance(value, dict):
        return {}
    return {str(k): str(v) for k, v in value.items()}


# Optional text fields; with ``plan_order_id``, ``plan_name`` (see the fields' comments).
_TEXT_FIELDS: tuple[str, ...] = ("service_id", "service_slug", "service_type", "payment_option")
_TEXT_FIELDS += ("display_time_zone", "embed_return_url", "plan_order_id", "plan_name")


def _check_types(draft: BookingDraft) -> None:
    """Reject drafts whose fields have the wrong type or shape (tampered or corrupt).

    Everything later code relies on is checked here, once: the views may then trust types.
    """
    if not isinstance(draft.ref, str) or not 0 < len(draft.ref) <= 64:
        raise ValueError("draft without ref")
    for name in _TEXT_FIELDS:
        if getattr(draft, name) is not None and not isinstance(getattr(draft, name), str):
            raise ValueError(f"draft field {name} is not a string")
    # All the site ever chooses; DEPOSIT is ONLINE with only the deposit paid now (contract §19.2).
    if draft.payment_option not in (None, "ONLINE", "DEPOSIT", "OFFLINE", "MEMBERSHIP"):
        raise ValueError("draft payment option invalid")
    for name, most in (("duration_minutes", 57600), ("participants", 1000)):
        value = getattr(draft, name)
        if value is not None and (type(value) is not int or not 1 <= value <= most):
            raise ValueError(f"draft {name} invalid")
    if draft.variant_counts is not None and any(
        not 0 <= n <= 1000 for n in draft.variant_counts.values()
    ):
        raise ValueError("draft variant counts invalid")
    if draft.visitor_tokens is not None and not isinstance(draft.visitor_tokens, dict):
        raise ValueError("draft visitor tokens invalid")
    if type(draft.updated_at) not in (int, float) or not math.isfinite(draft.updated_at):
        raise ValueError("draft timestamp invalid")
    if draft.contact is not None and not all(
        isinstance(v, str) for v in dataclasses.astuple(draft.contact)
    ):
        raise ValueError("draft contact invalid")
    if draft.slot is not None:
        _check_slot(draft.slot)


def _check_slot(slot: ChosenSlot) -> None:
    texts = [getattr(slot, f.name) for f in dataclasses.fields(slot) if f.name != "any_staff"]
    if not all(v is None or isinstance(v, str) for v in texts):
        raise ValueError("draft slot field is not a string")
    if type(slot.any_staff) is not bool:
        raise ValueError("draft slot any_staff is not a boolean")
    try:
        datetime.fromisoformat(slot.local_start)
        datetime.fromisoformat(slot.local_end)
        ZoneInfo(slot.time_zone)
    except (TypeError, ValueError, OSError, ZoneInfoNotFoundError) as exc:
        raise ValueError("draft slot times invalid") from exc


# An expired customer draft keeps only its campaign tags (the visit still came from them).
STORE: DraftStore[BookingDraft] = DraftStore(
    SESSION_KEY,
    BookingDraft.from_json,
    lambda old: BookingDraft(utm=old.utm) if old is not None else BookingDraft(),
)


def load_draft(request: HttpRequest) -> DraftLoad[BookingDraft]:
    """Read the customer's draft; a missing one is fresh, a bad or expired one is reset."""
    return STORE.load(request)


def has_draft(request: HttpRequest) -> bool:
    """Whether this visitor already has a draft (reading this creates no session)."""
    return STORE.exists(request)


def save_draft(request: HttpRequest, draft: BookingDraft) -> None:
    """Store the customer's draft (an unchanged one is not rewritten: ``DraftStore.save``)."""
    STORE.save(request, draft)


def clear_draft(request: HttpRequest) -> None:
    """Forget the in-progress booking."""
    STORE.clear(request)


def tokens_from_json(data: dict[str, Any] | None) -> VisitorTokens | None:
    """Visitor tokens from a draft's JSON form: the one place drafts convert them."""
    if not data:
        return None
    try:
        return VisitorTokens.from_dict(data)
    except ValueError:
        return None
