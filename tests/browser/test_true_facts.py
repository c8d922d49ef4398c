"""Issue 16, details to confirmation: the booking before the form on a phone, the chosen zone
with the business's time beside it, calendar links, branded error pages, a second tab.

Checked by what a person sees (texts, element positions at 390x844, with and without
JavaScript); each new page state is audited with axe and photographed at both sizes.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import expect

from tests.browser.journeys import click, continue_to_review, fill_contact, first_free_slot
from tests.browser.support import Tab, audit, snap

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

OpenTab = Callable[..., Tab]
JS = pytest.mark.parametrize("js", [True, False], ids=["javascript", "no-javascript"])
NEW_YORK = "America/New_York"


def _box(tab: Tab, selector: str) -> dict[str, float]:
    box = tab.page.locator(selector).bounding_box()
    assert box is not None, selector
    return box


def _to_details(tab: Tab, slug: str, *, tz: str | None = None) -> None:
    tab.goto(f"/services/{slug}/" + (f"?tz={tz}" if tz else ""))
    _, slot = first_free_slot(tab)
    click(tab, slot)
    expect(tab.page).to_have_url(re.compile(r"/book/details/$"))


@JS
def test_on_a_phone_the_booking_comes_before_the_form(open_tab: OpenTab, js: bool) -> None:
    tab = open_tab("phone", js=js)
    _to_details(tab, "deep-tissue-massage")
    summary, form, policy = (
        _box(tab, s) for s in ("#booking-heading", "#details-form", "#policy-heading")
    )
    assert summary["y"] < form["y"] < policy["y"]
    # The service, its time and the price are read within the first screen.
    assert _box(tab, "#price-summary")["y"] + 40 < 844
    expect(tab.page.get_by_role("link", name="Change time")).to_be_visible()
    expect(tab.page.get_by_label("Number of participants")).to_have_count(0)  # one person
    if js:
        audit(tab.page, "details, phone")
    snap(tab.page, f"details-phone-{'js' if js else 'nojs'}")


def test_on_a_desktop_the_form_is_beside_the_booking(open_tab: OpenTab) -> None:
    tab = open_tab("desktop")
    tab.goto("/services/vinyasa-flow/")
    _, slot = first_free_slot(tab, min_spots=2)  # more than one may come: the count is asked
    click(tab, slot)
    form, summary = _box(tab, "#details-form"), _box(tab, ".details-summary")
    assert form["x"] + form["width"] <= summary["x"]
    assert abs(form["y"] - summary["y"]) < 2
    expect(tab.page.get_by_label("Number of participants")).to_be_visible()
    audit(tab.page, "details, class")
    snap(tab.page, "details-class")

    click(tab, tab.page.get_by_role("button", name="Continue to review"))
    expect(tab.page.locator(".field-error").first).to_be_visible()
    expect(tab.page.locator("#id_first_name-error")).to_have_text("Please enter your first name.")
    audit(tab.page, "details, errors")
    snap(tab.page, "details-errors")


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_the_chosen_zone_stays_to_the_confirmation(open_tab: OpenTab, size: str) -> None:
    tab = open_tab(size)
    page = tab.page
    _to_details(tab, "wellbeing-consultation", tz=NEW_YORK)
    when = page.locator(".details-summary dl.summary div", has_text="When").locator("dd")
    expect(when).to_contain_text("your time (America/New York)")
    expect(when.locator(".business-time")).to_have_text(
        re.compile(r"\d\d:\d\d to \d\d:\d\d in London$")
    )
    fill_contact(tab, f"zone-{size}")
    continue_to_review(tab)
    expect(page.locator("#booking-summary")).to_contain_text("your time (America/New York)")
    audit(page, f"review, two zones ({size})")
    snap(page, f"review-two-zones-{size}")

    click(tab, page.get_by_role("button", name="Confirm booking"))
    expect(page.get_by_role("heading", level=1)).to_have_text("You're booked")
    summary = page.locator("dl.summary")
    expect(summary).to_contain_text("your time (America/New York)")
    expect(summary.locator(".business-time")).to_contain_text("in London")
    expect(page.locator("#booking-reference")).to_have_text(re.compile(r"^\d{4}-\d{4}$"))
    expect(page.locator("#next-steps")).to_contain_text("There is nothing to pay")
    calendar = page.locator("#add-to-calendar")
    expect(calendar.get_by_role("link", name="Calendar file (.ics)")).to_be_visible()
    google = calendar.get_by_role("link", name=re.compile("^Google Calendar"))
    expect(google).to_have_attribute(
        "href", re.compile(r"^https://calendar\.google\.com/.*dates=\d{8}T\d{6}Z%2F\d{8}T\d{6}Z")
    )
    expect(calendar.get_by_role("link", name=re.compile("^Outlook"))).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("^Show the place on a map"))).to_have_attribute(
        "href", re.compile(r"^https://www\.google\.com/maps/search/\?api=1&query=")
    )
    page.get_by_text("Reference for the business").click()
    expect(page.locator("details.wix-id code")).to_be_visible()
    audit(page, f"confirmation, free, two zones ({size})")
    snap(page, f"confirmation-free-two-zones-{size}")


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_error_pages_are_branded_with_a_way_back(open_tab: OpenTab, size: str) -> None:
    tab = open_tab(size)
    page = tab.page
    with page.expect_response(re.compile("/no-such-page/")) as answer:
        tab.goto("/no-such-page/")
    assert answer.value.status == 404
    tab.problems.clear()  # the 404 itself is logged to the console
    expect(page.get_by_role("heading", level=1)).to_have_text("We can't find that page")
    audit(page, f"404 ({size})")
    snap(page, f"error-404-{size}")

    _to_details(tab, "wellbeing-consultation")
    page.context.clear_cookies()  # as when the page was open too long or cookies are blocked
    fill_contact(tab, f"csrf-{size}")
    click(tab, page.get_by_role("button", name="Continue to review"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Please try that again")
    tab.problems.clear()  # the browser logs the 403
    audit(page, f"refused form ({size})")
    snap(page, f"error-csrf-{size}")
    click(tab, page.get_by_role("link", name="See all services"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Book a service")


def test_a_second_tab_changing_the_booking_is_noticed(open_tab: OpenTab) -> None:
    first = open_tab("desktop")
    _to_details(first, "wellbeing-consultation")
    fill_contact(first, "two-tabs")
    continue_to_review(first)
    second = Tab(first.page.context.new_page(), first.base_url, "second tab")
    second.watch()
    _to_details(second, "deep-tissue-massage")
    fill_contact(second, "two-tabs")
    continue_to_review(second)

    click(first, first.page.get_by_role("button", name=re.compile("Confirm booking|Book and go")))
    page = first.page
    expect(page).to_have_url(re.compile(r"/book/review/$"))
    expect(page.get_by_role("status").first).to_contain_text(
        "This booking was changed in another tab or window."
    )
    expect(page.locator("#booking-summary")).to_contain_text("Deep tissue massage")
    audit(page, "review, changed in another tab")
    snap(page, "review-changed-in-another-tab")
    second.assert_clean()
