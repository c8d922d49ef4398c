"""Typed readers for environment variables: the one place configuration is parsed."""

from __future__ import annotations

import os
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str | None = None) -> str | None:
    """Return the variable, or ``default`` when it is unset or blank."""
    value = os.environ.get(name, "").strip()
    return value or default


def env_bool(name: str, default: bool) -> bool:
    """Parse a boolean variable; anything but a clear yes/no fails loudly."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), got {raw!r}")


def env_int(name: str, default: int) -> int:
    """Parse an integer variable, failing loudly on garbage."""
    raw = env_str(name)
    if raw is None:
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be an integer, got {raw!r}") from exc


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    """Parse a comma- or space-separated list."""
    raw = env_str(name)
    if raw is None:
        return list(default or [])
    return [item for item in raw.replace(",", " ").split() if item]


def env_float(name: str, default: float) -> float:
    """Parse a number variable (seconds, rates), failing loudly on garbage."""
    raw = env_str(name)
    if raw is None:
        return default
    try:
        return float(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a number, got {raw!r}") from exc


_POSTGRES_SCHEMES = {"postgres", "postgresql"}


def database_from_url(url: str, *, conn_max_age: int) -> dict[str, object]:
    """Django's ``DATABASES["default"]`` for ``postgres://user:pass@host:port/name?param=…``.

    Query parameters are libpq connection parameters (``sslmode``, ``connect_timeout``,
    ``application_name`` …) and go to ``OPTIONS`` as they are; ``connect_timeout`` defaults to
    5 s so that a dead database answers a quick 503 instead of hanging a worker. Connections
    are kept for ``conn_max_age`` seconds and health-checked before each request reuses one,
    so the site reconnects by itself after a database restart. Anything but a PostgreSQL URL
    with a database name raises ``ImproperlyConfigured``.
    """
    parts = urlsplit(url)
    name = unquote(parts.path.lstrip("/"))
    if parts.scheme not in _POSTGRES_SCHEMES or not name:
        raise ImproperlyConfigured(
            "DATABASE_URL must look like postgres://user:password@host:5432/name"
        )
    try:
        port = parts.port
    except ValueError as exc:
        raise ImproperlyConfigured("DATABASE_URL has an invalid port") from exc
    options: dict[str, str] = {"connect_timeout": "5"}
    options.update(parse_qsl(parts.query, keep_blank_values=False))
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": name,
        "USER": unquote(parts.username or ""),
        "PASSWORD": unquote(parts.password or ""),
        "HOST": unquote(parts.hostname or ""),
        "PORT": str(port or ""),
        "CONN_MAX_AGE": conn_max_age,
        "CONN_HEALTH_CHECKS": True,
        "OPTIONS": options,
    }


def redis_cache_from_url(url: str, *, key_prefix: str) -> dict[str, Any]:
    """Django's Redis cache for ``url``, with timeouts short enough for an outage to be a 503.

    A lost Redis must become a quick 503 page, not a hung worker; one quick retry replaces a
    pooled connection that died with a Redis restart.
    """
    from redis.backoff import ExponentialBackoff
    from redis.exceptions import ConnectionError as RedisConnectionError
    from redis.exceptions import TimeoutError as RedisTimeoutError
    from redis.retry import Retry

    return {
        "BACKEND": "config.redis_cache.ReusedClientRedisCache",
        "LOCATION": url,
        "KEY_PREFIX": key_prefix,
        "OPTIONS": {
            "socket_connect_timeout": 1.0,
            "socket_timeout": 2.0,
            "health_check_interval": 15,
            "retry": Retry(ExponentialBackoff(cap=0.2, base=0.05), 1),
            "retry_on_error": [RedisConnectionError, RedisTimeoutError],
        },
    }
