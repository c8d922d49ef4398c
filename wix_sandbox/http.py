"""Minimal WSGI request/response types; the sandbox uses no web framework."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from http import HTTPStatus
from typing import Any
from urllib.parse import parse_qs, unquote

from .errors import WixError, invalid

StartResponse = Callable[..., Any]
WSGIApp = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]

MAX_BODY_BYTES = 1_000_000


@dataclass
class Request:
    """The parts of a WSGI environ the sandbox reads."""

    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: bytes
    scheme: str = "http"
    host: str = "localhost"

    @classmethod
    def from_environ(cls, environ: dict[str, Any]) -> Request:
        """Parse an environ; the path is percent-decoded (so ``%3A`` matches ``:``)."""
        headers = {
            key[5:].replace("_", "-").lower(): str(value)
            for key, value in environ.items()
            if key.startswith("HTTP_")
        }
        if environ.get("CONTENT_TYPE"):
            headers["content-type"] = str(environ["CONTENT_TYPE"])
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        stream = environ.get("wsgi.input")
        body = stream.read(min(length, MAX_BODY_BYTES)) if stream is not None and length else b""
        raw_path = environ.get("PATH_INFO", "/") or "/"
        # PEP 3333 hands PATH_INFO over as latin-1 decoded bytes.
        path = unquote(raw_path.encode("latin-1").decode("utf-8", "replace"))
        return cls(
            method=str(environ.get("REQUEST_METHOD", "GET")).upper(),
            path=path,
            query=parse_qs(str(environ.get("QUERY_STRING", "")), keep_blank_values=True),
            headers=headers,
            body=body,
            scheme=str(environ.get("wsgi.url_scheme", "http")),
            host=headers.get("host") or str(environ.get("SERVER_NAME", "localhost")),
        )

    @cached_property
    def json(self) -> dict[str, Any]:
        """The JSON object body; an empty body is ``{}``, anything else invalid is a 400."""
        if not self.body.strip():
            return {}
        try:
            value = json.loads(self.body)
        except ValueError as exc:
            raise invalid("body", "must be a valid JSON object") from exc
        if not isinstance(value, dict):
            raise invalid("body", "must be a JSON object")
        return value

    @cached_property
    def form(self) -> dict[str, str]:
        """An ``application/x-www-form-urlencoded`` body, last value wins."""
        parsed = parse_qs(self.body.decode("utf-8", "replace"), keep_blank_values=True)
        return {key: values[-1] for key, values in parsed.items()}

    def arg(self, name: str) -> str | None:
        """One query-string parameter."""
        values = self.query.get(name)
        return values[-1] if values else None

    @property
    def origin(self) -> str:
        return f"{self.scheme}://{self.host}"


@dataclass
class Response:
    """A buffered response; ``x-wix-request-id`` is added by the app on the way out."""

    status: int
    body: bytes = b""
    headers: list[tuple[str, str]] = field(default_factory=list)

    def send(self, start_response: StartResponse) -> list[bytes]:
        reason = HTTPStatus(self.status).phrase
        headers = list(self.headers)
        if not any(name.lower() == "content-length" for name, _ in headers):
            headers.append(("Content-Length", str(len(self.body))))
        start_response(f"{self.status} {reason}", headers)
        return [self.body]


def json_response(payload: Any, status: int = 200) -> Response:
    body = json.dumps(payload, separators=(",", ":")).encode()
    return Response(status, body, [("Content-Type", "application/json; charset=utf-8")])


def error_response(error: WixError) -> Response:
    response = json_response(error.envelope(), error.status)
    response.headers.extend(error.headers)
    return response


def html_response(html: str, status: int = 200) -> Response:
    return Response(
        status,
        html.encode(),
        [("Content-Type", "text/html; charset=utf-8"), ("Cache-Control", "no-store")],
    )


def redirect(location: str, status: int = 303) -> Response:
    return Response(status, b"", [("Location", location), ("Cache-Control", "no-store")])


def new_request_id() -> str:
    """A unique id per response, like Wix's ``x-wix-request-id``."""
    return f"{uuid.uuid4().int >> 64:x}.{uuid.uuid4().hex[:12]}"
