"""Issue 16, the calendar: phone layout, compact times, keyboard grid, no-JavaScript controls.

Checked by what a person sees: element positions at 390x844, Tab counts, texts; every page
state is audited with axe and photographed at both sizes.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.browser.journeys import click
from tests.browser.support import Tab, audit, snap

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

OpenTab = Callable[..., Tab]
MASSAGE = "/services/deep-tissue-massage/"
JS = pytest.mark.parametrize("js", [True, False], ids=["javascript", "no-javascript"])


@JS
def test_no_javascript_buttons_show_only_without_javascript(open_tab: OpenTab, js: bool) -> None:
    tab = open_tab("desktop", js=js)
    page = tab.page
    tab.goto(MASSAGE)
    click(tab, page.get_by_text("Filters"))  # one collapsed control, opened by a tap
    update = page.get_by_role("button", name="Update times", include_hidden=True)
    expect(update).to_have_count(1)
    expect(update).to_be_hidden() if js else expect(update).to_be_visible()
    if js:  # and the filters still act at once
        page.get_by_label("Time zone").select_option("America/New_York")
        expect(page).to_have_url(re.compile(r"tz=America%2FNew_York"))
    if js:  # axe runs as a script: pages without JavaScript are photographed only
        audit(page, "calendar filters (js)")
    snap(page, f"calendar-filters-{'js' if js else 'nojs'}")

    tab.goto("/")
    filter_button = page.get_by_role("button", name="Filter", include_hidden=True)
    expect(filter_button).to_have_count(1)
    expect(filter_button).to_be_hidden() if js else expect(filter_button).to_be_visible()


def _presses_to(page: Page, target: Locator, bound: int = 60) -> int:
    """Tab presses from where focus is until ``target`` has it."""
    handle = target.element_handle()
    for presses in range(1, bound + 1):
        page.keyboard.press("Tab")
        if page.evaluate("el => document.activeElement === el", handle):
            return presses
    raise AssertionError(f"Tab never reached {target} in {bound} presses")


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_the_first_time_is_at_most_eight_tab_presses_from_page_load(
    open_tab: OpenTab, size: str
) -> None:
    tab = open_tab(size)
    page = tab.page
    tab.goto(MASSAGE)
    first = page.locator("#slot-list button[name=slot]").first
    expect(first).to_be_visible()

    presses = _presses_to(page, first)

    assert presses <= 8, f"{presses} Tab presses from page load to the first time"


def test_the_month_grid_is_one_tab_stop_moved_through_by_arrow_keys(open_tab: OpenTab) -> None:
    tab = open_tab("desktop")
    page = tab.page
    tab.goto(MASSAGE)
    grid = page.get_by_role("grid", name=page.locator("#month-label").inner_text())
    days = grid.get_by_role("link")
    expect(grid.locator('a[tabindex="0"]')).to_have_count(1)
    selected = grid.locator("a[aria-current=date]")
    _presses_to(page, selected)
    start = days.evaluate_all("links => links.indexOf(document.activeElement)")

    page.keyboard.press("ArrowRight")
    expect(days.nth(start + 1)).to_be_focused()
    expect(days.nth(start + 1)).to_have_attribute("tabindex", "0")
    expect(selected).to_have_attribute("tabindex", "-1")
    page.keyboard.press("ArrowLeft")
    expect(selected).to_be_focused()
    page.keyboard.press("ArrowDown")  # a week on: the same weekday, next row
    week_on = page.evaluate("document.activeElement.getAttribute('href')")
    assert week_on.endswith(
        str(
            page.evaluate("""() => {
        const href = document.querySelector('.month-grid a[aria-current]').getAttribute('href');
        const day = new Date(href.split('date=')[1] + 'T12:00:00Z');
        day.setUTCDate(day.getUTCDate() + 7);
        return day.toISOString().slice(0, 10);
    }""")
        )
    )
    # Tab leaves the grid for the times, in one press.
    page.keyboard.press("Tab")
    expect(page.locator(".legend a, #slot-list button, #day-heading").first).to_be_visible()
    assert page.evaluate("!document.activeElement.closest('.month-grid')")
    audit(page, "calendar, grid moved through by arrow keys")
    snap(page, "calendar-grid-arrow-keys")


def _box(locator: Locator) -> dict[str, float]:
    box = locator.bounding_box()
    assert box is not None, f"{locator} is not rendered"
    return box


def test_on_a_phone_the_calendar_follows_name_price_and_duration(open_tab: OpenTab) -> None:
    tab = open_tab("phone")
    page = tab.page
    tab.goto(MASSAGE)
    heading = page.get_by_role("heading", level=1)
    price = page.locator("dd.price")
    grid = page.locator("#month-grid")
    first = page.locator("#slot-list button[name=slot]").first
    expect(first).to_be_visible()

    assert _box(heading)["y"] < _box(price)["y"] < _box(grid)["y"]
    # The description and policy come after the calendar, not between it and the name.
    assert _box(page.locator(".description"))["y"] > _box(first)["y"]
    assert _box(page.get_by_role("heading", name="Booking policy"))["y"] > _box(first)["y"]
    # The first time is on the first screen or one scroll away (the page opens at the top).
    time_box = _box(first)
    assert time_box["y"] + time_box["height"] <= 2 * 844, time_box
    audit(page, "service page, phone (calendar first)")
    snap(page, "calendar-phone-first")


def test_tapping_a_day_brings_its_times_into_view_and_focus(open_tab: OpenTab) -> None:
    tab = open_tab("phone")
    page = tab.page
    tab.goto(MASSAGE)
    day = page.locator(".month-grid a:not([aria-current])").nth(2)
    name = day.locator(".visually-hidden").inner_text().split(",")[0]
    day.scroll_into_view_if_needed()
    top_before = page.evaluate("window.scrollY")

    click(tab, day)

    heading = page.locator("#day-heading")
    expect(heading).to_have_text(name)
    expect(heading).to_be_focused()
    expect(heading).to_be_in_viewport()
    expect(page.locator("#slot-list button[name=slot]").first).to_be_in_viewport()
    assert page.evaluate("window.scrollY") >= top_before  # down to the times, never to the top
    audit(page, "calendar, day tapped on a phone")
    snap(page, "calendar-day-tapped")


@JS
@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_changing_staff_keeps_the_day_or_says_which_day_is_shown(
    open_tab: OpenTab, js: bool, size: str
) -> None:
    tab = open_tab(size, js=js)
    page = tab.page
    tab.goto(MASSAGE)
    target = page.locator(".month-grid a:not([aria-current])").nth(1)
    day = target.locator(".visually-hidden").inner_text().split(",")[0]
    click(tab, target)
    heading = page.locator("#day-heading")
    expect(heading).to_have_text(day)

    click(tab, page.get_by_text("Filters"))
    staff = page.get_by_label("Staff")
    staff.select_option(index=1)  # the first named person
    if not js:
        click(tab, page.get_by_role("button", name="Update times"))
    expect(page).to_have_url(re.compile(r"staff="))

    moved = page.locator(".day-moved")
    if moved.count():  # that person has no times that day: said, and the nearest day shown
        expect(moved).to_contain_text(f"No free times on {day} with these choices")
        expect(moved).to_contain_text(f"showing the nearest day, {heading.inner_text()}.")
    else:
        expect(heading).to_have_text(day)
    # The select shows its whole text (nothing cut off), and the filters do not scroll sideways.
    assert staff.evaluate("el => el.scrollWidth <= el.clientWidth + 1")
    name = f"calendar-staff-chosen-{size}-{'js' if js else 'nojs'}"
    if js:
        audit(page, f"calendar, staff chosen ({size})")
    snap(page, name)


@JS
def test_no_month_past_the_booking_window_is_offered(open_tab: OpenTab, js: bool) -> None:
    tab = open_tab("phone", js=js)
    page = tab.page
    tab.goto(MASSAGE)  # books up to 30 days ahead: this month and the next at most
    window = page.locator(".booking-window")
    expect(window).to_have_text(re.compile(r"^You can book up to \w+day \d{1,2} \w+ \d{4}\.$"))
    until = window.inner_text()
    for _ in range(2):
        following = page.locator(".month-nav a[rel=next]")
        if not following.count():
            break
        label = page.locator("#month-label").inner_text()
        click(tab, following)
        expect(page.locator("#month-label")).not_to_have_text(label)
    expect(page.locator(".month-nav a[rel=next]")).to_have_count(0)
    expect(window).to_have_text(until)
    month = page.locator("#month-label").inner_text()
    # The window ends in the last month shown.
    assert until.removesuffix(".").endswith(month)
    if js:
        audit(page, "calendar, last bookable month")
    snap(page, f"calendar-last-month-{'js' if js else 'nojs'}")
