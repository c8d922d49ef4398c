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


def _packed_rows(per_category: list[int], *, columns: int) -> list[int]:
    """Cards per row when each category spans min(cards, columns) columns, placed in order on
    the current row if it fits there, else on a new row (CSS grid's auto-placement)."""
    rows: list[int] = []
    used = columns  # the first category starts a row
    for cards in per_category:
        span = min(cards, columns)
        if used + span > columns:
            rows.append(0)
            used = 0
        rows[-1] += span
        used += span
        for left in range(cards - span, 0, -columns):
            rows.append(min(left, columns))
            used = columns  # a category of more than a row fills its last row's columns
    return rows


def _card(page: Page, name: str) -> Locator:
    return page.locator(".service-card").filter(has=page.get_by_role("heading", name=name))


def test_desktop_shows_three_or_four_cards_a_row(open_tab: OpenTab) -> None:
    tab = open_tab("desktop")
    page = tab.page
    page.set_viewport_size({"width": 1280, "height": 800})
    tab.goto("/")

    rows = _cards_per_row(page)
    per_category = page.locator(".category").evaluate_all(
        "sections => sections.map(s => s.querySelectorAll('.service-card').length)"
    )

    # Categories share rows of four columns: a small category sits beside the one before it
    # when it fits, so no row ends half empty while the next category's cards would fit in it.
    assert rows == _packed_rows(per_category, columns=4), (rows, per_category)
    assert any(n < 4 for n in per_category[1:]), "the demo must have a small category to pack"
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
