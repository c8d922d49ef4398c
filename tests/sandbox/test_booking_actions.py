"""Confirm, decline, cancel, mark pending, confirm-or-decline and extended bookings (§7, §8)."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from wix_sandbox import Sandbox

from .conftest import Clock, app_code, appointment_slot, create_booking

READER = "/_api/bookings-reader/v2/extended-bookings"


def _book(api: httpx.Client, headers: dict[str, str], sandbox: Sandbox, **kw: Any) -> dict:
    response = create_booking(api, headers, {"slot": appointment_slot(sandbox, **kw)})
    assert response.status_code == 200, response.text
    return dict(response.json()["booking"])


def _hot_stone(api: httpx.Client, headers: dict[str, str], sandbox: Sandbox) -> dict:
    return _book(
        api,
        headers,
        sandbox,
        service="hot_stone",
        start="2026-03-04T10:00:00",
        end="2026-03-04T11:30:00",
        staff="tom",
        location="richmond",
    )


def test_confirm_sets_status_and_increments_revision(
    api: httpx.Client, visitor: dict[str, str], admin: dict[str, str], sandbox: Sandbox
) -> None:
    booking = _book(api, visitor, sandbox)

    response = api.post(
        f"/bookings/v2/bookings/{booking['id']}/confirm",
        json={"revision": "1", "paymentStatus": "EXEMPT"},
        headers=admin,
    )
    again = api.post(f"/bookings/v2/bookings/{booking['id']}/confirm", json={}, headers=admin)

    confirmed = response.json()["booking"]
    assert (confirmed["status"], confirmed["paymentStatus"], confirmed["revision"]) == (
        "CONFIRMED",
        "EXEMPT",
        "2",
    )
    assert again.status_code == 428
    assert app_code(again) == "INVALID_BOOKING_STATUS"


def test_unknown_booking_is_404(api: httpx.Client, admin: dict[str, str]) -> None:
    response = api.post("/bookings/v2/bookings/nope/confirm", json={}, headers=admin)

    assert response.status_code == 404
    assert app_code(response) == "BOOKING_NOT_FOUND"


def test_cancel_needs_the_current_revision(
    api: httpx.Client, visitor: dict[str, str], admin: dict[str, str], sandbox: Sandbox
) -> None:
    booking = _book(api, visitor, sandbox)
    path = f"/bookings/v2/bookings/{booking['id']}/cancel"

    missing = api.post(path, json={}, headers=admin)
    stale = api.post(path, json={"revision": "7"}, headers=admin)
    cancelled = api.post(path, json={"revision": "1"}, headers=admin)
    rebooked = create_booking(api, visitor, {"slot": appointment_slot(sandbox)})

    assert missing.status_code == 400
    assert stale.status_code == 409
    assert cancelled.json()["booking"]["status"] == "CANCELED"
    assert cancelled.json()["booking"]["revision"] == "2"
    assert rebooked.status_code == 200


def test_decline(
    api: httpx.Client, visitor: dict[str, str], admin: dict[str, str], sandbox: Sandbox
) -> None:
    booking = _book(api, visitor, sandbox)

    response = api.post(
        f"/_api/bookings-service/v2/bookings/{booking['id']}/decline",
        json={"revision": "1"},
        headers=admin,
    )

    assert response.json()["booking"]["status"] == "DECLINED"


@pytest.mark.parametrize("suffix", [":confirmOrDecline", "%3AconfirmOrDecline"])
def test_confirm_or_decline_literal_colon_path(
    api: httpx.Client, visitor: dict[str, str], admin: dict[str, str], sandbox: Sandbox, suffix: str
) -> None:
    booking = _book(api, visitor, sandbox)
    path = f"/bookings/v2/confirmation/{booking['id']}{suffix}"

    response = api.post(path, json={"paymentStatus": "PAID"}, headers=admin)
    again = api.post(path, json={"paymentStatus": "PAID"}, headers=admin)

    assert response.status_code == 200, response.text
    assert response.json()["booking"]["status"] == "CONFIRMED"
    assert response.json()["booking"]["paymentStatus"] == "PAID"
    assert again.status_code == 428
    assert app_code(again) == "BOOKING_STATUS_ALREADY_SET"
    assert again.json()["details"]["applicationError"]["data"] == {
        "currentBookingStatus": "CONFIRMED"
    }


def test_confirm_or_decline_manual_approval_goes_pending(
    api: httpx.Client, visitor: dict[str, str], admin: dict[str, str], sandbox: Sandbox
) -> None:
    booking = _hot_stone(api, visitor, sandbox)

    response = api.post(
        f"/bookings/v2/confirmation/{booking['id']}:confirmOrDecline",
        json={"paymentStatus": "PAID"},
        headers=admin,
    )

    assert response.json()["booking"]["status"] == "PENDING"


def test_confirm_or_decline_declines_unpaid_double_booking(clock: Clock) -> None:
    sandbox = Sandbox(clock=clock, created_blocks=False)
    admin = {"Authorization": sandbox.api_key, "wix-site-id": sandbox.site_id}
    transport = httpx.WSGITransport(app=sandbox.app)
    with httpx.Client(transport=transport, base_url="https://www.wixapis.com") as api:
        ids = [_book(api, admin, sandbox)["id"] for _ in range(3)]
        results = [
            api.post(
                f"/bookings/v2/confirmation/{booking_id}:confirmOrDecline",
                json={"paymentStatus": payment},
                headers=admin,
            ).json()["booking"]
            for booking_id, payment in zip(ids, ("NOT_PAID", "NOT_PAID", "PAID"), strict=True)
        ]

    assert [(b["status"], b["doubleBooked"]) for b in results] == [
        ("CONFIRMED", False),
        ("DECLINED", False),
        ("CONFIRMED", True),
    ]


def test_mark_pending_only_for_manual_approval(
    api: httpx.Client, visitor: dict[str, str], admin: dict[str, str], sandbox: Sandbox
) -> None:
    plain = _book(api, visitor, sandbox)
    manual = _hot_stone(api, visitor, sandbox)

    refused = api.post(
        f"/bookings/v2/bookings/{plain['id']}/mark_booking_as_pending",
        json={"revision": "1"},
        headers=admin,
    )
    pending = api.post(
        f"/bookings/v2/bookings/{manual['id']}/mark_booking_as_pending",
        json={"revision": "1"},
        headers=admin,
    )
    confirmed = api.post(
        f"/bookings/v2/bookings/{manual['id']}/confirm", json={"revision": "2"}, headers=admin
    )

    assert refused.status_code == 400
    assert pending.json()["booking"]["status"] == "PENDING"
    assert confirmed.json()["booking"]["status"] == "CONFIRMED"
    assert confirmed.json()["booking"]["revision"] == "3"


def test_extended_bookings_filters(
    api: httpx.Client, visitor: dict[str, str], admin: dict[str, str], sandbox: Sandbox
) -> None:
    create_booking(api, visitor, {"slot": appointment_slot(sandbox)}, externalUserId="django-42")

    def query(filter_: dict, **flags: Any) -> list[dict]:
        response = api.post(
            f"{READER}/query", json={"query": {"filter": filter_}, **flags}, headers=admin
        )
        assert response.status_code == 200, response.text
        return list(response.json()["extendedBookings"])

    by_ref = query({"externalUserId": "django-42"})
    course = query(
        {
            "bookedEntity.item.schedule.serviceId": {"$eq": sandbox.demo.service("mindfulness")},
            "status": {"$in": ["CONFIRMED", "PENDING", "CREATED"]},
        },
        withBookingAttendanceInfo=True,
    )
    by_id = query({"id": by_ref[0]["booking"]["id"]})

    assert [b["booking"]["externalUserId"] for b in by_ref] == ["django-42"]
    assert sum(b["attendance"]["numberOfAttendees"] for b in course) == 6
    assert sum(b["booking"]["totalParticipants"] for b in course) == 6
    assert "attendance" not in by_ref[0]
    assert by_id == by_ref


def test_extended_bookings_cursor_paging_and_count(
    api: httpx.Client, admin: dict[str, str]
) -> None:
    first = api.post(
        "/bookings/bookings-reader/v2/extended-bookings/query",
        json={"query": {"cursorPaging": {"limit": 5}}},
        headers=admin,
    ).json()
    second = api.post(
        f"{READER}/query",
        json={"query": {"cursorPaging": {"cursor": first["pagingMetadata"]["cursors"]["next"]}}},
        headers=admin,
    ).json()
    count = api.post(f"{READER}/count", json={"filter": {"status": "CONFIRMED"}}, headers=admin)

    ids = [b["booking"]["id"] for b in first["extendedBookings"] + second["extendedBookings"]]
    # PagingMetadataV2 (docs/wix-contract.md §23): the next page is named by its cursor, no hasNext.
    assert set(first["pagingMetadata"]) == {"count", "offset", "cursors", "tooManyToCount"}
    assert first["pagingMetadata"]["cursors"]["next"]
    assert first["pagingMetadata"]["count"] == 5
    assert len(ids) == len(set(ids)) == 10
    assert count.json() == {"count": 12 + 110}  # with the talks series (demo_courses.py)


def test_extended_bookings_default_page_is_50_and_cursors_reach_the_rest(
    api: httpx.Client, admin: dict[str, str], sandbox: Sandbox
) -> None:
    sandbox.set_capacity("mindfulness", 200)
    entity = {"schedule": {"scheduleId": sandbox.demo.schedule("mindfulness")}}
    for n in range(60):
        created = create_booking(api, admin, entity, email=f"guest{n}@example.com")
        assert created.status_code == 200, created.text
    course = {"bookedEntity.item.schedule.serviceId": sandbox.demo.service("mindfulness")}

    first = api.post(f"{READER}/query", json={"query": {"filter": course}}, headers=admin).json()
    cursor = first["pagingMetadata"]["cursors"]["next"]
    rest = api.post(
        f"{READER}/query", json={"query": {"cursorPaging": {"cursor": cursor}}}, headers=admin
    ).json()

    assert len(first["extendedBookings"]) == 50  # Wix's default page size
    assert "hasNext" not in first["pagingMetadata"]
    assert len(rest["extendedBookings"]) == 64 - 50  # 60 new + the 4 seeded course bookings
    assert rest["pagingMetadata"]["cursors"]["next"] is None
