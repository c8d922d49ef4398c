"""Wix models for unit tests, parsed with their ``from_api`` from documented payloads.

The payloads are the recorded ones in tests/fixtures/wix; a test that needs another shape
overrides top-level keys of a copy (as Wix would have sent them) rather than building a
model by hand, so every model went through the same parser as in production.
"""

from __future__ import annotations

import copy
import json
from functools import cache
from pathlib import Path
from typing import Any

from booking_site.wix import Service, ServiceVariants

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "wix"


@cache
def _payload(name: str) -> Any:
    return json.loads((FIXTURES / f"{name}.json").read_text())


def payload(name: str) -> Any:
    """A fresh copy of ``tests/fixtures/wix/<name>.json``."""
    return copy.deepcopy(_payload(name))


def _service(raw: dict[str, Any], changes: dict[str, Any]) -> Service:
    return Service.from_api({**raw, **changes})


def massage(**changes: Any) -> Service:
    """APPOINTMENT, FIXED £60 paid online, one participant, staff Sam and Alex, loc-main."""
    return _service(payload("services_page1")["services"][0], changes)


def yoga(**changes: Any) -> Service:
    """CLASS, VARIED (default £20, from £10), online or in person, up to four participants."""
    return _service(payload("services_page1")["services"][1], changes)


def pottery(**changes: Any) -> Service:
    """COURSE, NO_FEE, paid in person, with first and last session dates."""
    return _service(payload("services_page2")["services"][0], changes)


def yoga_variants() -> ServiceVariants:
    """Adult £20.00 and Child £10.50 for the yoga class."""
    return ServiceVariants.from_api(payload("service_variants"))


def participants_policy(limit: int) -> dict[str, Any]:
    """A ``bookingPolicy`` payload allowing ``limit`` participants per booking."""
    return {"participantsPolicy": {"maxParticipantsPerBooking": limit}}
