"""Issue 16 points 8 and 9 by what a customer sees: a filter change keeps the chosen day while
it still has times (else says so and shows the nearest day), a full class time reads "Full",
a month with nothing free says why and leads to the next free day.

Days are picked by weekday from the demo's working hours (wix_sandbox/demo_data.py): for the
massage, Maya works Monday to Friday, Tom Tuesday to Sunday (Richmond only), so a Monday has
no Tom and a Sunday has nobody at Islington. Each state is checked with and without
JavaScript, at desktop and phone sizes; axe audits the JavaScript pages (axe is a script).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.cache import cache
from playwright.sync_api import expect

from booking_site.services import caching
from tests.browser.journeys import (
    Record,
    click,
    continue_to_review,
    fill_contact,
    pay_at_checkout,
    take,
)
from tests.browser.support import Tab, audit, snap
from wix_sandbox import Sandbox

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

OpenTab = Callable[..., Tab]
MASSAGE = "/services/deep-tissue-massage/"
YOGA = "/services/vinyasa-flow/"
THAI = "/services/thai-massage/"  # a choice of length before the calendar
JS = pytest.mark.parametrize("js", [True, False], ids=["javascript", "no-javascript"])
SIZES = pytest.mark.parametrize("size", ["desktop", "phone"])


def _choose_weekday(tab: Tab, weekday: str) -> str:
    """Choose the first coming ``weekday`` with times (this month or the next); its heading."""
    page = tab.page
    for _ in range(2):
        days = page.locator(".month-grid a").filter(
            has=page.locator(".visually-hidden", has_text=re.compile(rf"^{weekday} "))
        )
        if days.count():
            name = days.first.locator(".visually-hidden").inner_text().split(",")[0]
            click(tab, days.first)
            expect(page.locator("#day-heading")).to_have_text(name)
            return name
        label = page.locator("#month-label").inner_text()
        click(tab, page.locator(".month-nav a[rel=next]"))
        expect(page.locator("#month-label")).not_to_have_text(label)
    raise AssertionError(f"no {weekday} with times in two months")


def _change_filter(tab: Tab, label: str, option: str) -> None:
    """Open "Filters" if closed, choose ``option`` in the ``label`` select, apply it."""
    page = tab.page
    toggle = page.locator("details.filters-toggle")
    if toggle.get_attribute("open") is None:
        click(tab, toggle.locator("summary"))
    select = page.get_by_label(label)
    value = select.locator("option", has_text=option).first.get_attribute("value") or ""
    select.select_option(value=value)
    if not tab.js:
        click(tab, page.get_by_role("button", name="Update times"))
    expect(page.get_by_label(label)).to_have_value(value)


def _record(tab: Tab, name: str, state: str) -> None:
    if tab.js:
        audit(tab.page, state)
    snap(tab.page, f"{name}-{'js' if tab.js else 'nojs'}")


@JS
@SIZES
def test_a_staff_member_working_that_day_keeps_it(open_tab: OpenTab, js: bool, size: str) -> None:
    tab = open_tab(size, js=js)
    page = tab.page
    tab.goto(MASSAGE)
    tuesday = _choose_weekday(tab, "Tuesday")

    _change_filter(tab, "Staff", "Maya Okafor")

    expect(page).to_have_url(re.compile(r"staff="))
    expect(page.locator("#day-heading")).to_have_text(tuesday)
    expect(page.locator(".day-moved")).to_have_count(0)
    expect(page.locator("#slot-list button[name=slot]").first).to_be_visible()
    expect(page.locator(".month-grid a[aria-current=date]")).to_contain_text(tuesday)
    _record(tab, f"calendar-staff-keeps-day-{size}", f"calendar, staff keeps the day ({size})")


@JS
@SIZES
def test_a_staff_member_off_that_day_moves_to_the_nearest_and_says_so(
    open_tab: OpenTab, js: bool, size: str
) -> None:
    tab = open_tab(size, js=js)
    page = tab.page
    tab.goto(MASSAGE)
    monday = _choose_weekday(tab, "Monday")

    _change_filter(tab, "Staff", "Tom Reilly")  # Tom does not work on Mondays

    heading = page.locator("#day-heading")
    expect(heading).not_to_have_text(monday)
    shown = heading.inner_text()
    # The nearest day: the Sunday before or the Tuesday after (Tom works both).
    assert re.match(r"^(Sunday|Tuesday) ", shown), shown
    expect(page.locator(".day-moved")).to_have_text(
        f"No free times on {monday} with these choices: showing the nearest day, {shown}."
    )
    expect(page.locator("#slot-list button[name=slot]").first).to_be_visible()
    _record(tab, f"calendar-staff-moves-day-{size}", f"calendar, staff moves the day ({size})")


@JS
def test_a_location_keeps_the_day_or_moves_to_the_nearest(open_tab: OpenTab, js: bool) -> None:
    tab = open_tab("phone", js=js)
    page = tab.page
    tab.goto(MASSAGE)
    tuesday = _choose_weekday(tab, "Tuesday")
    _change_filter(tab, "Location", "Fernleigh Richmond")  # Tom is there on Tuesdays
    expect(page).to_have_url(re.compile(r"location="))
    expect(page.locator("#day-heading")).to_have_text(tuesday)
    expect(page.locator(".day-moved")).to_have_count(0)

    _change_filter(tab, "Location", "Any location")
    sunday = _choose_weekday(tab, "Sunday")
    _change_filter(tab, "Location", "Fernleigh Islington")  # nobody is there on Sundays
    expect(page.locator("#day-heading")).not_to_have_text(sunday)
    expect(page.locator(".day-moved")).to_contain_text(
        f"No free times on {sunday} with these choices: showing the nearest day, "
    )
    _record(tab, "calendar-location-moves-day", "calendar, location moves the day (phone)")


@JS
def test_a_time_zone_change_keeps_the_day(open_tab: OpenTab, js: bool) -> None:
    tab = open_tab("desktop", js=js)
    page = tab.page
    tab.goto(MASSAGE)
    wednesday = _choose_weekday(tab, "Wednesday")
    first_before = page.locator("#slot-list .slot-time").first.inner_text()

    _change_filter(tab, "Time zone", "New York")

    expect(page).to_have_url(re.compile(r"tz=America%2FNew_York"))
    expect(page.locator("#day-heading")).to_have_text(wednesday)  # 09:00 London is 04:00 there
    expect(page.locator(".day-moved")).to_have_count(0)
    expect(page.locator(".day-slots")).to_contain_text("Times shown in America/New York")
    expect(page.locator("#slot-list .slot-time").first).not_to_have_text(first_before)
    _record(tab, "calendar-zone-keeps-day", "calendar, zone keeps the day")


def _book_the_last_place(tab: Tab) -> tuple[str, str]:
    """Book the class time the seed left one place in (as another customer); its day, time."""
    page = tab.page
    tab.goto(YOGA)
    last = page.locator("#slot-list button[name=slot]", has_text="1 spot left")
    days = page.locator(".month-grid a")
    for index in range(min(days.count(), 10)):
        if last.count():
            break
        name = days.nth(index).locator(".visually-hidden").inner_text().split(",")[0]
        click(tab, days.nth(index))
        expect(page.locator("#day-heading")).to_have_text(name)
    day = page.locator("#day-heading").inner_text()
    time = last.first.locator(".slot-time").inner_text()
    take(tab, day, last.first)
    fill_contact(tab, "last-place")
    online = page.get_by_role("radio", name="Pay online now")
    if online.count():
        online.check()
    continue_to_review(tab)
    click(tab, page.get_by_role("button", name="Book and go to payment"))
    pay_at_checkout(tab, Record("last-place", audit=False, screenshots=False))
    return day, time


@JS
def test_a_full_class_time_reads_full_and_cannot_be_chosen(open_tab: OpenTab, js: bool) -> None:
    day, time = _book_the_last_place(open_tab("desktop"))
    tab = open_tab("phone", js=js)
    page = tab.page
    tab.goto(YOGA)
    label = page.locator(".visually-hidden", has_text=re.compile(rf"^{day},"))
    link = page.locator(".month-grid a").filter(has=label)
    if link.get_attribute("aria-current") is None:
        click(tab, link)
    expect(page.locator("#day-heading")).to_have_text(day)

    full = page.locator("#slot-list button.slot-full")
    expect(full).to_have_count(1)  # still listed, not hidden
    expect(full).to_be_visible()
    expect(full).to_be_disabled()
    expect(full.locator(".slot-time")).to_have_text(time)
    expect(full.locator(".slot-detail")).to_have_text("Full")
    _record(tab, "calendar-class-full", "calendar, a full class time (phone)")


@JS
def test_a_month_with_nothing_free_says_why_and_leads_to_the_next_free_day(
    open_tab: OpenTab, box: Sandbox, js: bool
) -> None:
    # New Year's Eve, 9 pm: every December time has passed; January is open.
    late = datetime(2026, 12, 31, 21, 0, tzinfo=ZoneInfo("Europe/London"))
    with time_machine.travel(late, tick=True):
        box.reset()
        cache.clear()
        caching.clear_local()
        tab = open_tab("desktop", js=js)
        page = tab.page
        tab.goto(MASSAGE + "?month=2026-12")
        expect(page.locator("#month-label")).to_have_text("December 2026")
        expect(page.locator("#calendar .no-times p").first).to_have_text(
            "No free times in December 2026: every time this month is booked or has passed."
        )
        expect(page.locator("#slot-list")).to_have_count(0)
        next_free = page.get_by_role("link", name=re.compile(r"^Next free day: \w+day \d"))
        day = next_free.inner_text().removeprefix("Next free day: ")
        _record(tab, "calendar-month-nothing-free", "calendar, a month with nothing free")

        click(tab, next_free)

        expect(page.locator("#month-label")).to_have_text("January 2027")
        expect(page.locator("#day-heading")).to_have_text(day)
        expect(page.locator("#slot-list button[name=slot]").first).to_be_visible()


@JS
def test_no_javascript_buttons_on_a_phone(open_tab: OpenTab, js: bool) -> None:
    """Point 11 at 390 px: "Update times", "Show times" and "Filter" only without JavaScript."""
    tab = open_tab("phone", js=js)
    page = tab.page
    pages = [(THAI, "Show times"), (MASSAGE, "Update times"), ("/", "Filter")]
    for path, name in pages:
        tab.goto(path)
        toggle = page.locator("details.filters-toggle > summary")
        if toggle.count():
            click(tab, toggle)
        button = page.get_by_role("button", name=name, exact=True, include_hidden=True)
        expect(button).to_have_count(1)
        expect(button).to_be_visible() if not js else expect(button).to_be_hidden()
    if js:
        audit(page, "services list, phone (no Filter button)")
    snap(page, f"services-list-phone-{'js' if js else 'nojs'}")
