"""Fixtures for the sandbox's own tests: raw HTTP against the WSGI app, a movable clock."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

import httpx
import pytest

from wix_sandbox import Sandbox

# A Monday in GMT; British Summer Time starts on Sunday 2026-03-29.
TODAY = date(2026, 3, 2)
STAFF_TYPE = "1cd44cf8-756f-41c3-bd90-3e2ffcaf1155"
APP_ID = "13d21c63-b5ec-5912-8397-c3a5ddb27a97"


class Clock:
    """A settable "now" for the sandbox (starts at 08:00 London on TODAY)."""

    def __init__(self) -> None:
        self.now = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def clock() -> Clock:
    return Clock()


# The sandbox's old behaviour, where CREATED bookings hold their place, "any staff" is checked
# and assigned at creation and callback hosts are refused when the session is made. Wix does
# none of these (docs/wix-contract.md §6.3, §24, §26.1); tests of the knobs opt in with
# ``@HOLDING``.
OLD_BEHAVIOUR = {
    "created_blocks": True,
    "any_staff_checked_at_creation": True,
    "redirect_checked_at_creation": True,
}
HOLDING = pytest.mark.sandbox_knobs(**OLD_BEHAVIOUR)


@pytest.fixture
def sandbox(clock: Clock, request: pytest.FixtureRequest) -> Sandbox:
    """Wix's behaviour, unless the test is marked ``sandbox_knobs(...)``."""
    marker = request.node.get_closest_marker("sandbox_knobs")
    return Sandbox(today=TODAY, clock=clock, **(marker.kwargs if marker else {}))


@pytest.fixture
def api(sandbox: Sandbox) -> Iterator[httpx.Client]:
    transport = httpx.WSGITransport(app=sandbox.app)
    with httpx.Client(transport=transport, base_url="https://www.wixapis.com") as client:
        yield client


def new_visitor(api: httpx.Client, sandbox: Sandbox) -> dict[str, str]:
    """Headers of a fresh anonymous visitor."""
    response = api.post(
        "/oauth2/token", json={"clientId": sandbox.client_id, "grantType": "anonymous"}
    )
    assert response.status_code == 200
    return {"Authorization": response.json()["access_token"]}


@pytest.fixture
def visitor(api: httpx.Client, sandbox: Sandbox) -> dict[str, str]:
    return new_visitor(api, sandbox)


@pytest.fixture
def admin(sandbox: Sandbox) -> dict[str, str]:
    return {"Authorization": sandbox.api_key, "wix-site-id": sandbox.site_id}


def app_code(response: httpx.Response) -> str | None:
    """``details.applicationError.code`` of an error envelope."""
    return response.json()["details"].get("applicationError", {}).get("code")


def appointment_slot(
    sandbox: Sandbox,
    *,
    service: str = "massage",
    start: str = "2026-03-02T10:00:00",
    end: str = "2026-03-02T11:00:00",
    staff: str | None = "maya",
    location: str = "islington",
) -> dict[str, Any]:
    """A Create Booking ``slot`` for an appointment, as the client would copy it."""
    slot: dict[str, Any] = {
        "serviceId": sandbox.demo.service(service),
        "scheduleId": sandbox.demo.schedule(service),
        "startDate": start,
        "endDate": end,
        "timezone": "Europe/London",
        "location": {"id": sandbox.demo.location(location), "locationType": "OWNER_BUSINESS"},
    }
    if staff:
        slot["resource"] = {"id": sandbox.demo.staff(staff)}
    else:
        slot["resourceSelections"] = [
            {"resourceTypeId": STAFF_TYPE, "selectionMethod": "ANY_RESOURCE"}
        ]
    return slot


def booking_body(
    entity: dict[str, Any],
    *,
    email: str = "ann.lee@example.com",
    participants: int | None = 1,
    option: str = "ONLINE",
    **extra: Any,
) -> dict[str, Any]:
    booking: dict[str, Any] = {
        "bookedEntity": entity,
        "contactDetails": {"firstName": "Ann", "lastName": "Lee", "email": email},
        "selectedPaymentOption": option,
    }
    if participants is not None:
        booking["totalParticipants"] = participants
    booking.update(extra)
    return {"booking": booking}


def create_booking(
    api: httpx.Client, headers: dict[str, str], entity: dict[str, Any], **kwargs: Any
) -> httpx.Response:
    return api.post("/bookings/v2/bookings", json=booking_body(entity, **kwargs), headers=headers)


def booking_cart(api: httpx.Client, headers: dict[str, str], booking_id: str) -> dict[str, Any]:
    """A Cart V2 holding one booking (a Bookings catalog item, quantity 1), as the site makes it."""
    item = {"catalogReference": {"appId": APP_ID, "catalogItemId": booking_id}, "quantity": 1}
    response = api.post("/ecom/v2/carts", json={"catalogItems": [item]}, headers=headers)
    assert response.status_code == 200, response.text
    return dict(response.json()["cart"])


def event_ids(api: httpx.Client, headers: dict[str, str], service_id: str) -> list[str]:
    """Upcoming session ids of a class/course in the first five weeks."""
    response = api.post(
        "/_api/service-availability/v2/time-slots/event",
        json={
            "serviceIds": [service_id],
            "fromLocalDate": "2026-03-02T00:00:00",
            "toLocalDate": "2026-04-06T00:00:00",
        },
        headers=headers,
    )
    assert response.status_code == 200, response.text
    return [slot["eventInfo"]["eventId"] for slot in response.json()["timeSlots"]]
