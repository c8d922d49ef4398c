"""The one table we keep: what became of each submitted booking attempt.

Wix remains the source of truth for bookings. This row exists because Create Booking has no
idempotency key (docs/wix-contract.md §14.4): it is the cross-process guard that lets exactly one
request per draft create the Wix booking, and it survives the session races of parallel requests
(two requests of one session each save their own copy of the session; the row cannot be overwritten
that way).
"""

from __future__ import annotations

from django.db import models


class Submission(models.Model):
    """One booking attempt, keyed by the draft's ``ref`` (also Wix's ``externalUserId``)."""

    class State(models.TextChoices):
        NEW = "new", "Not submitted yet"
        FAILED = "failed", "Create Booking failed; no booking exists"
        UNKNOWN = "unknown", "Create Booking timed out; outcome unknown"
        CREATED = "created", "Wix booking created"
        CHECKOUT = "checkout", "Sent to Wix checkout"
        DONE = "done", "Confirmed without payment, or finished"

    ref = models.CharField(primary_key=True, max_length=64)
    state = models.CharField(max_length=16, choices=State.choices, default=State.NEW)
    # Set while one request works on this submission; others wait instead of doubling it.
    busy_until = models.DateTimeField(null=True, blank=True)
    booking_id = models.CharField(max_length=64, blank=True, default="")
    booking_revision = models.CharField(max_length=32, blank=True, default="")
    ecom_id = models.CharField(max_length=64, blank=True, default="")
    ecom_kind = models.CharField(max_length=16, blank=True, default="")
    order_id = models.CharField(max_length=64, blank=True, default="")
    summary = models.JSONField(default=dict, blank=True)
    # "Manage my booking" (services/manage.py): our link's random key, mapped to the anonymous
    # action token Wix minted for the booking. The URL never carries Wix's token itself, so a
    # leaked Wix token format or a key rotation never turns into working links.
    manage_token = models.CharField(max_length=64, null=True, blank=True, unique=True)
    wix_manage_token = models.TextField(blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [models.Index(fields=["booking_id"])]

    def __str__(self) -> str:
        return f"{self.ref} ({self.state})"


class HandoffParcel(models.Model):
    """A booking draft parked for the top window of an embedded booking (``handoff.py``).

    In the database rather than the cache, because the iframe's request and the top window's
    may land on different processes, and without Redis each has its own local-memory cache.
    ``key`` is a hash of the one-time token, so the table never holds a usable token.
    """

    key = models.CharField(primary_key=True, max_length=64)
    draft = models.JSONField()
    next_url = models.TextField()
    expires_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"handoff until {self.expires_at:%Y-%m-%d %H:%M}"


class RateLimitCount(models.Model):
    """Attempts of one client at one action in one fixed window (``ratelimit.py``).

    Used when there is no shared cache (no Redis): every process then counts in one place, the
    database, instead of each in its own local memory.
    """

    key = models.CharField(primary_key=True, max_length=200)
    count = models.PositiveIntegerField(default=0)
    expires_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"{self.key}: {self.count}"
