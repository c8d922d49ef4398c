"""Demo courses added to the demo business, with the bookings that make them what they show.

The talks series has more bookings than one Extended Bookings page (100): its places left
are right only for a client that follows ``pagingMetadata.cursors.next`` (docs/wix-contract.md
§23), as the course recipe of §22 needs.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from .demo_types import Recurrence, ServiceSpec

if TYPE_CHECKING:  # the state imports the demo, which imports these courses
    from .state import State

TALKS_CAPACITY = 140
TALKS_BOOKINGS = 110  # one participant each: 30 places left, read over two pages
_FIRST = ("Ava", "Ben", "Cara", "Dev", "Ella", "Finn", "Gita", "Hugo", "Iris", "Jack", "Kemi")
_LAST = ("Adams", "Brown", "Clark", "Davies", "Ellis", "Fraser", "Green", "Hall", "Iqbal", "Jones")

COURSES: tuple[ServiceSpec, ...] = (
    ServiceSpec(
        "talks",
        "Wellbeing talks (4 Thursdays)",
        "COURSE",
        "Four evening talks on sleep, stress, food and movement.",
        "A popular evening series in the Richmond hall: a talk and questions each Thursday "
        "for four weeks. Book once for all four.",
        "fernleigh-wellbeing-consultation.svg",
        "courses",
        60,
        "FIXED",
        Decimal("60.00"),
        capacity=TALKS_CAPACITY,
        max_participants=2,
        staff=("priya",),
        locations=("richmond",),
        recurrences=(Recurrence(-1, "18:30", "priya", "richmond"),),
        course_start_in_days=17,
        course_sessions=4,
    ),
)

Book = Callable[["State", datetime, tuple[str, str], dict[str, Any], dict[str, Any]], None]


def seed_courses(state: State, now: datetime, book: Book) -> None:
    """The talks series' 110 bookings, through the real Create Booking (``book``)."""
    entity = {"schedule": {"scheduleId": state.demo.schedule("talks")}}
    names = [(first, last) for last in _LAST for first in _FIRST][:TALKS_BOOKINGS]
    for name in names:
        book(state, now, name, entity, {"totalParticipants": 1})
