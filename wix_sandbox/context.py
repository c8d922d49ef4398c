"""What a handler gets: the request, the state, the sandbox clock and the caller."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from .http import Request
from .state import State


@dataclass(frozen=True)
class Identity:
    """The authenticated caller: an anonymous visitor (with its id) or the API key."""

    kind: str
    visitor_id: str | None = None
    member_id: str | None = None

    @property
    def is_admin(self) -> bool:
        return self.kind == "admin"


@dataclass(frozen=True)
class HostedConfig:
    """Where hosted checkout pages live and which callback hosts are allowed."""

    public_url: str | None
    mount_path: str
    allowed_callback_hosts: frozenset[str]
    from_request: bool = False
    # Old sandbox behaviour: refuse an unlisted callback host when the session is created. Wix
    # checks the allowed redirect domains when it sends the visitor back (§26.1).
    checked_at_creation: bool = False


@dataclass
class Ctx:
    request: Request
    state: State
    now: datetime
    hosted: HostedConfig
    identity: Identity | None = None
    params: dict[str, str] = field(default_factory=dict)
    # The old behaviours switched back on (``knobs.LEGACY_BEHAVIOURS``).
    legacy: frozenset[str] = frozenset()

    @property
    def tz(self) -> ZoneInfo:
        return self.state.tz

    @property
    def admin(self) -> bool:
        return self.identity is not None and self.identity.is_admin

    @property
    def visitor_id(self) -> str | None:
        return self.identity.visitor_id if self.identity else None

    @property
    def member_id(self) -> str | None:
        """The member behind a member token (None for visitors and the API key)."""
        return self.identity.member_id if self.identity else None
