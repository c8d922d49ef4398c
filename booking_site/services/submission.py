"""The submit guard: one request at a time works on a draft's Wix booking.

Create Booking has no idempotency key (docs/wix-contract.md §14.4), double clicks and second tabs
are normal, and several app servers may serve one customer. The ``Submission`` row, keyed by the
draft's ``ref``, is claimed with a conditional UPDATE, which is atomic on SQLite and PostgreSQL and
so holds across threads, processes and hosts sharing the database. Whoever holds the claim creates
the booking (at most once: the row remembers its id) and its cart; the others wait for it and then
reuse what it made.
"""

from __future__ import annotations

import time
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from booking_site.models import Submission

# Longer than one submit can take (three Wix calls with timeouts), so a live claim never lapses;
# a claim left by a request that died lapses after this.
CLAIM_SECONDS = 45
WAIT_FOR_OTHER_SECONDS = 8.0
_POLL_SECONDS = 0.05


def claim(ref: str) -> bool:
    """Try to become the one request working on ``ref``; True when we now hold it."""
    _ensure_row(ref)
    now = timezone.now()
    free = Q(busy_until__isnull=True) | Q(busy_until__lt=now)
    return bool(
        Submission.objects.filter(free, ref=ref).update(
            busy_until=now + timedelta(seconds=CLAIM_SECONDS)
        )
    )


def _ensure_row(ref: str) -> None:
    if Submission.objects.filter(ref=ref).exists():
        return
    try:
        with transaction.atomic():
            Submission.objects.create(ref=ref)
    except IntegrityError:
        pass  # another request created it first: fine, we compete for the claim below


def release(ref: str) -> None:
    """Give up the claim on ``ref``."""
    Submission.objects.filter(ref=ref).update(busy_until=None)


def wait_until_free(ref: str) -> bool:
    """Wait (bounded) for the request holding ``ref`` to finish; True when it did."""
    deadline = time.monotonic() + WAIT_FOR_OTHER_SECONDS
    while time.monotonic() < deadline:
        busy_until = Submission.objects.filter(ref=ref).values_list("busy_until", flat=True).first()
        if busy_until is None or busy_until < timezone.now():
            return True
        time.sleep(_POLL_SECONDS)
    return False


def claim_when_free(ref: str) -> bool:
    """Claim ``ref``, waiting (bounded) while others hold it; False when the wait ran out.

    Several requests may be waiting for the same holder (a burst of clicks): whoever loses
    the claim once it is released waits for the winner in turn, instead of giving up.
    """
    deadline = time.monotonic() + WAIT_FOR_OTHER_SECONDS
    while not claim(ref):
        if time.monotonic() >= deadline:
            return False
        time.sleep(_POLL_SECONDS)
    return True


def record(ref: str, **fields: object) -> None:
    """Store progress for ``ref`` (state, booking id, ecom id …)."""
    Submission.objects.filter(ref=ref).update(updated_at=timezone.now(), **fields)


def find(ref: str) -> Submission | None:
    """The submission for ``ref``, if any."""
    return Submission.objects.filter(ref=ref).first()
