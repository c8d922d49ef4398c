"""Booking attempts: one Wix booking per ``ref``; a new attempt when what is booked changes.

A Wix booking is made once per ``ref`` and reused by every later submit (never booked twice).
Its time, participants, payment option and contact are fixed at Create Booking: Wix charges
and books what that booking holds. So once a booking exists, any change to those starts a new
attempt (a new ``ref``), and the old one is cancelled while it is still unpaid (with the API
key; without it Wix keeps it unpaid, off the business calendar). That way the review page
always shows exactly what Wix will book and charge.
"""

from __future__ import annotations

import hashlib
from typing import Any

from booking_site.services import outcome
from booking_site.services import submission as guard
from booking_site.services.snapshot import BookingSnapshot
from booking_site.session import BookingDraft


def fresh_attempt(draft: BookingDraft) -> BookingDraft:
    """``draft`` under a new ``ref`` once its attempt made a booking; the unpaid one is cancelled.

    Unchanged when the attempt has not made a Wix booking yet. Costs Wix calls (read + cancel)
    only when a booking exists and the API key is configured. The new ref depends only on the
    old one and the content, so concurrent requests doing the same change agree on it.
    """
    if not outcome.attempt_used(draft.ref):
        return draft
    outcome.start_over(draft.ref)
    return draft.new_attempt(_next_ref(draft))


def _next_ref(draft: BookingDraft) -> str:
    """The new attempt's ref, derived from the old ref and the new content.

    Parallel requests of one customer (double clicks, second tabs) that start the same new
    attempt agree on its ref, so the submit guard still makes one booking for all of them.
    """
    seed = f"{draft.ref}|{booked_content(draft)!r}"
    return hashlib.sha256(seed.encode()).hexdigest()[:32]


def booked_content(draft: BookingDraft) -> tuple[Any, ...]:
    """What Create Booking sends for ``draft``: two drafts with equal content book the same."""
    counts = draft.variant_counts or {}
    return (
        draft.service_id,
        draft.slot,
        draft.participants,
        tuple(sorted((name, n) for name, n in counts.items() if n)),
        draft.payment_option,
        draft.plan_order_id,
        draft.contact,
    )


def after_change(before: BookingDraft, after: BookingDraft) -> BookingDraft:
    """``after``, on a new attempt when it books something else than ``before``'s booking.

    Call it whenever the customer edits the draft (the details step): an edit that leaves the
    booked content as it was keeps the existing booking and its checkout.
    """
    if booked_content(before) == booked_content(after):
        return after
    return fresh_attempt(after)


def for_submit(draft: BookingDraft) -> BookingDraft:
    """The draft to submit: on a new attempt when its existing booking holds something else.

    The safety net behind ``after_change`` for edits made elsewhere (a shared link's
    participants, another tab): the snapshot stored when the booking was made is compared
    with the draft. Without a snapshot (a booking adopted after a lost answer) the booking is
    kept, as before.
    """
    record = guard.find(draft.ref)
    if record is None or not record.booking_id or not record.summary:
        return draft
    if _snapshot_matches(BookingSnapshot.from_json(record.summary), draft):
        return draft
    return fresh_attempt(draft)


def _snapshot_matches(snapshot: BookingSnapshot, draft: BookingDraft) -> bool:
    """Whether the booking's stored snapshot books what ``draft`` now says."""
    counts = tuple(sorted((name, n) for name, n in (draft.variant_counts or {}).items() if n))
    people = sum(n for _, n in counts) if counts else (draft.participants or 1)
    booked_lines = tuple(sorted(snapshot.lines))
    contact = draft.contact
    return (
        snapshot.service_id == draft.service_id
        and snapshot.local_start == (draft.slot.local_start if draft.slot else None)
        and snapshot.local_end == (draft.slot.local_end if draft.slot else None)
        and snapshot.participants == people
        and (not counts or booked_lines == counts)
        and snapshot.payment_option == draft.payment_option
        and snapshot.email == (contact.email if contact else "")
        and snapshot.first_name == (contact.first_name if contact else "")
    )
