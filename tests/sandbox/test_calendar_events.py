"""Calendar Events V3 Query Events: a course's sessions, the way Wix lists them (§22, §23)."""

from __future__ import annotations

from typing import Any

import httpx

from wix_sandbox import Sandbox

PATH = "/calendar/v3/events/query"


def _query(api: httpx.Client, headers: dict[str, str], **body: Any) -> dict[str, Any]:
    response = api.post(PATH, json=body, headers=headers)
    assert response.status_code == 200, response.text
    return dict(response.json())


def _window(schedule_id: str, **paging: Any) -> dict[str, Any]:
    query: dict[str, Any] = {"filter": {"scheduleId": {"$in": [schedule_id]}}}
    if paging:
        query["cursorPaging"] = paging
    return {
        "fromLocalDate": "2026-03-01T00:00:00",
        "toLocalDate": "2026-06-01T00:00:00",
        "query": query,
    }


def test_a_course_schedule_lists_each_session_with_place_and_teacher(
    api: httpx.Client, visitor: dict[str, str], sandbox: Sandbox
) -> None:
    body = _query(api, visitor, **_window(sandbox.demo.schedule("mindfulness")))
    events = body["events"]

    assert [e["start"]["localDate"] for e in events] == [
        f"2026-{day}T19:00:00" for day in ("03-12", "03-19", "03-26", "04-02", "04-09", "04-16")
    ]
    assert {e["end"]["localDate"][11:] for e in events} == {"20:30:00"}
    assert {e["start"]["timeZone"] for e in events} == {"Europe/London"}
    assert {e["location"]["name"] for e in events} == {"Fernleigh Islington"}
    assert {r["name"] for e in events for r in e["resources"]} == {"Leo Marchetti"}
    assert {e["scheduleId"] for e in events} == {sandbox.demo.schedule("mindfulness")}
    assert "hasNext" not in body["pagingMetadata"]


def test_events_page_on_the_cursor_alone(
    api: httpx.Client, visitor: dict[str, str], sandbox: Sandbox
) -> None:
    window = _window(sandbox.demo.schedule("mindfulness"), limit=4)
    first = _query(api, visitor, **window)
    cursor = first["pagingMetadata"]["cursors"]["next"]
    second = _query(api, visitor, query={"cursorPaging": {"limit": 4, "cursor": cursor}})

    assert [len(first["events"]), len(second["events"])] == [4, 2]
    assert second["pagingMetadata"]["cursors"]["next"] is None
    assert {e["id"] for e in first["events"]}.isdisjoint(e["id"] for e in second["events"])


def test_the_window_is_required_and_the_default_page_is_fifty(
    api: httpx.Client, visitor: dict[str, str], sandbox: Sandbox
) -> None:
    missing = api.post(PATH, json={"query": {}}, headers=visitor)
    everything = _query(
        api, visitor, fromLocalDate="2026-03-01T00:00:00", toLocalDate="2026-06-01T00:00:00"
    )

    assert missing.status_code == 400
    assert len(everything["events"]) == 50
    assert everything["pagingMetadata"]["cursors"]["next"]
