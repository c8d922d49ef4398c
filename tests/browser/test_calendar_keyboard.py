"""Issue 16 points 6 and 10, the parts not checked elsewhere: the phone layout for a class as
well as an appointment and without JavaScript too; the month grid's other keys (Home, End,
ArrowUp), one Tab from the chosen day to its first time and one Shift+Tab back; keyboard-only
choosing without JavaScript, where every day is a link.

Checked by element positions at 390x844, Tab counts and texts; JavaScript pages are audited
with axe, every state is photographed at both sizes.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.browser.journeys import click
from tests.browser.support import PHONE, Tab, audit, snap

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

OpenTab = Callable[..., Tab]
MASSAGE = "/services/deep-tissue-massage/"
JS = pytest.mark.parametrize("js", [True, False], ids=["javascript", "no-javascript"])
FIRST_TIME = "#slot-list button[name=slot]"


def _box(locator: Locator) -> dict[str, float]:
    box = locator.bounding_box()
    assert box is not None, f"{locator} is not rendered"
    return box


def _presses_to(page: Page, target: Locator, *, key: str = "Tab", bound: int = 80) -> int:
    handle = target.element_handle()
    for presses in range(1, bound + 1):
        page.keyboard.press(key)
        if page.evaluate("el => document.activeElement === el", handle):
            return presses
    raise AssertionError(f"{key} never reached {target} in {bound} presses")


def _active_date(page: Page) -> str:
    return page.evaluate("document.activeElement.getAttribute('href').split('date=')[1]")[:10]


@JS
@pytest.mark.parametrize("slug", ["deep-tissue-massage", "vinyasa-flow"])
def test_on_a_phone_the_first_time_is_one_scroll_from_the_name(
    open_tab: OpenTab, js: bool, slug: str
) -> None:
    tab = open_tab("phone", js=js)
    page = tab.page
    tab.goto(f"/services/{slug}/")
    first = page.locator(FIRST_TIME).first
    expect(first).to_be_visible()

    heading, price = page.get_by_role("heading", level=1), page.locator("dd.price")
    duration = page.locator("dl.facts div", has_text="Duration").locator("dd")
    grid = page.locator("#month-grid")
    assert _box(heading)["y"] < _box(price)["y"] < _box(grid)["y"]
    assert _box(duration)["y"] < _box(grid)["y"]
    # The description and the policy come after the times, not between them and the name.
    assert _box(page.locator(".description"))["y"] > _box(first)["y"]
    assert _box(page.get_by_role("heading", name="Booking policy"))["y"] > _box(first)["y"]
    # At most one scroll: the first time ends within two screen heights of the top.
    end = _box(first)["y"] + _box(first)["height"]
    assert end <= 2 * PHONE["height"], end
    if js:
        audit(page, f"service page, phone ({slug})")
    snap(page, f"phone-first-{slug}-{'js' if js else 'nojs'}")

    # Tapping another day: its times are still at most one scroll from the top of the page
    # (without JavaScript the page reloads there; with it, the times scroll into view).
    day = page.locator(".month-grid a:not([aria-current])").first
    name = day.locator(".visually-hidden").inner_text().split(",")[0]
    click(tab, day)
    expect(page.locator("#day-heading")).to_have_text(name)
    first = page.locator(FIRST_TIME).first
    expect(first).to_be_visible()
    end = _box(first)["y"] + _box(first)["height"]
    assert end <= 2 * PHONE["height"], end
    if js:
        expect(first).to_be_in_viewport()


def test_home_end_and_arrow_up_move_within_the_grid(open_tab: OpenTab) -> None:
    tab = open_tab("desktop")
    page = tab.page
    tab.goto(MASSAGE)
    grid = page.locator("table.month-grid")
    selected = grid.locator("a[aria-current=date]")
    _presses_to(page, selected)
    row = selected.locator("xpath=ancestor::tr[1]")
    in_row = row.locator("a")

    page.keyboard.press("End")
    expect(in_row.last).to_be_focused()
    page.keyboard.press("Home")
    expect(in_row.first).to_be_focused()
    # Only one day in the grid is a Tab stop at any time: the focused one.
    expect(grid.locator('a[tabindex="0"]')).to_have_count(1)
    expect(in_row.first).to_have_attribute("tabindex", "0")

    start = _active_date(page)
    page.keyboard.press("ArrowDown")
    below = _active_date(page)
    assert below > start  # a week on, or the nearest later day with times
    page.keyboard.press("ArrowUp")
    assert _active_date(page) < below  # and back up: an earlier day
    audit(page, "calendar, Home/End/ArrowUp")
    snap(page, "calendar-grid-home-end")


def test_one_tab_from_a_chosen_day_to_its_first_time_and_one_back(open_tab: OpenTab) -> None:
    tab = open_tab("desktop")
    page = tab.page
    tab.goto(MASSAGE)
    grid = page.locator("table.month-grid")
    _presses_to(page, grid.locator("a[aria-current=date]"))
    page.keyboard.press("ArrowRight")
    wanted = _active_date(page)
    page.keyboard.press("Enter")

    chosen = grid.locator("a[aria-current=date]")
    expect(chosen).to_have_attribute("href", re.compile(f"date={wanted}"))
    expect(chosen).to_be_focused()
    first = page.locator(FIRST_TIME).first
    assert _presses_to(page, first, bound=3) == 1
    # And back: the whole grid is one Shift+Tab away, landing on the chosen day.
    page.keyboard.press("Shift+Tab")
    expect(chosen).to_be_focused()
    page.keyboard.press("Tab")
    expect(first).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/book/details/$"))
    expect(page.get_by_label("First name", exact=True)).to_be_visible()


def test_without_javascript_the_keyboard_still_chooses_a_day_and_a_time(
    open_tab: OpenTab,
) -> None:
    tab = open_tab("desktop", js=False)
    page = tab.page
    tab.goto(MASSAGE)
    grid = page.locator("table.month-grid")
    # No script: no grid role and no roving tabindex, each day with times is its own link.
    expect(grid).not_to_have_attribute("role", "grid")
    expect(grid.locator("a[tabindex]")).to_have_count(0)
    day = grid.locator("a:not([aria-current])").first
    name = day.locator(".visually-hidden").inner_text().split(",")[0]
    presses = _presses_to(page, day)
    assert presses <= 8 + grid.locator("a").count(), presses
    page.keyboard.press("Enter")

    expect(page.locator("#day-heading")).to_have_text(name)
    first = page.locator(FIRST_TIME).first
    _presses_to(page, first)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/book/details/$"))
    expect(page.get_by_label("First name", exact=True)).to_be_visible()
    snap(page, "details-reached-by-keyboard-nojs")
