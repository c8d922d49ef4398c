"""A fake Wix at the transport: queued fixture replies per (method, path), recorded calls."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "wix"
NOW = 1_800_000_000.0
API_KEY = "api-key-SECRET-123"
SITE_ID = "site-guid-1"
CLIENT_ID = "client-guid-1"


def load(name: str) -> dict[str, Any]:
    """One documented Wix payload from tests/fixtures/wix."""
    return json.loads((FIXTURES / f"{name}.json").read_text())


Reply = httpx.Response | Exception | Callable[[httpx.Request], httpx.Response]


@dataclass
class FakeWix:
    """Queues replies per (method, path); the last reply of a route is reused."""

    routes: dict[tuple[str, str], list[Reply]] = field(default_factory=dict)
    requests: list[httpx.Request] = field(default_factory=list)

    def add(
        self,
        method: str,
        path: str,
        body: Any = None,
        *,
        status: int = 200,
        headers: dict[str, str] | None = None,
        content: bytes | None = None,
        raises: Exception | None = None,
    ) -> None:
        """Queue a reply: a fixture name or dict as JSON, raw ``content``, or an exception."""
        reply: Reply
        if raises is not None:
            reply = raises
        else:
            payload = load(body) if isinstance(body, str) else body
            all_headers = {"x-wix-request-id": f"req-{len(self._all()) + 1}", **(headers or {})}
            if content is not None:
                reply = httpx.Response(status, content=content, headers=all_headers)
            else:
                reply = httpx.Response(status, json=payload or {}, headers=all_headers)
        self.routes.setdefault((method, path), []).append(reply)

    def _all(self) -> list[Reply]:
        return [r for replies in self.routes.values() for r in replies]

    def handler(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        queue = self.routes.get((request.method, request.url.path))
        if not queue:
            raise AssertionError(f"unexpected Wix call {request.method} {request.url.path}")
        reply = queue.pop(0) if len(queue) > 1 else queue[0]
        if isinstance(reply, Exception):
            raise reply
        if callable(reply) and not isinstance(reply, httpx.Response):
            return reply(request)
        # A fresh Response per call: httpx marks a Response as read once it is consumed.
        return httpx.Response(reply.status_code, content=reply.content, headers=reply.headers)

    def calls(self) -> list[tuple[str, str]]:
        """(method, raw path with query) of every request, in order."""
        return [(r.method, r.url.raw_path.decode()) for r in self.requests]

    def body(self, index: int = -1) -> Any:
        """The JSON body of one recorded request."""
        return json.loads(self.requests[index].content)

    def bodies(self, path: str) -> list[Any]:
        """JSON bodies of every request to ``path``."""
        return [json.loads(r.content) for r in self.requests if r.url.path == path]


@dataclass
class Clock:
    """A settable clock for token expiry."""

    now: float = NOW

    def __call__(self) -> float:
        return self.now


ADMIN_HEADERS = {"authorization": API_KEY, "wix-site-id": SITE_ID}


def auth_headers(request: httpx.Request) -> dict[str, str]:
    """The identity headers a request carried."""
    return {k: v for k, v in request.headers.items() if k in ("authorization", "wix-site-id")}


def one_service_page() -> dict[str, Any]:
    """A complete single-page Query Services answer."""
    return {
        "services": [load("service_get")["service"]],
        "pagingMetadata": {"count": 1, "offset": 0, "total": 1, "tooManyToCount": False},
    }
