"""A subset of the Wix API Query Language: filters, sort, offset and cursor paging."""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Callable
from datetime import datetime
from typing import Any

from .errors import invalid

Doc = dict[str, Any]


def field_values(doc: Doc, path: str) -> list[Any]:
    """All values at a dotted ``path``, flattening arrays on the way (Mongo-like)."""
    current: list[Any] = [doc]
    for part in path.split("."):
        found: list[Any] = []
        for item in current:
            if isinstance(item, dict) and part in item:
                value = item[part]
                found.extend(value if isinstance(value, list) else [value])
        current = found
    return current


_TIMESTAMP = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$")


def _instant(value: Any) -> Any:
    """An RFC 3339 timestamp as an aware datetime (Wix compares dates as instants, not text:
    ``…09:00:00Z`` equals ``…09:00:00.000Z``); anything else unchanged."""
    if isinstance(value, str) and _TIMESTAMP.match(value):
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    return value


def _compare(values: list[Any], test: Callable[[Any], bool]) -> bool:
    for value in values:
        try:
            if value is not None and test(_instant(value)):
                return True
        except TypeError:
            continue
    return False


def _as_list(arg: Any, op: str) -> list[Any]:
    if not isinstance(arg, list):
        raise invalid(f"filter.{op}", "expects an array")
    return arg


def _check(op: str, arg: Any, values: list[Any]) -> bool:
    if op == "$eq":
        return arg in values or (arg is None and not values)
    if op == "$ne":
        return arg not in values
    if op in ("$in", "$hasSome"):
        return any(v in _as_list(arg, op) for v in values)
    if op == "$nin":
        return not any(v in _as_list(arg, op) for v in values)
    if op == "$hasAll":
        return all(a in values for a in _as_list(arg, op))
    if op == "$gt":
        return _compare(values, lambda v: v > _instant(arg))
    if op == "$gte":
        return _compare(values, lambda v: v >= _instant(arg))
    if op == "$lt":
        return _compare(values, lambda v: v < _instant(arg))
    if op == "$lte":
        return _compare(values, lambda v: v <= _instant(arg))
    if op == "$startsWith":
        return _compare(values, lambda v: str(v).lower().startswith(str(arg).lower()))
    if op == "$exists":
        return any(v is not None for v in values) == bool(arg)
    if op == "$isEmpty":
        return (not values) == bool(arg)
    raise invalid("filter", f"unsupported operator {op}")


def matches(filter_: Any, doc: Doc) -> bool:
    """Whether ``doc`` satisfies a Wix filter object (bare values mean ``$eq``)."""
    if not filter_:
        return True
    if not isinstance(filter_, dict):
        raise invalid("filter", "must be an object")
    for key, cond in filter_.items():
        if key == "$and":
            ok = all(matches(part, doc) for part in _as_list(cond, key))
        elif key == "$or":
            ok = any(matches(part, doc) for part in _as_list(cond, key))
        elif key == "$not":
            ok = not matches(cond, doc)
        else:
            values = field_values(doc, key)
            if isinstance(cond, dict) and cond and all(k.startswith("$") for k in cond):
                ok = all(_check(op, arg, values) for op, arg in cond.items())
            else:
                ok = _check("$eq", cond, values)
        if not ok:
            return False
    return True


def sort_docs(docs: list[Doc], sort: Any, default: list[dict[str, str]]) -> list[Doc]:
    """Sort by Wix ``sort`` specs (``fieldName``/``order``); missing values sort last."""
    specs = sort if isinstance(sort, list) and sort else default
    result = list(docs)
    for spec in reversed(specs):
        name = str(spec.get("fieldName", ""))
        descending = str(spec.get("order", "ASC")).upper() == "DESC"
        present = [d for d in result if field_values(d, name)]
        missing = [d for d in result if not field_values(d, name)]
        present.sort(key=lambda d: field_values(d, name)[0], reverse=descending)
        result = present + missing
    return result


def offset_page(body: Doc, max_limit: int, default_limit: int) -> tuple[int, int]:
    """``paging.limit``/``paging.offset`` with Wix's bounds (a limit over the max is a 400)."""
    paging = body.get("paging") or {}
    limit = _int(paging.get("limit", default_limit), "paging.limit")
    offset = _int(paging.get("offset", 0), "paging.offset")
    if not 0 <= limit <= max_limit:
        raise invalid("paging.limit", f"must be between 0 and {max_limit}")
    if offset < 0:
        raise invalid("paging.offset", "must not be negative")
    return limit, offset


def _int(value: Any, name: str) -> int:
    try:
        return int(value)
    except (TypeError, ValueError) as exc:
        raise invalid(name, "must be an integer") from exc


def cursor_limit(body: Doc, max_limit: int, default_limit: int) -> int:
    """``cursorPaging.limit`` within ``1..max_limit``."""
    paging = body.get("cursorPaging") or {}
    limit = _int(paging.get("limit") or default_limit, "cursorPaging.limit")
    if not 1 <= limit <= max_limit:
        raise invalid("cursorPaging.limit", f"must be between 1 and {max_limit}")
    return limit


def encode_cursor(state: Doc) -> str:
    """An opaque cursor carrying everything needed to rebuild the next page."""
    raw = json.dumps(state, separators=(",", ":"), sort_keys=True).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> Doc:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        value = json.loads(base64.urlsafe_b64decode(padded.encode()))
    except (ValueError, TypeError) as exc:
        raise invalid("cursorPaging.cursor", "is not a valid cursor") from exc
    if not isinstance(value, dict):
        raise invalid("cursorPaging.cursor", "is not a valid cursor")
    return value


def resolve_cursor_request(body: Doc) -> tuple[Doc, int]:
    """For cursor-paged methods: the effective request and the start offset.

    A follow-up request sends only ``cursorPaging.cursor``; the cursor carries the
    original request, so the sandbox stays stateless across pages.
    """
    cursor = (body.get("cursorPaging") or {}).get("cursor")
    if not cursor:
        return body, 0
    state = decode_cursor(str(cursor))
    request = dict(state.get("request") or {})
    request["cursorPaging"] = {"limit": (body.get("cursorPaging") or {}).get("limit")}
    if request["cursorPaging"]["limit"] is None:
        request["cursorPaging"]["limit"] = state.get("limit")
    return request, int(state.get("offset", 0))


def cursor_page(items: list[Any], request: Doc, offset: int, limit: int) -> tuple[list[Any], Doc]:
    """Slice a cursor page and build ``{cursors: {next, prev}, hasNext}``."""
    page = items[offset : offset + limit]
    has_next = offset + limit < len(items)
    original = {k: v for k, v in request.items() if k != "cursorPaging"}
    next_cursor = (
        encode_cursor({"request": original, "offset": offset + limit, "limit": limit})
        if has_next
        else None
    )
    prev_cursor = (
        encode_cursor({"request": original, "offset": max(0, offset - limit), "limit": limit})
        if offset
        else None
    )
    return page, {"cursors": {"next": next_cursor, "prev": prev_cursor}, "hasNext": has_next}
