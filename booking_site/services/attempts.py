"""Booking attempts: one Wix booking per ``ref``; a new attempt when what is booked changes.

A Wix booking is made once per ``ref`` and reused by every later submit (never booked twice).
Its time, participants, payment option and contact are fixed at Create Booking: Wix charges
and books what that booking holds. So once a booking exists, any change to those starts a new
attempt (a new ``ref``), and the old one is cancelled while it is still unpaid (with the API
key; without it Wix keeps it unpaid, off the business calendar). That way the review page
always shows exactly what Wix will book and charge.
"""

from __future__ import annotations

from typing import Any

from booking_site.services import outcome
from booking_site.session import BookingDraft


def fresh_attempt(draft: BookingDraft) -> BookingDraft:
    """``draft`` under a new ``ref`` once its attempt made a booking; the unpaid one is cancelled.

    Unchanged when the attempt has not made a Wix booking yet. Costs Wix calls (read + cancel)
    only when a booking exists and the API key is configured.
    """
    if not outcome.attempt_used(draft.ref):
        return draft
    outcome.start_over(draft.ref)
    return draft.new_attempt()


def booked_content(draft: BookingDraft) -> tuple[Any, ...]:
    """What Create Booking sends for ``draft``: two drafts with equal content book the same."""
    counts = draft.variant_counts or {}
    return (
        draft.service_id,
        draft.slot,
        draft.participants,
        tuple(sorted((name, n) for name, n in counts.items() if n)),
        draft.payment_option,
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
