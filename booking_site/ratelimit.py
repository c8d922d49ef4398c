"""A small fixed-window rate limit in the shared cache, per client and action.

The counter lives in Django's cache, so with a shared cache (Redis) the limit holds across
processes and hosts. ``cache.add`` + ``cache.incr`` are atomic on Redis and within one process
on the local-memory cache.
"""

from __future__ import annotations

import functools
import hashlib
import time
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import render

_View = Callable[..., HttpResponseBase]


def client_key(request: HttpRequest) -> str:
    """Who is asking: the peer address, or behind a proxy the hop it added to X-Forwarded-For.

    X-Forwarded-For is trusted only with ``settings.TRUST_X_FORWARDED_FOR`` (a client can send
    any value); even then only its last hop, the one our own proxy appended, since the hops
    before it come from the client. Hashed so that addresses never sit in the cache in clear.
    """
    address = request.META.get("REMOTE_ADDR", "")
    if getattr(settings, "TRUST_X_FORWARDED_FOR", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        address = forwarded.rsplit(",", 1)[-1].strip() or address
    return hashlib.sha256(address.encode()).hexdigest()[:32]


def hit(action: str, who: str, *, limit: int, window: int) -> bool:
    """Count one attempt; True while ``who`` stays within ``limit`` per ``window`` seconds."""
    bucket = int(time.time() // window)
    key = f"ratelimit:{action}:{who}:{bucket}"
    if cache.add(key, 1, timeout=window + 1):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr: start a new window
        cache.add(key, 1, timeout=window + 1)
        return True
    return count <= limit


def rate_limited(action: str, *, limit: int, window: int) -> Callable[[_View], _View]:
    """Answer a friendly 429 page once a client exceeds ``limit`` requests per ``window`` s."""

    def decorator(view: _View) -> _View:
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponseBase:
            if not hit(action, client_key(request), limit=limit, window=window):
                response = render(request, "rate_limited.html", {"retry_after": window}, status=429)
                response["Retry-After"] = str(window)
                return response
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
