"""The seeded demo state: sessions plus the bookings that make the demo look lived-in.

Seeded bookings go through the real Create Booking and Confirm-or-Decline code, so
they are exactly what the API would have produced. All dates derive from "today".
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from .availability import candidates
from .booking_actions import confirm_or_decline
from .bookings import create_booking
from .context import Ctx, HostedConfig, Identity
from .demo import Demo
from .demo_courses import seed_courses
from .errors import WixError
from .http import Request
from .members import seed_members
from .sessions import build_sessions
from .state import State
from .timeutil import local_text

YOGA_SEATS = ((("Hannah", "Clarke"), 4), (("James", "Patel"), 4), (("Sofia", "Rossi"), 3))
YOGA_SEATS_NEXT = ((("Oliver", "Bennett"), 4), (("Amelia", "Hughes"), 3), (("Noah", "Williams"), 2))
COURSE_SEATS = (
    (("Grace", "Thompson"), 2),
    (("Ethan", "Murphy"), 2),
    (("Isla", "Campbell"), 1),
    (("Lucas", "Evans"), 1),
)


def build_state(
    today: Any, tz: ZoneInfo, created_blocks: bool, now: datetime, *, any_staff_checked: bool
) -> State:
    """A fresh demo state for ``today``: a nearly full class, a part-booked course …"""
    demo = Demo()
    state = State(
        today=today,
        tz=tz,
        demo=demo,
        created_blocks=created_blocks,
        any_staff_checked=any_staff_checked,
    )
    state.sessions = build_sessions(demo, today, tz)
    _seed(state, now)
    return state


def _book(
    state: State,
    now: datetime,
    name: tuple[str, str],
    entity: dict[str, Any],
    participants: dict[str, Any],
) -> None:
    first, last = name
    body = {
        "booking": {
            "bookedEntity": entity,
            "contactDetails": {
                "firstName": first,
                "lastName": last,
                "email": f"{first.lower()}.{last.lower()}@example.com",
            },
            "selectedPaymentOption": "ONLINE",
            **participants,
        }
    }
    request = Request("POST", "/seed", {}, {}, json.dumps(body).encode())
    ctx = Ctx(request, state, now, HostedConfig(None, "", frozenset()), Identity("admin"))
    try:
        booking = create_booking(ctx)["booking"]
    except WixError:
        return  # e.g. "today" is so late that the session already started: skip it
    confirm_or_decline(state, state.bookings[booking["id"]], "PAID", now)


def _seed(state: State, now: datetime) -> None:
    demo = state.demo
    seed_members(state.members, state.contact_id, now)
    yoga = [s for s in state.sessions if s.service.key == "yoga" and s.start > now]
    for session, seats in zip(yoga[:2], (YOGA_SEATS, YOGA_SEATS_NEXT), strict=False):
        for name, count in seats:
            entity = {"slot": {"serviceId": demo.service("yoga"), "eventId": session.event_id}}
            _book(state, now, name, entity, {"totalParticipants": count})
    family = next(
        (s for s in state.sessions if s.service.key == "family_yoga" and s.start > now), None
    )
    if family:
        option = demo.option("family_yoga")
        choices = {
            "serviceChoices": [
                {"numberOfParticipants": 1, "choices": [{"optionId": option, "custom": "Adult"}]},
                {"numberOfParticipants": 2, "choices": [{"optionId": option, "custom": "Child"}]},
            ]
        }
        entity = {"slot": {"serviceId": demo.service("family_yoga"), "eventId": family.event_id}}
        _book(state, now, ("Chloe", "Martin"), entity, {"participantsChoices": choices})
    for name, count in COURSE_SEATS:
        entity = {"schedule": {"scheduleId": demo.schedule("mindfulness")}}
        _book(state, now, name, entity, {"totalParticipants": count})
    _seed_massage(state, now)
    seed_courses(state, now, _book)


def _seed_massage(state: State, now: datetime) -> None:
    """Maya's 10:00 massage on her next working day, so her calendar has a gap."""
    spec = state.demo.services["massage"]
    start = now + timedelta(days=1)
    for cand in candidates(state, spec, start, start + timedelta(days=7), now, staff={"maya"}):
        if cand.start.astimezone(state.tz).strftime("%H:%M") == "10:00":
            slot = {
                "serviceId": spec.id,
                "scheduleId": spec.schedule_id,
                "startDate": local_text(cand.start, state.tz),
                "endDate": local_text(cand.end, state.tz),
                "timezone": state.tz.key,
                "resource": {"id": state.demo.staff("maya")},
                "location": {
                    "id": state.demo.location(cand.location),
                    "locationType": "OWNER_BUSINESS",
                },
            }
            _book(state, now, ("Daniel", "Foster"), {"slot": slot}, {"totalParticipants": 1})
            return
