"""The session draft: JSON round trip, versioning, bad or old data becoming a fresh draft."""

from __future__ import annotations

import dataclasses
import json
import math
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import time_machine
from django.contrib.sessions.backends.cache import SessionStore
from django.http import HttpRequest

from booking_site.session import (
    MAX_AGE_SECONDS,
    SESSION_KEY,
    VERSION,
    BookingDraft,
    ChosenSlot,
    Contact,
    clear_draft,
    has_draft,
    load_draft,
    save_draft,
)

START = datetime(2026, 12, 7, 8, 0, tzinfo=UTC)
SLOT = ChosenSlot(
    service_id="svc-massage",
    local_start="2026-12-09T10:00:00",
    local_end="2026-12-09T11:00:00",
    time_zone="Europe/London",
    staff_id="res-sam",
    staff_name="Sam",
    location_id="loc-main",
    location_type="OWNER_BUSINESS",
)
CONTACT = Contact("Ann", "Lee", "ann@example.com", "+44 20 7946 0000")


def _full_draft() -> BookingDraft:
    return BookingDraft(
        service_id="svc-massage",
        service_slug="deep-tissue-massage",
        service_type="APPOINTMENT",
        slot=SLOT,
        participants=2,
        variant_counts={"Adult": 1, "Child": 1},
        payment_option="ONLINE",
        contact=CONTACT,
        prefill={"first_name": "Ann"},
        display_time_zone="America/New_York",
        visitor_tokens={"access_token": "t", "expires_at": 1.0},
        utm={"utm_source": "newsletter"},
    )


def _request(stored: Any = None) -> HttpRequest:
    request = HttpRequest()
    request.session = SessionStore()  # the cache backend: no database needed
    if stored is not None:
        request.session[SESSION_KEY] = stored
        request.session.modified = False
    return request


def test_draft_survives_a_json_round_trip() -> None:
    draft = _full_draft()

    assert BookingDraft.from_json(json.loads(json.dumps(draft.to_json()))) == draft


def test_booking_form_answers_survive_a_json_round_trip() -> None:
    draft = _full_draft().with_changes(
        answers={"focus_area": "Calves", "share_with_physio": False},
        rejected_fields={"training_level": "invalid"},
    )

    again = BookingDraft.from_json(json.loads(json.dumps(draft.to_json())))

    assert (again.answers, again.rejected_fields) == (draft.answers, draft.rejected_fields)


def test_draft_json_is_versioned() -> None:
    assert BookingDraft().to_json()["version"] == VERSION


@pytest.mark.parametrize(
    "data",
    [None, [], "draft", {"ref": "abc"}, {**BookingDraft().to_json(), "version": VERSION - 1}],
    ids=["none", "list", "text", "no-version", "old-version"],
)
def test_from_json_refuses_anything_but_a_current_draft(data: Any) -> None:
    with pytest.raises(ValueError, match="version"):
        BookingDraft.from_json(data)


@pytest.mark.parametrize(
    "changes",
    [
        {"ref": ""},
        {"ref": 42},
        {"ref": "x" * 65},
        {"surprise": 1},
        {"participants": True},
        {"participants": 0},
        {"participants": "2"},
        {"variant_counts": [1, 2]},
        {"variant_counts": {"Adult": -1}},
        {"variant_counts": {"Adult": "many"}},
        {"payment_option": "CASH"},
        {"service_id": 7},
        {"updated_at": math.inf},
        {"updated_at": "yesterday"},
        {"visitor_tokens": ["t"]},
        {"contact": {"first_name": "Ann"}},
        {"contact": {**vars(CONTACT), "email": None}},
        {"slot": {**vars(SLOT), "time_zone": "Mars/Olympus_Mons"}},
        {"slot": {**vars(SLOT), "local_start": "9 December"}},
        {"slot": {**vars(SLOT), "staff_id": 3}},
        {"answers": ["focus_area"]},
        {"answers": {"focus_area": 3}},
        {"answers": {"focus_area": "x" * 2001}},
        {"answers": {"": "calf"}},
        {"rejected_fields": {"focus_area": "wrong"}},
        {"rejected_fields": ["focus_area"]},
    ],
    ids=lambda changes: next(iter(changes)),
)
def test_from_json_refuses_a_draft_with_a_wrong_field(changes: dict[str, Any]) -> None:
    # Messages name the draft, except int()'s own for a count that isn't a number.
    with pytest.raises(ValueError, match=r"draft|invalid literal"):
        BookingDraft.from_json({**_full_draft().to_json(), **changes})


def test_from_json_drops_non_text_maps_and_stringifies_their_items() -> None:
    draft = BookingDraft.from_json(
        {**BookingDraft().to_json(), "utm": ["utm_source"], "prefill": {"first_name": 7}}
    )

    assert (draft.utm, draft.prefill) == ({}, {"first_name": "7"})


def test_with_changes_copies_and_refreshes_the_timestamp() -> None:
    with time_machine.travel(START, tick=False) as clock:
        draft = BookingDraft()
        clock.shift(60)

        changed = draft.with_changes(participants=2)

    assert (draft.participants, changed.participants) == (None, 2)
    assert changed.updated_at - draft.updated_at == 60
    assert changed.ref == draft.ref


def test_new_attempt_keeps_everything_but_the_reference() -> None:
    draft = _full_draft()

    again = draft.new_attempt()

    assert again.ref != draft.ref
    assert dataclasses.replace(again, ref=draft.ref, updated_at=draft.updated_at) == draft


def test_for_service_keeps_the_customer_and_forgets_the_booking() -> None:
    draft = _full_draft()

    same = draft.for_service(service_id="svc-massage", slug="x", service_type="APPOINTMENT")
    other = draft.for_service(service_id="svc-yoga", slug="yoga-flow", service_type="CLASS")

    assert same is draft
    assert (other.service_id, other.service_slug, other.service_type) == (
        "svc-yoga",
        "yoga-flow",
        "CLASS",
    )
    assert (other.contact, other.prefill, other.display_time_zone) == (
        draft.contact,
        draft.prefill,
        draft.display_time_zone,
    )
    assert (other.visitor_tokens, other.utm) == (draft.visitor_tokens, draft.utm)
    assert [other.slot, other.participants, other.variant_counts, other.payment_option] == [
        None
    ] * 4
    assert other.ref != draft.ref


def test_load_draft_without_one_is_fresh_and_not_a_reset() -> None:
    loaded = load_draft(_request())

    assert loaded.reset is False
    assert loaded.draft.service_id is None


@pytest.mark.parametrize(
    "stored",
    ["garbage", {"version": VERSION, "ref": 42}, {"version": 1, "service_id": "svc-massage"}],
)
def test_load_draft_replaces_an_unreadable_draft_and_says_so(stored: Any) -> None:
    loaded = load_draft(_request(stored))

    assert loaded.reset is True
    fresh = dataclasses.replace(loaded.draft, ref="r", updated_at=0)
    assert fresh == BookingDraft(ref="r", updated_at=0)


def test_load_draft_starts_an_old_draft_over_but_keeps_its_campaign_tags() -> None:
    with time_machine.travel(START, tick=False) as clock:
        stored = _full_draft().to_json()
        clock.shift(timedelta(seconds=MAX_AGE_SECONDS - 1))
        recent = load_draft(_request(stored))
        clock.shift(2)
        old = load_draft(_request(stored))

    assert (recent.reset, recent.draft) == (False, BookingDraft.from_json(stored))
    assert old.reset is True
    assert (old.draft.utm, old.draft.service_id, old.draft.contact) == (
        {"utm_source": "newsletter"},
        None,
        None,
    )
    assert old.draft.ref != stored["ref"]


def test_save_draft_skips_rewriting_an_unchanged_recent_draft() -> None:
    with time_machine.travel(START, tick=False) as clock:
        draft = _full_draft()
        request = _request(draft.to_json())
        clock.shift(4 * 60)

        save_draft(request, draft.with_changes())
        skipped = not request.session.modified
        clock.shift(2 * 60)
        save_draft(request, draft.with_changes())

    assert skipped
    assert request.session.modified
    assert request.session[SESSION_KEY]["updated_at"] == draft.updated_at + 6 * 60


def test_save_draft_writes_a_changed_draft_at_once() -> None:
    draft = _full_draft()
    request = _request(draft.to_json())

    save_draft(request, draft.with_changes(participants=1))

    assert request.session.modified
    assert request.session[SESSION_KEY]["participants"] == 1


def test_has_draft_and_clear_draft() -> None:
    request = _request()
    assert has_draft(request) is False

    save_draft(request, BookingDraft())
    assert has_draft(request) is True

    clear_draft(request)
    assert has_draft(request) is False
    clear_draft(request)  # forgetting twice is fine
