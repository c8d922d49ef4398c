"""Namespace versions of cached keys (``versioned_key``), read once per request.

Our own booking bumps a service's availability version (``invalidate_prefix_version``) so
every window of it cached by any process goes stale at once. Reading that version costs a
round trip to the shared cache, and one page asks for it several times (this month, the next,
the first free day): inside one request the first answer is kept (``request_scope``), and a
bump made by the request updates the kept value too. The next request reads it anew, so an
invalidation is still seen by every later request in every process. Outside a request scope
(background refreshes, management commands) every call reads the shared cache.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.core.cache import cache

from booking_site.services.cache_entries import KEY_PREFIX

_KEPT: ContextVar[dict[str, int] | None] = ContextVar("cache_versions_kept", default=None)


@contextmanager
def request_scope() -> Iterator[None]:
    """Keep each namespace's version read inside this block (one request) for its rest."""
    token = _KEPT.set({})
    try:
        yield
    finally:
        _KEPT.reset(token)


def _version_key(namespace: str) -> str:
    return f"{KEY_PREFIX}version:{namespace}"


def current_version(namespace: str) -> int:
    """``namespace``'s version: the shared cache's, or this request's earlier answer."""
    kept = _KEPT.get()
    if kept is not None and namespace in kept:
        return kept[namespace]
    version = int(cache.get(_version_key(namespace)) or 0)
    if kept is not None:
        kept[namespace] = version
    return version


def bump_version(namespace: str) -> int:
    """Move ``namespace`` to a new version (atomically across processes) and return it."""
    version_key = _version_key(namespace)
    if cache.add(version_key, 1, timeout=None):
        version = 1
    else:
        try:
            version = int(cache.incr(version_key))
        except ValueError:
            cache.set(version_key, 1, timeout=None)
            version = 1
    kept = _KEPT.get()
    if kept is not None:
        kept[namespace] = version
    return version
