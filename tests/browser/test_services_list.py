"""Issue 16, point 16: the services list uses the width and reads like a menu.

Checked by what a person sees: how many cards share a row at 1280x800 and at 390x844, the
card's one line of facts, and where each service happens.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.browser.support import Tab, audit, snap

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

OpenTab = Callable[..., Tab]


def _cards_per_row(page: Page) -> list[int]:
    """How many cards share each row, top to bottom (cards whose tops are within 2px)."""
    tops = page.locator(".service-card").evaluate_all(
        "cards => cards.map(c => Math.round(c.getBoundingClientRect().top / 2))"
    )
    return [count for _, count in sorted(Counter(tops).items())]


def _card(page: Page, name: str) -> Locator:
    return page.locator(".service-card").filter(has=page.get_by_role("heading", name=name))


def test_desktop_shows_three_or_four_cards_a_row(open_tab: OpenTab) -> None:
    tab = open_tab("desktop")
    page = tab.page
    page.set_viewport_size({"width": 1280, "height": 800})
    tab.goto("/")

    rows = _cards_per_row(page)

    # The demo's categories hold two or three services each: they share rows of four columns,
    # so every row but perhaps the last has three or four cards (not two a category).
    assert len(rows) >= 2, rows
    assert all(n in (3, 4) for n in rows[:-1]), rows
    assert sum(rows) == page.locator(".service-card").count()
    audit(page, "services list")
    snap(page, "services-list")


def test_a_phone_shows_one_card_a_row(open_tab: OpenTab) -> None:
    tab = open_tab("phone")
    tab.goto("/")

    rows = _cards_per_row(tab.page)

    assert set(rows) == {1}
    assert len(rows) == tab.page.locator(".service-card").count()
    audit(tab.page, "services list (phone)")


def test_cards_read_duration_and_price_and_every_place(open_tab: OpenTab) -> None:
    tab = open_tab("desktop")
    page = tab.page
    tab.goto("/")

    massage = _card(page, "Deep tissue massage")
    expect(massage.locator(".card-facts")).to_have_text("60 min · £65")
    # Both of its studios, not "and 1 more".
    expect(massage.locator(".card-where")).to_have_text(
        "Where: Fernleigh Islington or Fernleigh Richmond"
    )
    consultation = _card(page, "Wellbeing consultation")
    expect(consultation.locator(".card-facts")).to_have_text("45 min · Free")
    expect(consultation.locator(".card-where")).to_have_text(
        "Where: Fernleigh Islington, Fernleigh Richmond or online"
    )
    expect(_card(page, "Hot stone massage").locator(".card-facts")).to_have_text("90 min · £95")
    # No "Type:" / "Duration:" labels any more: the kind is a tag above the name.
    expect(page.locator("#service-list")).not_to_contain_text("Duration")
    expect(massage.locator(".tag")).to_have_text("Appointment")
    expect(_card(page, "Vinyasa flow").locator(".tag")).to_have_text("Class")
