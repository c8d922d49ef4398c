"""VisitorTokens: one Wix visitor's OAuth token set, JSON-safe for the Django session."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class VisitorTokens:
    """An anonymous visitor's access token, refresh token and absolute expiry (epoch seconds)."""

    access_token: str
    refresh_token: str
    expires_at: float
    # A member's tokens (from a login): a refused refresh signs them out, never turns visitor.
    member: bool = False

    def __repr__(self) -> str:
        # Tokens are credentials: keep them out of logs, tracebacks and debug pages.
        return f"VisitorTokens(expires_at={self.expires_at!r})"

    def expires_soon(self, now: float, margin: float = 60) -> bool:
        """True when the access token expires within ``margin`` seconds of ``now``."""
        return self.expires_at - margin <= now

    def to_dict(self) -> dict[str, object]:
        """JSON-safe form for storing in a session."""
        stored: dict[str, object] = {
            "access_token": self.access_token,
            "refresh_token": self.refresh_token,
            "expires_at": self.expires_at,
        }
        return stored | {"member": True} if self.member else stored

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> VisitorTokens:
        """Inverse of ``to_dict``; raises ValueError on anything malformed."""
        if not isinstance(data, Mapping):
            raise ValueError("visitor tokens must be a mapping")
        access, refresh, expires = (
            data.get("access_token"),
            data.get("refresh_token"),
            data.get("expires_at"),
        )
        if not isinstance(access, str) or not access:
            raise ValueError("access_token must be a non-empty string")
        if not isinstance(refresh, str):
            raise ValueError("refresh_token must be a string")
        if isinstance(expires, bool) or not isinstance(expires, int | float):
            raise ValueError("expires_at must be a number")
        member = data.get("member", False)
        if not isinstance(member, bool):
            raise ValueError("member must be a boolean")
        return cls(access, refresh, float(expires), member)
