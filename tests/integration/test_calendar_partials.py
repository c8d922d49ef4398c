"""The calendar's grid and slot list: template partials of the service page, fragment-cached.

The cached fragments must follow everything that changes them (month, day, filters, zone,
language, availability) and never carry one visitor's state, such as a CSRF token, to another.
"""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.template.loader import get_template
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

pytestmark = pytest.mark.django_db(transaction=True)


def _grid_links(response: object) -> list[str]:
    return [a["href"] for a in soup(response).select("#month-grid a")]  # type: ignore[arg-type]


def _spots(label: str) -> int:
    match = re.search(r"(\d+) spots? left", label)
    assert match, label
    return int(match.group(1))


@pytest.mark.parametrize(("partial", "selector"), [("month-grid", "table"), ("slot-list", "ul")])
def test_grid_and_slot_list_are_partials_named_for_their_element(
    client: Client, sandbox: Sandbox, partial: str, selector: str
) -> None:
    page = client.get(f"/services/{MASSAGE}/")

    get_template(f"booking/service.html#{partial}")  # raises if the partial is missing
    element = soup(page).select_one(f"{selector}#{partial}")
    assert element is not None
    assert element.find(True) is not None  # rendered with content, not an empty shell


def test_each_visitor_posts_a_slot_with_their_own_csrf_token(sandbox: Sandbox) -> None:
    tokens = []
    for _ in range(2):
        visitor = Client(enforce_csrf_checks=True)
        page = visitor.get(f"/services/{MASSAGE}/")
        form = soup(page).select_one(".day-slots form")
        token = form.select_one("input[name=csrfmiddlewaretoken]")["value"]
        key = form.select_one("button[name=slot]")["value"]
        chosen = visitor.post(
            f"/services/{MASSAGE}/choose/", {"slot": key, "csrfmiddlewaretoken": token}
        )
        assert chosen.status_code == 302, chosen.status_code  # 403 with another's token
        assert chosen["Location"] == "/book/details/"
        tokens.append(token)

    assert tokens[0] != tokens[1]


def test_cached_grid_and_times_follow_each_visitors_zone_and_staff(sandbox: Sandbox) -> None:
    tom = sandbox.demo.staff("tom")
    query = {"month": "2026-12", "date": "2026-12-09"}
    london, new_york, with_tom = Client(), Client(), Client()

    first = london.get(f"/services/{MASSAGE}/", query, **HTMX)
    other = new_york.get(f"/services/{MASSAGE}/", {**query, "tz": "America/New_York"}, **HTMX)
    narrowed = with_tom.get(f"/services/{MASSAGE}/", {**query, "staff": tom}, **HTMX)
    again = london.get(f"/services/{MASSAGE}/", query, **HTMX)

    assert all("tz=Europe%2FLondon" in link for link in _grid_links(first))
    assert all("tz=America%2FNew_York" in link for link in _grid_links(other))
    assert all(f"staff={tom}" in link for link in _grid_links(narrowed))
    assert not any("staff=" in link for link in _grid_links(again))
    london_times = [b["label"] for b in slot_buttons(first)]
    assert london_times
    assert london_times == [b["label"] for b in slot_buttons(again)]
    assert london_times != [b["label"] for b in slot_buttons(other)]
    assert all("with Tom" in b["label"] for b in slot_buttons(narrowed))


def test_cached_grid_follows_the_language(client: Client, sandbox: Sandbox) -> None:
    british = client.get(f"/services/{MASSAGE}/", HTTP_ACCEPT_LANGUAGE="en-gb", **HTMX)
    american = Client().get(f"/services/{MASSAGE}/", HTTP_ACCEPT_LANGUAGE="en", **HTMX)

    def names(response: object) -> list[str]:
        cells = soup(response).select("#month-grid .visually-hidden")  # type: ignore[arg-type]
        return [cell.get_text() for cell in cells]

    assert "Sunday 6 December 2026, past" in names(british)
    assert "Sunday, December 6, 2026, past" in names(american)
    assert re.search(r"\d{2}:\d{2} to", slot_buttons(british)[0]["label"])
    assert re.search(r"\d{1,2}:\d{2} [AP]M to", slot_buttons(american)[0]["label"])


def test_slot_list_counts_the_places_someone_else_just_booked(
    client: Client, sandbox: Sandbox
) -> None:
    day = {"date": "2026-12-12"}
    before = [
        b for b in slot_buttons(client.get(f"/services/{YOGA}/", day)) if _spots(b["label"]) >= 2
    ]
    assert before

    other = Client()
    choose_first_slot(other, YOGA, min_spots=2, **day)
    fill_details(other, participants=2)
    # Paid: a CREATED booking holds nothing at Wix (docs/wix-contract.md §6.3).
    hosted_checkout_action(other, follow_to(other, submit(other)), "Pay")

    after = {b["key"]: b["label"] for b in slot_buttons(client.get(f"/services/{YOGA}/", day))}
    assert _spots(after[before[0]["key"]]) == _spots(before[0]["label"]) - 2


def test_cached_grid_turns_yesterday_into_the_past(client: Client, sandbox: Sandbox) -> None:
    def label_of(response: object, day: str) -> str:
        html = soup(response)  # type: ignore[arg-type]
        link = html.select_one(f'#month-grid a[href$="date={day}"] .visually-hidden')
        cell = link or next(
            span
            for span in html.select("#month-grid .no-slots .visually-hidden")
            if span.get_text().startswith("Tuesday 8 December")
        )
        return cell.get_text()

    today = client.get(f"/services/{MASSAGE}/", {"month": "2026-12"}, **HTMX)
    with time_machine.travel(datetime(2026, 12, 9, 8, 0, tzinfo=ZoneInfo("Europe/London"))):
        two_days_on = client.get(f"/services/{MASSAGE}/", {"month": "2026-12"}, **HTMX)

    assert "time" in label_of(today, "2026-12-08")  # "… N times available"
    assert label_of(two_days_on, "2026-12-08") == "Tuesday 8 December 2026, past"
