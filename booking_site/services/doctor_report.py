"""The findings ``wix_doctor`` reports: one line each, ok / warn / fail, for an owner to act on."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from booking_site.wix import WixAPIError, WixError

# "manual": something only the owner can check, by hand (it is neither fine nor wrong yet).
Status = Literal["ok", "manual", "warn", "fail"]


@dataclass(frozen=True)
class Finding:
    """One line of the report."""

    status: Status
    check: str
    message: str


def why(exc: WixError) -> str:
    """Enough of a Wix error for an owner to search for (never shown to customers)."""
    if isinstance(exc, WixAPIError):
        return f"HTTP {exc.status} {exc.code or ''} {exc.message or ''}".strip()
    return type(exc).__name__
