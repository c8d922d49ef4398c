"""Issue 18 in a real browser: sign in through Wix's login page, pay with the pass, My bookings,
the plans page; desktop and phone screenshots, axe with no violations on the new pages."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from tests.browser.journeys import continue_to_review, first_free_slot, take
from tests.browser.support import AXE_RESULTS, Tab, audit, snap
from wix_sandbox import Sandbox
from wix_sandbox.demo_plans import DEMO_MEMBER_EMAIL

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

OpenTab = Callable[..., Tab]


def _audit_clean(page: Page, name: str) -> None:
    audit(page, name)
    assert AXE_RESULTS[name] == {}, AXE_RESULTS[name]  # new pages: no violations at all


def _sign_in(tab: Tab) -> None:
    page = tab.page
    page.get_by_role("link", name="Sign in").first.click()
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    snap(page, "member-wix-login")
    page.get_by_label("Email").fill(DEMO_MEMBER_EMAIL)
    page.get_by_role("button", name="Sign in").click()


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_a_member_signs_in_pays_with_the_pass_and_sees_it_used(
    open_tab: OpenTab, box: Sandbox, size: str
) -> None:
    tab = open_tab(size)
    page = tab.page
    tab.goto("/services/vinyasa-flow/?date=2026-12-15")
    page.get_by_role("button", name="18:30").first.click()
    expect(page.get_by_role("heading", name="Your details")).to_be_visible()

    _sign_in(tab)  # from the details page: back to it, signed in, the chosen time kept

    expect(page.get_by_role("heading", name="Your details")).to_be_visible()
    expect(page.get_by_text("Tuesday 15 December 2026, 18:30")).to_be_visible()
    expect(page.get_by_label("First name")).to_have_value("Alex")  # the member's own name
    page.get_by_label("Last name").fill("Morgan")
    choice = page.get_by_label("Use your 10-class pass (4 left): nothing to pay")
    expect(choice).to_be_visible()
    choice.check()
    # The price box follows the choice: what the pass covers and nothing due, no total.
    box_ = page.locator("#price-summary")
    expect(box_).to_contain_text("your 10-class pass (1 session)")
    expect(box_).to_contain_text("1 session")
    expect(box_).to_contain_text("Due now")
    expect(box_).to_contain_text("£0")
    expect(box_).not_to_contain_text("Total")
    snap(page, "member-details-with-pass")
    if size == "desktop":
        _audit_clean(page, "member details with pass")
    page.get_by_label("Email").fill(DEMO_MEMBER_EMAIL)
    page.get_by_role("button", name="Continue to review").click()
    expect(page.get_by_text("With your 10-class pass")).to_be_visible()
    summary = page.locator("#booking-summary")
    expect(summary).to_contain_text("your 10-class pass (1 session)")
    expect(summary).to_contain_text("Due now")
    expect(summary).not_to_contain_text("Price")
    snap(page, "member-review-with-pass")
    page.get_by_role("button", name="Confirm booking").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("You're booked")
    expect(page.get_by_text("your 10-class pass (1 session)")).to_be_visible()
    snap(page, "member-confirmed-with-pass")

    page.get_by_role("link", name="My bookings").click()
    expect(page.get_by_text("3 of 10 classes left")).to_be_visible()
    expect(page.get_by_text("Paid with your plan")).to_be_visible()
    if size == "desktop":
        snap(page, "member-my-bookings")
        _audit_clean(page, "member my bookings")
    tab.assert_clean()


def test_the_plans_page_and_buying_a_plan(open_tab: OpenTab, box: Sandbox) -> None:
    tab = open_tab("desktop")
    page = tab.page
    tab.goto("/plans/")
    expect(page.get_by_role("heading", name="10-class pass")).to_be_visible()
    snap(page, "member-plans-signed-out")
    _audit_clean(page, "plans signed out")
    page.get_by_role("link", name="Sign in to buy Massage trio").click()
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("button", name="Buy Massage trio").click()
    expect(page.get_by_role("heading", name="Buy Massage trio")).to_be_visible()
    snap(page, "member-plan-checkout")
    page.get_by_role("button", name="Pay £180.00").click()
    expect(page.get_by_text("your plan is ready to use")).to_be_visible()
    expect(page.get_by_text("3 of 3 sessions left")).to_be_visible()

    # Then book a massage with it: nothing to pay, and one of its sessions used.
    tab.goto("/services/deep-tissue-massage/")
    take(tab, *first_free_slot(tab))
    page.get_by_label("Last name").fill("Morgan")
    page.get_by_label("Use your Massage trio (3 left): nothing to pay").check()
    expect(page.locator("#price-summary")).to_contain_text("your Massage trio (1 session)")
    snap(page, "member-details-with-bought-plan")
    continue_to_review(tab)
    page.get_by_role("button", name="Confirm booking").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("You're booked")
    expect(page.get_by_text("your Massage trio (1 session)")).to_be_visible()
    page.get_by_role("link", name="My bookings").click()
    expect(page.get_by_text("2 of 3 sessions left")).to_be_visible()
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("link", name="Sign in")).to_be_visible()
    tab.assert_clean()
