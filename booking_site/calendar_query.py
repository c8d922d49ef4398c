"""The calendar's query string (month, day, staff, location, zone, length), parsed once.

The query string is parsed on every service page and calendar swap, and a Django form (its
fields deep-copied per instance) cost more CPU than the page's lookup in the shared page copy
(booking_site/page_cache.py). The parse is a pure function of the string's own fields, so it is
memoized on them.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any, cast

from django.http import QueryDict

from booking_site.forms import CalendarForm
from booking_site.queries import CalendarQuery


def calendar_query(query: Mapping[str, Any]) -> CalendarQuery:
    """``CalendarForm(query).valid_values()``, parsed once per distinct set of its fields'
    values (at most 1,024 kept); each caller gets its own dict."""
    fields = tuple(k for k in CalendarForm.base_fields if k in query)
    if not fields:
        return cast(CalendarQuery, {})
    # Only the form's own fields matter (deep-link prefill and utm_ tags are read elsewhere).
    lists = getattr(query, "getlist", None)
    key = tuple((k, tuple(lists(k)) if lists else (query[k],)) for k in fields)
    return cast(CalendarQuery, dict(_parse_calendar(key)))


@functools.lru_cache(maxsize=1024)
def _parse_calendar(key: tuple[tuple[str, tuple[str, ...]], ...]) -> tuple[tuple[str, Any], ...]:
    data = QueryDict(mutable=True)
    for name, values in key:
        data.setlist(name, list(values))
    return tuple(CalendarForm(data).valid_values().items())
