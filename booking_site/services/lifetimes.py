"""How long a cached Wix read is served: fresh, then stale while it is refreshed, then never.

``cached_read`` callers give each read its ``ttl`` (fresh: served as is). Reads of the browse
pages also have a hard limit here, by the key's namespace (the part before the first ``:``):
between ``ttl`` and the hard limit the copy is served at once and refreshed in the background
(stale-while-revalidate); past it a page waits for Wix rather than show something that old.
A namespace not listed has no stale window: past ``ttl`` it is read again synchronously.

Kept in the caching layer, by namespace, so the services reading Wix keep only their ``ttl``.
"""

from __future__ import annotations

# Namespace -> seconds after loading past which an entry is not served (outages aside).
HARD_LIMITS: dict[str, float] = {
    # Availability windows (and course places, which live in the same versioned namespace):
    # 30 s fresh, never shown older than 2 minutes; our own bookings invalidate them at once.
    "slots": 120,
    # The catalogue: services, other apps' services, variants.
    "services": 1800,
    "variants": 1800,
    # A course's session dates (courses.SESSIONS_TTL fresh): they change only when the owner
    # edits the schedule, so no booking invalidates them and they are not in "slots".
    "course-sessions": 1800,
    # The staff's bios and photos (team.STAFF_TTL fresh): the 600 s bench's only waits were
    # service pages reading them past their 5 minutes while they had no stale window.
    "staff": 1800,
    "site": 3600,  # Site Properties: the business's name, zone and currency
}


def namespace(key: str) -> str:
    """The namespace of a cache key: ``slots:<id>:v3:2026-12`` -> ``slots``."""
    return key.split(":", 1)[0]


def hard_limit(key: str, ttl: float) -> float:
    """Seconds after loading that ``key``'s entry may still be served (at least ``ttl``)."""
    return max(ttl, HARD_LIMITS.get(namespace(key), ttl))


def has_hard_limit(key: str) -> bool:
    """Whether ``key`` is served stale while refreshed (its namespace has a hard limit)."""
    return namespace(key) in HARD_LIMITS
