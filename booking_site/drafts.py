"""Drafts in the session: the only code that touches ``request.session``.

A ``DraftStore`` keeps one kind of draft (the customer's, ``session.STORE``; owner mode's,
``owner.session.STORE``) under its own namespaced key. Anything unreadable (an old version,
tampered or corrupt data) or stale becomes a fresh draft, never a 500; ``DraftLoad.reset`` tells
the caller so it can say so (``flow.Flow.requires_step`` does).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar

from django.http import HttpRequest

# A draft left alone for longer than this starts over (Wix's visitor token lasts 4 hours).
MAX_AGE_SECONDS = 3 * 60 * 60
# How stale the stored timestamp may get before an unchanged draft is written again.
_TOUCH_SECONDS = 5 * 60


class Draft(Protocol):
    """What a draft kept by a ``DraftStore`` offers: a timestamp and a JSON-safe form."""

    @property
    def updated_at(self) -> float: ...

    def to_json(self) -> dict[str, Any]: ...


D = TypeVar("D", bound=Draft)


@dataclass(frozen=True)
class DraftLoad(Generic[D]):
    """The loaded draft and whether an unusable one was replaced by a fresh one."""

    draft: D
    reset: bool = False


@dataclass(frozen=True)
class DraftStore(Generic[D]):
    """One kind of draft under its own session key: the only code that touches the session.

    ``from_json`` rebuilds a draft and raises ``ValueError`` on anything that isn't a valid
    current version; ``fresh`` makes a new one from the expired one (what survives expiry).
    """

    key: str
    from_json: Callable[[Any], D]
    fresh: Callable[[D | None], D]
    max_age_seconds: float = MAX_AGE_SECONDS

    def load(self, request: HttpRequest) -> DraftLoad[D]:
        """Read the draft; a missing one is fresh, a bad or expired one is reset."""
        raw = request.session.get(self.key)
        if raw is None:
            return DraftLoad(self.fresh(None))
        try:
            draft = self.from_json(raw)
        except ValueError:
            return DraftLoad(self.fresh(None), reset=True)
        if time.time() - draft.updated_at > self.max_age_seconds:
            return DraftLoad(self.fresh(draft), reset=True)
        return DraftLoad(draft)

    def exists(self, request: HttpRequest) -> bool:
        """Whether this visitor already has such a draft (reading this creates no session)."""
        return self.key in request.session

    def save(self, request: HttpRequest, draft: D) -> None:
        """Store the draft in the session.

        A draft that only differs by a recent timestamp is not written again: browsing the
        calendar would otherwise rewrite the session row on every click.
        """
        new = draft.to_json()
        old = request.session.get(self.key)
        if isinstance(old, dict) and isinstance(old.get("updated_at"), int | float):
            unchanged = {**old, "updated_at": new["updated_at"]} == new
            if unchanged and new["updated_at"] - old["updated_at"] < _TOUCH_SECONDS:
                return
        request.session[self.key] = new

    def clear(self, request: HttpRequest) -> None:
        """Forget the draft."""
        request.session.pop(self.key, None)
