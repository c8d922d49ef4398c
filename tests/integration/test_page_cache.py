"""The shared page copy (booking_site/page_cache.py): one render serves every visitor only
looking, never outlives the availability it shows, and never carries one visitor's values
(CSRF token, CSP nonce, draft) to another.

"Served from the shared copy": the response says so (``shared_page``, an attribute, never
sent); for whole pages that is checked once against Django's record of templates rendered.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import pytest
import time_machine
from django.test import Client

from tests.integration.helpers import (
    choose_first_slot,
    fill_details,
    follow_to,
    hosted_checkout_action,
    slot_buttons,
    soup,
    submit,
)
from wix_sandbox import Sandbox

MASSAGE = "deep-tissue-massage"
YOGA = "vinyasa-flow"
HTMX = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "calendar"}
DAY = {"date": "2026-12-12"}
pytestmark = pytest.mark.django_db(transaction=True)
_NONCE = re.compile(r"'nonce-([^']+)'")


def _shared(response: object) -> bool:
    """Whether the response came from the shared copy."""
    return bool(getattr(response, "shared_page", False))


def _spots(label: str) -> int:
    match = re.search(r"(\d+) spots? left", label)
    return int(match.group(1)) if match else 1_000


def test_a_second_visitor_gets_the_first_render(sandbox: Sandbox) -> None:
    first = Client().get(f"/services/{MASSAGE}/", DAY)
    second = Client().get(f"/services/{MASSAGE}/", DAY)
    swap = Client().get(f"/services/{MASSAGE}/", DAY, **HTMX)
    swap_again = Client().get(f"/services/{MASSAGE}/", DAY, **HTMX)

    assert not _shared(first)
    assert _shared(second)
    assert first.templates
    assert not second.templates
    assert not _shared(swap)
    assert _shared(swap_again)
    assert slot_buttons(first) == slot_buttons(second)
    assert soup(swap_again).select_one("html") is None  # still only the calendar fragment
    assert slot_buttons(swap_again) == slot_buttons(first)


def test_tokens_and_nonces_are_each_responses_own(sandbox: Sandbox) -> None:
    seen = []
    for _ in range(3):
        visitor = Client(enforce_csrf_checks=True)
        page = visitor.get(f"/services/{MASSAGE}/", DAY)
        html = page.content.decode()
        assert "Placeholder" not in html
        header_nonces = set(_NONCE.findall(page["Content-Security-Policy"]))
        body_nonces = {tag["nonce"] for tag in soup(page).select("script[nonce]")}
        assert len(body_nonces) == 1  # this response's one nonce on every script
        assert not header_nonces or body_nonces == header_nonces
        token = soup(page).select_one(".day-slots input[name=csrfmiddlewaretoken]")["value"]
        assert f'"X-CSRFToken": "{token}"' in html  # htmx posts with the same token
        key = soup(page).select_one(".day-slots button[name=slot]")["value"]
        chosen = visitor.post(
            f"/services/{MASSAGE}/choose/", {"slot": key, "csrfmiddlewaretoken": token}
        )
        assert chosen.status_code == 302  # 403 if the token were another visitor's
        seen.append((token, frozenset(body_nonces), _shared(page)))

    assert [shared for *_, shared in seen] == [False, True, True]
    assert len({token for token, *_ in seen}) == 3
    assert len({nonces for _, nonces, _ in seen}) == 3


def test_our_booking_changes_the_page_at_once(sandbox: Sandbox) -> None:
    tom = {"staff": sandbox.demo.staff("tom"), **DAY}
    looking = Client().get(f"/services/{MASSAGE}/", tom)
    assert _shared(Client().get(f"/services/{MASSAGE}/", tom))  # the copy is in use
    offered = [b["key"] for b in slot_buttons(looking)]

    booker = Client()
    page = booker.get(f"/services/{MASSAGE}/", tom)
    booked_key = soup(page).select_one("button[name=slot]")["value"]
    booker.post(f"/services/{MASSAGE}/choose/", {"slot": booked_key}, follow=True)
    fill_details(booker)
    # Paid: a CREATED booking holds nothing at Wix (docs/wix-contract.md §6.3).
    hosted_checkout_action(booker, follow_to(booker, submit(booker)), "Pay")

    after = Client().get(f"/services/{MASSAGE}/", tom)
    assert not _shared(after)  # rendered anew from the invalidated, re-read availability
    remaining = [b["key"] for b in slot_buttons(after)]
    assert booked_key in offered
    assert booked_key not in remaining


def test_a_fresher_availability_copy_gives_a_new_page(sandbox: Sandbox, now: datetime) -> None:
    before = [b for b in slot_buttons(Client().get(f"/services/{YOGA}/", DAY)) if b["key"]]
    assert _shared(Client().get(f"/services/{YOGA}/", DAY))
    # Booked by someone else at Wix (another site, the owner's dashboard): we learn it only
    # from the next availability copy.
    elsewhere = Client()
    choose_first_slot(elsewhere, YOGA, min_spots=2, **DAY)
    fill_details(elsewhere, participants=2)
    hosted_checkout_action(elsewhere, follow_to(elsewhere, submit(elsewhere)), "Pay")

    with time_machine.travel(now + timedelta(minutes=5), tick=True):  # past the hard limit
        page = Client().get(f"/services/{YOGA}/", DAY)

    after = {b["key"]: b["label"] for b in slot_buttons(page)}
    assert not _shared(page)
    assert _spots(after[before[0]["key"]]) == _spots(before[0]["label"]) - 2


def test_zone_language_and_filter_variants_are_separate_copies(sandbox: Sandbox) -> None:
    tom = sandbox.demo.staff("tom")
    variants = [
        ({}, {}),
        ({"tz": "America/New_York"}, {}),
        ({"staff": tom}, {}),
        ({}, {"HTTP_ACCEPT_LANGUAGE": "en-us"}),
    ]
    first = [Client().get(f"/services/{MASSAGE}/", {**DAY, **q}, **h) for q, h in variants]
    again = [Client().get(f"/services/{MASSAGE}/", {**DAY, **q}, **h) for q, h in variants]

    assert [_shared(p) for p in first] == [False] * 4  # no variant was served another's copy
    assert [_shared(p) for p in again] == [True] * 4
    assert [slot_buttons(p) for p in again] == [slot_buttons(p) for p in first]
    assert [p["Content-Language"] for p in again] == [p["Content-Language"] for p in first]
    labels = [tuple(b["label"] for b in slot_buttons(p)) for p in first[:2]]
    assert labels[0] != labels[1]  # London and New York times differ


def test_a_visitor_with_a_draft_never_shares(sandbox: Sandbox) -> None:
    chooser = Client()
    choose_first_slot(chooser, MASSAGE, **DAY)  # a session with the chosen slot
    assert _shared(Client().get(f"/services/{MASSAGE}/", DAY))  # a copy exists for strangers
    own = chooser.get(f"/services/{MASSAGE}/", DAY)
    other_day = {"date": "2026-12-14"}
    own_other_day = chooser.get(f"/services/{MASSAGE}/", other_day)
    stranger = Client().get(f"/services/{MASSAGE}/", other_day)
    stranger_again = Client().get(f"/services/{MASSAGE}/", other_day)

    assert not _shared(own)
    assert not _shared(own_other_day)
    # Nor stored from the draft's page: the first stranger renders, the next shares.
    assert not _shared(stranger)
    assert _shared(stranger_again)
    assert chooser.cookies["sessionid"].value not in stranger.content.decode()


def test_a_page_with_notes_about_the_link_is_the_visitors_own(sandbox: Sandbox) -> None:
    bad = {"staff": "no-such-staff", **DAY}
    noted = [Client().get(f"/services/{MASSAGE}/", bad) for _ in range(2)]

    assert all(soup(p).select("#messages .message") for p in noted)
    assert not any(_shared(p) for p in noted)
