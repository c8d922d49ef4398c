"""Deep links vetted against a service parsed from Wix: stale values dropped, one note each.

The page-level behaviour (notes shown, calendar state, draft stored) is in
tests/integration/test_deeplinks.py; this checks read_deep_link's own rules. Every query with
a date names a ``tz``: without one the business zone would be asked of Wix.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import translation

from booking_site.forms import CalendarForm
from booking_site.services import deeplinks
from booking_site.services.deeplinks import DeepLink
from booking_site.session import BookingDraft
from booking_site.validators import is_utm_key
from booking_site.wix import Service

from .builders import massage, yoga


def _read(service: Service, query: Mapping[str, str]) -> DeepLink:
    """As the service page does: the form parses the calendar part, the service judges it."""
    return deeplinks.read_deep_link(service, query, CalendarForm(query).valid_values())


# Monday 7 December 2026, 08:00 in London: still Sunday the 6th in Honolulu.
NOW = datetime(2026, 12, 7, 8, 0, tzinfo=ZoneInfo("Europe/London"))
LONDON = ZoneInfo("Europe/London")
PASSED = "The date in your link has passed, so we're showing the next times."
TOO_FAR = "The date in your link is too far ahead to book yet."
INVALID = "The date in your link wasn't valid, so we're showing the next free times."


@pytest.fixture(autouse=True)
def _now_in_english() -> Iterator[None]:
    with time_machine.travel(NOW, tick=False), translation.override("en-gb"):
        yield


def test_read_deep_link_keeps_every_valid_value() -> None:
    link = _read(
        massage(),
        {"date": "2026-12-09", "tz": "Europe/London", "staff": "res-sam", "location": "loc-main"},
    )

    assert link.calendar == {
        "date": date(2026, 12, 9),
        "tz": LONDON,
        "staff": "res-sam",
        "location": "loc-main",
    }
    assert link.notes == ()
    assert link.requested_date == date(2026, 12, 9)


def test_read_deep_link_knows_staff_by_id_list_or_by_details() -> None:
    # Wix lists staff ids and (separately) staff details; a member in either one is bookable.
    service = massage(staffMemberIds=["res-kim"])

    for staff in ("res-kim", "res-sam", "res-alex"):
        assert _read(service, {"staff": staff}).calendar == {"staff": staff}


def test_read_deep_link_drops_each_stale_value_with_its_own_note() -> None:
    query = {
        "tz": "Mars/Olympus_Mons",
        "staff": "res-left-last-year",
        "location": "loc-closed",
        "date": "2026-12-32",
        "month": "2027-01",
    }

    link = _read(massage(), query)

    assert link.calendar == {"month": date(2027, 1, 1)}
    assert link.notes == (
        "We didn't recognise the time zone in your link, so we used ours.",
        "The staff member in your link isn't available for this service.",
        "The location in your link isn't available for this service.",
        INVALID,
    )


def test_read_deep_link_customer_location_has_no_id_to_link_to() -> None:
    link = _read(massage(), {"location": "None"})

    assert "location" not in link.calendar
    assert link.notes == ("The location in your link isn't available for this service.",)


@pytest.mark.parametrize(
    ("raw", "tz", "kept", "note"),
    [
        ("2026-12-07", "Europe/London", True, None),
        ("2026-12-06", "Europe/London", False, PASSED),
        ("2026-12-06", "Pacific/Honolulu", True, None),  # 22:00 on the 6th there
        ("2027-06-11", "Europe/London", True, None),  # 186 days: the last of the search window
        ("2027-06-12", "Europe/London", False, TOO_FAR),
        ("2026-02-30", "Europe/London", False, INVALID),
        ("tomorrow", "Europe/London", False, INVALID),
    ],
)
def test_read_deep_link_judges_the_date_in_the_link_zone(
    raw: str, tz: str, kept: bool, note: str | None
) -> None:
    link = _read(massage(), {"date": raw, "tz": tz})

    assert ("date" in link.calendar) is kept
    assert link.notes == ((note,) if note else ())


def test_read_deep_link_prefill_strips_control_characters_and_spaces() -> None:
    query = {"first_name": "  Ann\x00 ", "last_name": "Lee\x1b", "email": " ann@example.com\n"}

    link = _read(massage(), query)

    assert link.prefill == {"first_name": "Ann", "last_name": "Lee", "email": "ann@example.com"}
    assert link.notes == ()


def test_read_deep_link_prefill_keeps_the_valid_fields_and_notes_the_rest_once() -> None:
    query = {"first_name": "Ann", "email": "ann@", "phone": "call me", "last_name": "\x00"}

    link = _read(massage(), query)

    assert link.prefill == {"first_name": "Ann"}  # a name of control characters is just empty
    assert link.notes == ("Some contact details in your link weren't valid; please type them in.",)


def test_read_deep_link_prefill_refuses_an_over_long_email() -> None:
    email = "a" * 64 + "@" + ".".join(["b" * 63] * 3) + ".example"  # 255 characters

    assert _read(massage(), {"email": email}).prefill == {}


@pytest.mark.parametrize(
    ("name", "kept"),
    [
        ("utm_source", True),
        ("utm_" + "a" * 32, True),
        ("utm_" + "a" * 33, False),
        ("utm_", False),
        ("utm_Source", False),
        ("utm-source", False),
        ("UTM_SOURCE", False),
        ("x_utm_source", False),
    ],
)
def test_is_utm_key_accepts_lowercase_names_up_to_32(name: str, kept: bool) -> None:
    assert is_utm_key(name) is kept


def test_read_deep_link_invalid_tags_do_not_use_up_the_ten_places() -> None:
    query = {f"bad-{i}": "x" for i in range(10)} | {f"utm_k{i}": str(i) for i in range(10)}

    assert _read(massage(), query).utm == {f"utm_k{i}": str(i) for i in range(10)}


def test_read_deep_link_superscript_participants_is_a_note_not_a_crash() -> None:
    link = _read(yoga(), {"participants": "²"})

    assert link.participants is None
    assert link.notes == ("The number of participants in your link wasn't valid.",)


def test_apply_to_merges_prefill_and_tags_over_the_draft() -> None:
    draft = BookingDraft(
        prefill={"first_name": "Old", "phone": "+44 20 7946 0000"}, utm={"utm_source": "ad"}
    )
    link = DeepLink(prefill={"first_name": "Ann"}, utm={"utm_campaign": "winter"}, participants=2)

    merged = link.apply_to(draft)

    assert merged.prefill == {"first_name": "Ann", "phone": "+44 20 7946 0000"}
    assert merged.utm == {"utm_source": "ad", "utm_campaign": "winter"}
    assert merged.participants == 2
    assert merged.ref == draft.ref


def test_apply_to_without_anything_to_apply_returns_the_draft_itself() -> None:
    draft = BookingDraft(participants=3)

    assert DeepLink().apply_to(draft) is draft


def test_missed_date_note_only_when_another_day_is_shown() -> None:
    link = _read(massage(), {"date": "2026-12-13", "tz": "Europe/London"})

    assert link.missed_date_note(date(2026, 12, 13)) is None
    assert link.missed_date_note(date(2026, 12, 14)) == (
        "There are no free times on Sunday 13 December 2026, so we're showing other days."
    )
    assert DeepLink().missed_date_note(date(2026, 12, 14)) is None
