"""Issue 16 points 7, 1, 2 and 3, the parts not checked elsewhere: the day's times as one
time-only button per clock time grouped by part of the day (24-hour in Britain, 12-hour for a
US visitor), filter selects never cut off on a phone; and the calendar file a customer opens
after booking: one event per course session with place and teacher, the one person Wix
assigned, the zone they chose beside the business's.

Checked by texts a person reads (the buttons, the .ics they would open); pages are audited
with axe and photographed at both sizes.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.journeys import (
    Record,
    click,
    continue_to_review,
    course,
    facts,
    fill_contact,
    first_free_slot,
    take,
)
from tests.browser.support import DESKTOP, PHONE, Tab, audit, snap
from wix_sandbox import Sandbox

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

OpenTab = Callable[..., Tab]
MASSAGE = "/services/deep-tissue-massage/"
JS = pytest.mark.parametrize("js", [True, False], ids=["javascript", "no-javascript"])
PARTS = ["Morning", "Afternoon", "Evening"]


def _choose_tuesday(tab: Tab) -> None:
    """A Tuesday: Maya from 09:00, Tom until 18:00, so morning, afternoon and evening times."""
    page = tab.page
    label = page.locator(".visually-hidden", has_text=re.compile(r"^Tuesday\b.*times? available"))
    day = page.locator(".month-grid a").filter(has=label).first
    if day.get_attribute("aria-current") is None:
        href = day.get_attribute("href") or ""
        click(tab, day)
        expect(page.locator(".month-grid a[aria-current=date]")).to_have_attribute("href", href)
    expect(page.locator("#day-heading")).to_contain_text("Tuesday")


def _minutes(text: str) -> int:
    hour, minute, half = re.fullmatch(r"(\d{1,2}):(\d\d)(?: ([AP]M))?", text).groups()
    hours = int(hour) % 12 + (12 if half == "PM" else 0) if half else int(hour)
    return hours * 60 + int(minute)


def _groups(page: Page) -> dict[str, list[str]]:
    return page.locator("#slot-list .slot-group").evaluate_all(
        "groups => Object.fromEntries(groups.map(g => [g.querySelector('h4').textContent,"
        " [...g.querySelectorAll('.slot-time')].map(t => t.textContent)]))"
    )


@JS
def test_times_are_one_time_only_button_per_clock_time_by_part_of_day(
    open_tab: OpenTab, js: bool
) -> None:
    tab = open_tab("phone", js=js)
    page = tab.page
    tab.goto(MASSAGE)
    _choose_tuesday(tab)

    groups = _groups(page)
    assert list(groups) == PARTS, groups  # in the day's order, none empty
    for part, times in groups.items():
        assert all(re.fullmatch(r"\d\d:\d\d", t) for t in times), times  # 24-hour, time only
        minutes = [_minutes(t) for t in times]
        assert minutes == sorted(set(minutes)), times  # one button per clock time
        low, high = {"Morning": (0, 720), "Afternoon": (720, 1020), "Evening": (1020, 1440)}[part]
        assert all(low <= m < high for m in minutes), (part, times)
    # Anyone, anywhere: the buttons name no one (who is chosen, or said, after).
    buttons = page.locator("#slot-list button[name=slot]")
    expect(buttons.first).to_have_accessible_name(re.compile(r"^\d\d:\d\d to \d\d:\d\d$"))

    # The filters: one collapsed control; opened, no select has its text cut off.
    toggle = page.locator("details.filters-toggle")
    expect(toggle).not_to_have_attribute("open", "")
    click(tab, toggle.locator("summary"))
    for select in page.locator(".filters-row select").all():
        assert select.evaluate("el => el.scrollWidth <= el.clientWidth + 1"), select
        box = select.bounding_box()
        assert box is not None
        assert box["x"] >= 0
        assert box["x"] + box["width"] <= PHONE["width"]
    if js:
        audit(page, "calendar, times by part of the day, filters open (phone)")
    snap(page, f"calendar-times-by-part-of-day-{'js' if js else 'nojs'}")


def test_a_us_visitor_reads_12_hour_times(browser: Browser, site: str) -> None:
    # Not ``open_tab``: its contexts are British; this visitor's browser asks for US English.
    context = browser.new_context(viewport=DESKTOP, locale="en-US", timezone_id="Europe/London")
    tab = Tab(context.new_page(), site, "desktop, en-US")
    tab.watch()
    tab.goto(MASSAGE)
    _choose_tuesday(tab)

    groups = _groups(tab.page)
    assert list(groups) == PARTS, groups
    times = [t for part in groups.values() for t in part]
    assert all(re.fullmatch(r"\d{1,2}:\d\d [AP]M", t) for t in times), times
    assert [_minutes(t) for t in times] == sorted({_minutes(t) for t in times})
    audit(tab.page, "calendar, 12-hour times (en-US)")
    snap(tab.page, "calendar-12-hour-times")
    tab.assert_clean()
    context.close()


def _calendar_file(page: Page) -> str:
    """The .ics behind the confirmation's link, as the customer's calendar reads it (unfolded)."""
    link = page.get_by_role("link", name=re.compile(r"Calendar file \(\.ics\)"))
    href = link.get_attribute("href") or ""
    answer = page.context.request.get(page.url.split("/book/")[0] + href)
    assert answer.ok, answer.status
    assert answer.headers["content-type"].startswith("text/calendar")
    return answer.text().replace("\r\n ", "")


def _unescape(value: str) -> str:
    """RFC 5545 3.3.11 text: ``\\n`` is a new line, ``\\,`` ``\\;`` ``\\\\`` the character."""
    return re.sub(r"\\([nN,;\\])", lambda m: "\n" if m[1] in "nN" else m[1], value)


def _events(ics: str) -> list[dict[str, Any]]:
    events = []
    for block in ics.split("BEGIN:VEVENT")[1:]:
        body = block.split("END:VEVENT")[0]
        fields = dict(line.split(":", 1) for line in body.strip().splitlines() if ":" in line)
        events.append({key: _unescape(value) for key, value in fields.items()})
    return events


def test_a_course_file_holds_each_session_with_place_and_teacher(
    open_tab: OpenTab, box: Sandbox
) -> None:
    tab = open_tab("desktop")
    course(tab, box, Record("course-file", audit=False, screenshots=False))
    sessions = tab.page.locator("dl.summary ol.sessions li").all_inner_texts()

    events = _events(_calendar_file(tab.page))

    assert len(events) == len(sessions) == 6
    starts = [e["DTSTART"] for e in events]
    assert starts == sorted(set(starts))  # six different dates, not one long block
    for number, event in enumerate(events, start=1):
        assert event["SUMMARY"] == f"Mindfulness foundations (6 weeks) ({number}/6)"
        assert event["LOCATION"].startswith("Fernleigh Islington")
        assert "Leo Marchetti" in event.get("DESCRIPTION", ""), event


def test_the_file_names_the_one_person_and_both_zones(open_tab: OpenTab, box: Sandbox) -> None:
    tab = open_tab("phone")
    page = tab.page
    staff = [person.name for person in box.demo.staff_members.values()]
    tab.goto(f"{MASSAGE}?tz=America/New_York")
    take(tab, *first_free_slot(tab))
    fill_contact(tab, "file-person")
    online = page.get_by_role("radio", name="Pay online now")
    if online.count():
        online.check()
    continue_to_review(tab)
    # Paying online in another zone: the review warns that Wix's checkout shows London time.
    expect(page.locator("#checkout-zone-note")).to_have_text(
        re.compile(r"shows the business's time: .*\d\d:\d\d.* in London\.$")
    )
    audit(page, "review, paying in another zone (phone)")
    snap(page, "review-checkout-zone-note")
    click(tab, page.get_by_role("button", name="Book and go to payment"))
    click(tab, page.get_by_role("button", name=re.compile(r"^Pay £")))
    expect(page.get_by_role("heading", level=1)).to_have_text("You're booked")
    person = facts(page)["With"]
    assert person in staff

    (event,) = _events(_calendar_file(page))

    about = event["DESCRIPTION"]
    assert f"With {person}" in about
    assert [name for name in staff if name in about] == [person]  # never "any" or two people
    assert re.search(r"\d\d:\d\d-\d\d:\d\d your time \(America/New York\)", about), about
    assert re.search(r"; \d\d:\d\d-\d\d:\d\d in London", about), about
