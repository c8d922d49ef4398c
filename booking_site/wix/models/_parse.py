"""Small, forgiving readers for Wix JSON: wrong types count as missing; required means raise."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any, TypeVar

from booking_site.wix.errors import WixResponseError

E = TypeVar("E", bound=StrEnum)

EMPTY: Mapping[str, Any] = {}


def obj(value: Any) -> Mapping[str, Any]:
    """The value if it is a JSON object, else an empty mapping."""
    return value if isinstance(value, Mapping) else EMPTY


def objs(value: Any) -> list[Mapping[str, Any]]:
    """The JSON objects of a list (anything else is skipped)."""
    return [item for item in value if isinstance(item, Mapping)] if isinstance(value, list) else []


def opt_str(payload: Mapping[str, Any], key: str) -> str | None:
    """A non-empty string, or None."""
    value = payload.get(key)
    return value if isinstance(value, str) and value else None


def req_str(payload: Mapping[str, Any], key: str, model: str) -> str:
    """A non-empty string; raises WixResponseError when absent."""
    value = opt_str(payload, key)
    if value is None:
        raise WixResponseError(f"{model} payload lacks required field {key!r}")
    return value


def opt_int(payload: Mapping[str, Any], key: str) -> int | None:
    """An integer; Wix sends int64 values as strings, so numeric strings count too."""
    value = payload.get(key)
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        try:
            return int(value)
        except ValueError:
            return None
    return None


def opt_bool(payload: Mapping[str, Any], key: str, default: bool = False) -> bool:
    """A boolean, or ``default``."""
    value = payload.get(key)
    return value if isinstance(value, bool) else default


def opt_datetime(payload: Mapping[str, Any], key: str) -> datetime | None:
    """An RFC-3339 timestamp as an aware UTC datetime (naive values are taken as UTC)."""
    value = opt_str(payload, key)
    if value is None:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def strs(value: Any) -> tuple[str, ...]:
    """The non-empty strings of a list."""
    return tuple(v for v in value if isinstance(v, str) and v) if isinstance(value, list) else ()


def parse_enum(enum: type[E], value: Any, default: str) -> E | str:
    """The enum member for a known value; an unknown value is kept as its raw string."""
    if not isinstance(value, str) or not value:
        value = default
    try:
        return enum(value)
    except ValueError:
        return value
