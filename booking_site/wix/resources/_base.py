"""What every resource shares: its caller, the media base URL and path-segment quoting."""

from __future__ import annotations

from urllib.parse import quote

from booking_site.wix.callers import Caller
from booking_site.wix.constants import DEFAULT_MEDIA_BASE_URL


class Resource:
    """Base of the per-API classes; the caller decides which identity each call uses."""

    def __init__(self, caller: Caller, *, media_base_url: str = DEFAULT_MEDIA_BASE_URL) -> None:
        self._caller = caller
        self._media_base_url = media_base_url


def segment(value: str) -> str:
    """Quote an id for use as one URL path segment."""
    if not value:
        raise ValueError("an id is required")
    return quote(value, safe="")
