"""Issue 16 points 12 and 13, the parts not checked elsewhere: every details message in the
site's words (never Django's defaults) with and without JavaScript, `maxlength` on every
typed field, the "Change time" link back to the chosen day and zone, and a second tab noticed
on a phone and without JavaScript too.

Checked by texts and attributes a person meets; JavaScript pages are audited with axe, every
state is photographed at both sizes.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import expect

from tests.browser.journeys import click, continue_to_review, fill_contact, first_free_slot, take
from tests.browser.support import Tab, audit, snap

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

OpenTab = Callable[..., Tab]
JS = pytest.mark.parametrize("js", [True, False], ids=["javascript", "no-javascript"])
NEW_YORK = "America/New_York"
# Django's own wording, which a customer must never read.
DJANGO_DEFAULTS = re.compile(
    r"This field is required|Enter a valid|Ensure this value|Enter a whole number"
    r"|Select a valid choice"
)


@JS
def test_every_details_message_is_the_sites_own_sentence(open_tab: OpenTab, js: bool) -> None:
    tab = open_tab("phone", js=js)
    page = tab.page
    tab.goto("/services/vinyasa-flow/")
    take(tab, *first_free_slot(tab, min_spots=2))
    form = page.locator("#details-form")
    # Every typed field is bounded where the person types (no surprise after submitting).
    for field in form.locator(
        "input[type=text], input[type=email], input[type=tel], textarea"
    ).all():
        assert int(field.get_attribute("maxlength") or 0) > 0, field.get_attribute("name")

    page.get_by_label("Number of participants").fill("9")
    page.get_by_label("Email", exact=True).fill("ann@")
    click(tab, page.get_by_role("button", name="Continue to review"))

    errors = form.locator(".field-error, [role=alert]")
    expect(errors.first).to_be_visible()
    expect(page.locator("#id_first_name-error")).to_have_text("Please enter your first name.")
    expect(page.locator("#id_last_name-error")).to_have_text("Please enter your last name.")
    expect(page.locator("#id_email-error")).to_have_text(
        "Enter an email address like name@example.com."
    )
    expect(page.locator("#id_participants-error")).to_have_text(
        re.compile(r"^At most \d+ (people|person) can be booked at once\.$")
    )
    texts = errors.all_inner_texts()
    assert len(texts) >= 4, texts
    assert [t for t in texts if DJANGO_DEFAULTS.search(t)] == []
    assert all(t.strip().endswith(".") for t in texts), texts  # sentences, not codes
    if js:
        audit(page, "details, every message (phone)")
    snap(page, f"details-own-messages-{'js' if js else 'nojs'}")


@JS
def test_change_time_returns_to_the_chosen_day_and_zone(open_tab: OpenTab, js: bool) -> None:
    tab = open_tab("phone", js=js)
    page = tab.page
    tab.goto(f"/services/deep-tissue-massage/?tz={NEW_YORK}")
    day, slot = first_free_slot(tab)
    take(tab, day, slot)
    fill_contact(tab, "change-time")
    continue_to_review(tab)
    click(tab, page.get_by_role("link", name="Change details"))

    click(tab, page.get_by_role("link", name="Change time"))

    expect(page).to_have_url(re.compile(r"/services/deep-tissue-massage/\?"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Deep tissue massage")
    expect(page.locator("#day-heading")).to_have_text(day)
    expect(page.locator("#tz")).to_have_value(NEW_YORK)
    expect(page.locator(".day-slots")).to_contain_text("Times shown in America/New York")
    if js:
        audit(page, "calendar, back from Change time")
    snap(page, f"calendar-after-change-time-{'js' if js else 'nojs'}")


@JS
def test_a_second_tab_is_noticed_on_a_phone(open_tab: OpenTab, js: bool) -> None:
    first = open_tab("phone", js=js)
    first.goto("/services/wellbeing-consultation/")
    take(first, *first_free_slot(first))
    fill_contact(first, "two-tabs-phone")
    continue_to_review(first)
    second = Tab(first.page.context.new_page(), first.base_url, "second tab", js=js, touch=True)
    second.watch()
    second.goto("/services/deep-tissue-massage/")
    take(second, *first_free_slot(second))
    fill_contact(second, "two-tabs-phone")
    continue_to_review(second)

    page = first.page
    click(first, page.get_by_role("button", name="Confirm booking"))

    expect(page).to_have_url(re.compile(r"/book/review/$"))
    expect(page.get_by_role("status").first).to_contain_text(
        "This booking was changed in another tab or window."
    )
    summary = page.locator("#booking-summary")
    expect(summary).to_contain_text("Deep tissue massage")
    expect(summary).not_to_contain_text("Wellbeing consultation")
    expect(page.get_by_role("heading", level=1)).to_have_text("Review your booking")
    if js:
        audit(page, "review, changed in another tab (phone)")
    snap(page, f"review-changed-in-another-tab-phone-{'js' if js else 'nojs'}")
    second.assert_clean()
