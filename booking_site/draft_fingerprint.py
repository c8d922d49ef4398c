"""The draft's fingerprint: pages carry it so a form from an older tab is noticed (issue 16)."""

from __future__ import annotations

import dataclasses
import hashlib
import json

from booking_site.session import BookingDraft


def fingerprint(draft: BookingDraft) -> str:
    """What is booked (service, time, people, payment, contact), hashed; not tokens, ref or
    timestamps, which change without the customer."""
    booked = [
        draft.service_id,
        dataclasses.asdict(draft.slot) if draft.slot else None,
        draft.participants,
        draft.variant_counts,
        draft.payment_option,
        dataclasses.asdict(draft.contact) if draft.contact else None,
    ]
    text = json.dumps(booked, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()[:16]
