"""Test and benchmark knobs: per-call latency and seeded fault injection."""

from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal, get_args

from .errors import WixError
from .http import Response

# "timeout" answers late without doing anything; "timeout_after" does the work (a booking is
# stored), then answers just as late: the dangerous case where the caller can't tell. The other
# "_after" kinds also do the work, then spoil the success answer on its way back, as a proxy
# that drops the connection mid-body, empties it, or swaps in its own HTML page would.
# "empty" answers 200 with an empty object without doing anything (a broken read).
FaultKind = Literal[
    "429",
    "500",
    "503",
    "timeout",
    "timeout_after",
    "drop_after",
    "empty_after",
    "garble_after",
    "empty",
]
# The same names at run time (for checking a kind given as text), read off the type itself.
FAULT_KINDS: tuple[str, ...] = get_args(FaultKind)
SPOILED_KINDS = frozenset({"drop_after", "empty_after", "garble_after"})
# Old sandbox behaviour, each kept behind its own switch (``Sandbox.set_legacy``) for tests
# written against it; by default the sandbox follows Wix's documentation.
# ``create_booking_statuses``: Create Booking's statuses before the §6.4 correction.
LEGACY_BEHAVIOURS = frozenset({"create_booking_statuses"})


@dataclass(frozen=True)
class FaultRule:
    kind: str
    rate: float
    endpoints: frozenset[str] | None
    timeout_seconds: float


class Knobs:
    """Latency and fault rules; the caller holds the sandbox lock while using it."""

    def __init__(self, seed: int, latency: float = 0.0) -> None:
        self.latency = latency
        self.rules: list[FaultRule] = []
        self.legacy: set[str] = set()
        self._random = random.Random(seed)

    def add_fault(
        self, kind: str, rate: float, endpoints: Iterable[str] | None, timeout_seconds: float
    ) -> None:
        if kind not in FAULT_KINDS:
            raise ValueError(f"fault kind must be one of {FAULT_KINDS}, not {kind!r}")
        if not 0.0 <= rate <= 1.0:
            raise ValueError("fault rate must be between 0 and 1")
        chosen = frozenset(endpoints) if endpoints is not None else None
        self.rules.append(FaultRule(kind, rate, chosen, timeout_seconds))

    def draw(self, endpoint: str) -> FaultRule | None:
        """The fault to inject for one call of ``endpoint``, if the seeded dice say so."""
        for rule in self.rules:
            applies = rule.endpoints is None or endpoint in rule.endpoints
            if applies and self._random.random() < rule.rate:
                return rule
        return None


def fault_error(rule: FaultRule) -> WixError:
    """The response of an injected fault: Wix's system-error shape (empty ``details``)."""
    if rule.kind == "429":
        return WixError(
            429, "Too many requests (sandbox fault injection)", headers=(("Retry-After", "1"),)
        )
    if rule.kind == "500":
        return WixError(500, "Internal error (sandbox fault injection)")
    if rule.kind == "503":
        return WixError(503, "Service unavailable (sandbox fault injection)")
    return WixError(504, "Gateway timeout (sandbox fault injection)")


def acts_first(rule: FaultRule) -> bool:
    """Whether the call does its work before the fault hits its answer."""
    return rule.kind.endswith("_after")


def spoiled(rule: FaultRule, response: Response) -> Response:
    """The success ``response`` as a broken proxy would pass it on (the work is already done).

    ``drop_after`` sends half the body under the full ``Content-Length`` and ends the stream:
    over HTTP the client sees the connection close early, in-process a truncated body.
    ``empty_after`` keeps the status with no body; ``garble_after`` an HTML page instead of JSON.
    """
    if rule.kind == "drop_after":
        declared = ("Content-Length", str(len(response.body)))
        return Response(response.status, response.body[: len(response.body) // 2], [declared])
    if rule.kind == "empty_after":
        return Response(response.status, b"", [("Content-Type", "application/json")])
    page = b"<html><body><h1>502 Bad Gateway</h1></body></html>"
    return Response(response.status, page, [("Content-Type", "text/html")])
