"""The standalone control endpoints (``/_sandbox/…``), only when the sandbox is what runs."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .errors import invalid, not_found
from .http import Request, Response, json_response

if TYPE_CHECKING:
    from .app import Sandbox


def handle(sandbox: Sandbox, request: Request) -> Response:
    """Dispatch one control call; knobs are applied through the public Python API."""
    route = (request.method, request.path.rstrip("/"))
    body = request.json if request.method in ("POST", "PUT") else {}
    try:
        if route == ("POST", "/_sandbox/reset"):
            sandbox.reset()
        elif route == ("POST", "/_sandbox/latency"):
            sandbox.set_latency(float(body.get("seconds", 0)))
        elif route == ("POST", "/_sandbox/faults"):
            sandbox.inject_faults(
                kind=str(body.get("kind")),  # type: ignore[arg-type]
                rate=float(body.get("rate", 1.0)),
                endpoints=body.get("endpoints"),
                timeout_seconds=float(body.get("timeoutSeconds", 10.0)),
            )
        elif route == ("DELETE", "/_sandbox/faults"):
            sandbox.clear_faults()
        elif route == ("POST", "/_sandbox/misconfigurations"):
            sandbox.set_misconfiguration(str(body.get("name")), bool(body.get("enabled", True)))
        elif route == ("GET", "/_sandbox/state"):
            return json_response(
                {
                    "bookings": sandbox.bookings(),
                    "carts": sandbox.carts(),
                    "checkouts": sandbox.checkouts(),
                    "orders": sandbox.orders(),
                    "callCounts": sandbox.call_counts(),
                }
            )
        else:
            raise not_found("NOT_FOUND", "no such control endpoint")
    except (TypeError, ValueError) as exc:
        raise invalid("body", str(exc)) from exc
    return json_response({"ok": True})
