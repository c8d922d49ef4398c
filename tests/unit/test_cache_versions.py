"""Namespace versions are read once per request, and a bump is seen by the next request."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from booking_site.services import cache_versions
from booking_site.services.cache_entries import KEY_PREFIX
from booking_site.services.caching import invalidate_prefix_version, versioned_key

NAMESPACE = "slots:probe-service"


@pytest.fixture(autouse=True)
def empty_cache() -> None:
    cache.clear()


def _bumped_elsewhere(version: int) -> None:
    """As another process's booking leaves it: the shared cache holds a newer version."""
    cache.set(f"{KEY_PREFIX}version:{NAMESPACE}", version, timeout=None)


def test_a_request_keeps_the_version_it_first_read() -> None:
    with cache_versions.request_scope():
        first = versioned_key(NAMESPACE, "2026-12")
        _bumped_elsewhere(7)
        later = versioned_key(NAMESPACE, "2027-01")
    with cache_versions.request_scope():
        next_request = versioned_key(NAMESPACE, "2026-12")

    assert first == f"{NAMESPACE}:v0:2026-12"
    assert later == f"{NAMESPACE}:v0:2027-01"  # one read per request
    assert next_request == f"{NAMESPACE}:v7:2026-12"  # the next request sees the bump


def test_the_requests_own_bump_is_seen_at_once() -> None:
    with cache_versions.request_scope():
        before = versioned_key(NAMESPACE, "2026-12")
        bumped = invalidate_prefix_version(NAMESPACE)
        after = versioned_key(NAMESPACE, "2026-12")

    assert before == f"{NAMESPACE}:v0:2026-12"
    assert after == f"{NAMESPACE}:v{bumped}:2026-12"
    assert bumped == 1


def test_outside_a_request_every_read_asks_the_cache() -> None:
    first = versioned_key(NAMESPACE, "2026-12")
    _bumped_elsewhere(3)

    assert first == f"{NAMESPACE}:v0:2026-12"
    assert versioned_key(NAMESPACE, "2026-12") == f"{NAMESPACE}:v3:2026-12"
