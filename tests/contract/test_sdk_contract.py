"""The client against Wix's own generated SDK packages (pinned in ``sdk_packages.txt``).

Every call the client can make is driven against the in-process sandbox through a recording
httpx transport (the HTTP boundary: what goes on the wire, nothing of ours patched). Each
recorded request must then be in a pinned package's URL map (method + path, any alias of
docs/wix-contract.md §0.2), and every field of its JSON body or query string, at any depth, must
exist in that method's REST request type in the package's ``meta.d.ts``.

The packages come from ``make contract-packages`` (part of ``make test``).
"""

from __future__ import annotations

import inspect
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

import httpx
import pytest

from booking_site.wix import WixClient, WixError
from booking_site.wix.auth import AuthAPI
from booking_site.wix.resources import (
    AnonymousBookingsAPI,
    BalancesAPI,
    BookingsAPI,
    CalendarEventsAPI,
    CartAPI,
    CheckoutAPI,
    ExtendedBookingsAPI,
    FormsAPI,
    MembersAPI,
    OrdersAPI,
    PlansAPI,
    RedirectsAPI,
    ServicesAPI,
    SiteAPI,
    StaffMembersAPI,
    TimeSlotsAPI,
    VariantsAPI,
)
from tests.contract import sdk_spec
from tests.contract.sdk_drive import drive_every_call
from tests.contract.ts_types import shape, violations
from wix_sandbox import Sandbox

# Requests whose body the packages cannot type, each with the page that documents its fields.
# The path itself is still checked against the URL map.
UNTYPED_BODIES: dict[tuple[str, str], tuple[frozenset[str], str]] = {
    # @wix/auto_sdk_identity_oauth maps POST /oauth2/token (srcPath /oauth2 → /v1/oauth) but
    # types its body as RawHttpRequest (raw bytes). The fields are those of
    # docs/wix-contract.md §1.2:
    # https://dev.wix.com/docs/rest/business-management/headless/authentication/retrieve-tokens
    ("POST", "/oauth2/token"): (
        frozenset({"clientId", "grantType", "refreshToken", "code", "codeVerifier", "redirectUri"}),
        "docs/wix-contract.md §1.2 (dev.wix.com …/headless/authentication/retrieve-tokens)",
    ),
}


# Calls to APIs no pinned package covers: for Calendar Events V3 (a course's sessions, §22)
# `npm view @wix/calendar` finds no package. Its body's field paths, at any depth, are checked
# against the documented request instead; pin a package and drop the entry once there is one.
UNPINNED: dict[tuple[str, str], tuple[frozenset[str], str]] = {
    ("POST", "/calendar/v3/events/query"): (
        frozenset(
            {
                "fromLocalDate",
                "toLocalDate",
                "timeZone",
                "query",
                "query.filter",
                "query.cursorPaging",
                "query.cursorPaging.limit",
                "query.cursorPaging.cursor",
            }
        ),
        "docs/wix-contract.md §22 (dev.wix.com …/calendar/events-v3/query-events)",
    ),
}


def _paths(body: Any, prefix: str = "") -> list[str]:
    """Every field path of a JSON body (filter contents are free-form: not descended)."""
    if not isinstance(body, dict):
        return []
    found = []
    for key, value in body.items():
        path = f"{prefix}{key}"
        found.append(path)
        if key != "filter":
            found += _paths(value, f"{path}.")
    return found


@dataclass(frozen=True)
class Sent:
    """One request as it left the client."""

    method: str
    path: str
    query: dict[str, str]
    body: Any


class Recorder(httpx.BaseTransport):
    """Passes every request on to ``inner`` and keeps what was sent."""

    def __init__(self, inner: httpx.BaseTransport) -> None:
        self.inner = inner
        self.sent: list[Sent] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        content = request.read()
        body = json.loads(content) if content else None
        query = dict(request.url.params.multi_items())
        self.sent.append(Sent(request.method, request.url.path, query, body))
        return self.inner.handle_request(request)


@pytest.fixture(scope="module")
def endpoints() -> list[sdk_spec.Endpoint]:
    try:
        return sdk_spec.load_all()
    except FileNotFoundError as missing:
        pytest.fail(f"Wix SDK packages not unpacked ({missing}); run `make contract-packages`")


@pytest.fixture
def recorder() -> Iterator[tuple[Recorder, Sandbox, Callable[..., WixClient]]]:
    sandbox = Sandbox(today=date(2026, 12, 7))
    recorder = Recorder(httpx.WSGITransport(app=sandbox.app))
    clients: list[WixClient] = []

    def build(*, ecom_api: str = "cart") -> WixClient:
        client = WixClient(
            client_id=sandbox.client_id,
            api_key=sandbox.api_key,
            site_id=sandbox.site_id,
            ecom_api=ecom_api,
            transport=recorder,
            sleep=lambda seconds: None,
        )
        clients.append(client)
        return client

    yield recorder, sandbox, build
    for client in clients:
        client.close()


def match(sent: Sent, endpoints: list[sdk_spec.Endpoint]) -> list[sdk_spec.Endpoint]:
    """The package endpoints whose method and path template fit ``sent``."""
    return [e for e in endpoints if e.method == sent.method and e.pattern.match(sent.path)]


def problems(sent: Sent, endpoints: list[sdk_spec.Endpoint]) -> list[str]:
    """Why ``sent`` breaks the packages' contract (empty when it keeps it)."""
    found = match(sent, endpoints)
    unpinned = UNPINNED.get((sent.method, sent.path))
    if not found and unpinned is not None:
        allowed, source = unpinned
        paths = _paths(sent.body) + list(sent.query)
        return [
            f"{sent.method} {sent.path}: {p} not in {source}" for p in paths if p not in allowed
        ]
    if not found:
        return [f"{sent.method} {sent.path}: in no pinned package's URL map"]
    fields = {**sent.query, **(sent.body if isinstance(sent.body, dict) else {})}
    untyped = UNTYPED_BODIES.get((sent.method, sent.path))
    if untyped is not None:
        allowed, source = untyped
        return [
            f"{sent.method} {sent.path}: {k} not in {source}" for k in fields if k not in allowed
        ]
    best: list[str] | None = None
    for endpoint in found:
        assert endpoint.request_type, endpoint
        # Query parameters name request fields with dots (``fields.paths``).
        nested: dict[str, Any] = dict(sent.body) if isinstance(sent.body, dict) else {}
        for key, value in sent.query.items():
            target = nested
            *parents, leaf = key.split(".")
            for part in parents:
                target = target.setdefault(part, {})
            target[leaf] = value
        bad = violations(nested, endpoint.request_type, endpoint.decls)
        if best is None or len(bad) < len(best):
            best = [f"{sent.method} {sent.path}: {endpoint.request_type} has no {b}" for b in bad]
    return best or []


def test_every_request_is_in_the_sdk_url_maps_with_known_fields(
    endpoints: list[sdk_spec.Endpoint],
    recorder: tuple[Recorder, Sandbox, Callable[..., WixClient]],
) -> None:
    record, sandbox, build = recorder

    try:
        called = drive_every_call(build, sandbox)
    except WixError:
        # The sandbox refused a call: report what broke the contract up to there first.
        assert [p for sent in record.sent for p in problems(sent, endpoints)] == []
        raise

    assert len(record.sent) > 40
    assert [p for sent in record.sent for p in problems(sent, endpoints)] == []
    assert called == public_methods()


def public_methods() -> set[str]:
    """``Class.method`` for every public method of every resource that makes a Wix call."""
    classes = (
        AnonymousBookingsAPI,
        AuthAPI,
        BalancesAPI,
        BookingsAPI,
        CalendarEventsAPI,
        CartAPI,
        CheckoutAPI,
        ExtendedBookingsAPI,
        MembersAPI,
        FormsAPI,
        OrdersAPI,
        PlansAPI,
        RedirectsAPI,
        ServicesAPI,
        SiteAPI,
        StaffMembersAPI,
        TimeSlotsAPI,
        VariantsAPI,
    )
    return {
        f"{cls.__name__}.{name}"
        for cls in classes
        for name, member in vars(cls).items()
        if inspect.isfunction(member) and not name.startswith("_")
    }


# --- The check itself bites: requests one misspelling away from the client's ------------------


@pytest.mark.parametrize(
    ("sent", "expected"),
    [
        (Sent("POST", "/bookings/v2/booking", {}, {}), "in no pinned package's URL map"),
        (Sent("GET", "/bookings/v2/bookings/b-1/confirm", {}, None), "in no pinned package"),
        (
            Sent(
                "POST", "/bookings/v2/bookings", {}, {"booking": {"contactDetails": {"emial": ""}}}
            ),
            "CreateBookingRequest has no booking.contactDetails.emial",
        ),
        (
            Sent(
                "POST",
                "/bookings/v2/bookings",
                {},
                {"booking": {"bookedEntity": {"slot": {"resource": {"nmae": "Maya"}}}}},
            ),
            "has no booking.bookedEntity.slot.resource.nmae",
        ),
        (
            Sent("POST", "/ecom/v2/carts", {}, {"catalogItems": [{"catalogRefrence": {}}]}),
            "CreateCartRequest has no catalogItems[0].catalogRefrence",
        ),
        (
            Sent("GET", "/bookings/v2/services/s-1", {"conditionalFeilds": "X"}, None),
            "GetServiceRequest has no conditionalFeilds",
        ),
        (
            Sent("POST", "/calendar/v3/events/query", {}, {"query": {"cursorPagign": {}}}),
            "query.cursorPagign not in docs/wix-contract.md §22",
        ),
        (
            Sent("POST", "/oauth2/token", {}, {"clientId": "c", "grant_type": "anonymous"}),
            "grant_type not in docs/wix-contract.md §1.2",
        ),
    ],
)
def test_the_check_reports_a_wrong_path_or_field(
    endpoints: list[sdk_spec.Endpoint], sent: Sent, expected: str
) -> None:
    found = problems(sent, endpoints)

    assert len(found) == 1
    assert expected in found[0]


def test_the_check_accepts_filters_and_oneof_branches(endpoints: list[sdk_spec.Endpoint]) -> None:
    # ``filter`` is a Record (any key); ``totalParticipants`` and ``participantsChoices`` are
    # the two branches of a oneof, both fields of Booking through BookingParticipantsInfoOneOf.
    body = {
        "query": {"filter": {"$or": [{"appId": "x"}], "bookedEntity.item.slot.eventId": "e"}},
    }
    booking = {"booking": {"totalParticipants": 1, "participantsChoices": {"serviceChoices": []}}}

    assert problems(Sent("POST", "/bookings/v2/services/query", {}, body), endpoints) == []
    assert problems(Sent("POST", "/_api/bookings/v2/services/query", {}, body), endpoints) == []
    assert problems(Sent("POST", "/bookings/v2/bookings", {}, booking), endpoints) == []


def test_every_request_type_of_every_pinned_package_resolves(
    endpoints: list[sdk_spec.Endpoint],
) -> None:
    # The reader must know every construct these files use: an unknown one raises KeyError
    # rather than silently allowing any field below it.
    seen: set[tuple[str, str]] = set()
    pending = [(e.package, e.request_type or "", e.decls) for e in endpoints]
    while pending:
        package, text, decls = pending.pop()
        if (package, text) in seen:
            continue
        seen.add((package, text))
        found = shape(text, decls)
        children = [t for texts in found.fields.values() for t in texts]
        pending += [(package, t, decls) for t in children + found.items + found.record_values]

    assert len(seen) > 500  # 961 type expressions with the pins of December 2026
