"""A small fixed-window rate limit, per client and action, counted where every process sees it.

With a shared cache (Redis, ``settings.RATELIMIT_STORE == "cache"``) the counter lives there:
one SET NX + INCR transaction, atomic on Redis. Without one, each process's local-memory
cache would count only its own share (two workers let a client make twice the attempts), so
the *strict* limits (sign-ins, submits: few requests, each worth guarding) count in the
database (``RateLimitCount``), incremented by one UPDATE. The browsing and status limits,
which every page view passes, keep counting in the local cache there: a database write per
page view would cost more than the limit saves, and those limits only guard the Wix quota,
so per process is good enough (the README says so).
"""

from __future__ import annotations

import functools
import hashlib
import time
from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.redis import RedisCache
from django.db import transaction
from django.db.models import F
from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import render
from django.utils import timezone

from booking_site.models import RateLimitCount

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


def hit(action: str, who: str, *, limit: int, window: int, strict: bool = True) -> bool:
    """Count one attempt; True while ``who`` stays within ``limit`` per ``window`` seconds.

    ``strict`` counts across processes even without a shared cache (in the database).
    """
    bucket = int(time.time() // window)
    key = f"ratelimit:{action}:{who}:{bucket}"
    if strict and getattr(settings, "RATELIMIT_STORE", "cache") == "database":
        return _count_in_database(key, window) <= limit
    counted = _count_in_redis(key, window)
    if counted is not None:
        return counted <= limit
    if cache.add(key, 1, timeout=window + 1):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr: start a new window
        cache.add(key, 1, timeout=window + 1)
        return True
    return count <= limit


def _count_in_redis(key: str, window: int) -> int | None:
    """Add one to ``key``'s counter in Redis in one round trip; None without Redis.

    Django's ``add`` + ``incr`` cost three round trips on Redis (its ``incr`` checks the key
    exists first) on every page view; SET NX with the window's expiry and INCR in one
    MULTI/EXEC give the same atomic count. The value stays a plain integer, as Django's own
    ``incr`` leaves it.
    """
    backend = caches["default"]
    if not isinstance(backend, RedisCache):
        return None
    full_key = backend.make_and_validate_key(key)
    client = backend._cache.get_client(full_key, write=True)  # type: ignore[attr-defined]
    with client.pipeline(transaction=True) as pipe:
        pipe.set(full_key, 0, ex=window + 1, nx=True)
        pipe.incr(full_key)
        _, count = pipe.execute()
    return int(count)


def _count_in_database(key: str, window: int) -> int:
    """Add one to ``key``'s counter in the database and return the new count.

    The UPDATE … SET count = count + 1 is atomic on every database, so parallel requests in any
    process each get their own number. A window's first attempt creates the row (racing
    creators are ignored, ``ignore_conflicts``) and sweeps rows whose window has ended.
    """
    counters = RateLimitCount.objects.filter(key=key)
    with transaction.atomic():
        if not counters.update(count=F("count") + 1):
            now = timezone.now()
            RateLimitCount.objects.filter(expires_at__lte=now).delete()
            expires = now + timedelta(seconds=window + 1)
            RateLimitCount.objects.bulk_create(
                [RateLimitCount(key=key, count=0, expires_at=expires)], ignore_conflicts=True
            )
            counters.update(count=F("count") + 1)
        return int(counters.values_list("count", flat=True).get())


def rate_limited(
    action: str, *, limit: int, window: int, strict: bool = True
) -> Callable[[_View], _View]:
    """Answer a friendly 429 page once a client exceeds ``limit`` requests per ``window`` s.

    ``strict=False`` for limits every page view passes (see the module docstring).
    """

    def decorator(view: _View) -> _View:
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponseBase:
            if not hit(action, client_key(request), limit=limit, window=window, strict=strict):
                response = render(request, "rate_limited.html", {"retry_after": window}, status=429)
                response["Retry-After"] = str(window)
                return response
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
