"""The signed-in member and a sign-in in progress, each kept in the session by a ``DraftStore``.

Server-side only: the member's tokens live in the session store (never in a page, a cookie
value or a log line). ``SignedIn`` is who the customer is; ``LoginAttempt`` holds the OAuth
``state`` and PKCE ``code_verifier`` between the redirect to Wix's login and the callback
(docs/wix-contract.md §28.1). Both are versioned and JSON-safe; anything unreadable is "signed
out" or "no sign-in in progress", never a 500.
"""

from __future__ import annotations

import dataclasses
import time
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest

from booking_site.drafts import DraftStore
from booking_site.wix.tokens import VisitorTokens

VERSION = 1
# How long a member stays signed in without visiting (the refresh token keeps working).
SIGNED_IN_MAX_AGE = 30 * 24 * 60 * 60
# How long Wix's login page may take before its callback is refused.
LOGIN_MAX_AGE = 15 * 60


@dataclass(frozen=True)
class SignedIn:
    """The member the customer signed in as, and their Wix member tokens."""

    member_id: str = ""
    name: str = ""
    email: str = ""
    tokens: dict[str, Any] = field(default_factory=dict)
    updated_at: float = field(default_factory=time.time)
    version: int = VERSION

    def __repr__(self) -> str:
        # The tokens are credentials: keep them out of logs and tracebacks.
        return f"SignedIn(member_id={self.member_id!r})"

    @property
    def member_tokens(self) -> VisitorTokens | None:
        try:
            # Marked as a member's even when stored before the mark existed.
            return dataclasses.replace(VisitorTokens.from_dict(self.tokens), member=True)
        except ValueError:
            return None

    def with_tokens(self, tokens: VisitorTokens | None) -> SignedIn:
        """A copy keeping refreshed ``tokens`` (unchanged when None or the same)."""
        if tokens is None or tokens.to_dict() == self.tokens:
            return self
        return dataclasses.replace(self, tokens=tokens.to_dict(), updated_at=time.time())

    def to_json(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_json(cls, data: Any) -> SignedIn:
        if not isinstance(data, dict) or data.get("version") != VERSION:
            raise ValueError("member session version mismatch")
        try:
            signed_in = cls(**data)
        except TypeError as exc:
            raise ValueError("malformed member session") from exc
        texts = (signed_in.member_id, signed_in.name, signed_in.email)
        if not all(isinstance(v, str) for v in texts) or not signed_in.member_id:
            raise ValueError("member session without a member")
        if not isinstance(signed_in.updated_at, int | float) or signed_in.member_tokens is None:
            raise ValueError("member session without tokens")
        return signed_in


@dataclass(frozen=True)
class LoginAttempt:
    """One sign-in on its way through Wix's login page (used once, by its callback)."""

    state: str = ""
    code_verifier: str = ""
    redirect_uri: str = ""
    next_url: str = "/"
    updated_at: float = field(default_factory=time.time)
    version: int = VERSION

    def __repr__(self) -> str:
        return "LoginAttempt(…)"  # the state and verifier are secrets until used

    def to_json(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_json(cls, data: Any) -> LoginAttempt:
        if not isinstance(data, dict) or data.get("version") != VERSION:
            raise ValueError("login attempt version mismatch")
        try:
            attempt = cls(**data)
        except TypeError as exc:
            raise ValueError("malformed login attempt") from exc
        values = (attempt.state, attempt.code_verifier, attempt.redirect_uri, attempt.next_url)
        if not all(isinstance(v, str) and v for v in values):
            raise ValueError("login attempt incomplete")
        if not isinstance(attempt.updated_at, int | float):
            raise ValueError("login attempt timestamp invalid")
        return attempt


_SIGNED_OUT = SignedIn()
_NO_ATTEMPT = LoginAttempt()
MEMBER: DraftStore[SignedIn] = DraftStore(
    "booking_site.member", SignedIn.from_json, lambda old: _SIGNED_OUT, SIGNED_IN_MAX_AGE
)
LOGIN: DraftStore[LoginAttempt] = DraftStore(
    "booking_site.member_login", LoginAttempt.from_json, lambda old: _NO_ATTEMPT, LOGIN_MAX_AGE
)


def load_member(request: HttpRequest) -> SignedIn | None:
    """The signed-in member, or None when signed out (or their session is unreadable)."""
    signed_in = MEMBER.load(request).draft
    return signed_in if signed_in.member_id else None


def save_member(request: HttpRequest, signed_in: SignedIn) -> None:
    MEMBER.save(request, signed_in)


def clear_member(request: HttpRequest) -> None:
    MEMBER.clear(request)


def load_login(request: HttpRequest) -> LoginAttempt | None:
    """The sign-in in progress, or None (none started, expired or unreadable)."""
    attempt = LOGIN.load(request).draft
    return attempt if attempt.state else None


def save_login(request: HttpRequest, attempt: LoginAttempt) -> None:
    LOGIN.save(request, attempt)


def clear_login(request: HttpRequest) -> None:
    LOGIN.clear(request)


def rotate_session(request: HttpRequest) -> None:
    """A new session key, keeping its data: after signing in or out (no session fixation)."""
    request.session.cycle_key()
