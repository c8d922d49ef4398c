"""The submit's progress page in Chromium, with and without JavaScript: each Wix step shows
while it happens, then the customer lands on the hosted checkout."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import expect

from tests.browser.journeys import click, continue_to_review, fill_contact, first_free_slot, take
from tests.browser.support import Tab, snap
from wix_sandbox import Sandbox

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

OpenTab = Callable[..., Tab]


def _on_review(tab: Tab, who: str) -> Tab:
    """The first free massage time, paid online, up to the review step."""
    tab.goto("/services/deep-tissue-massage/")
    take(tab, *first_free_slot(tab))
    fill_contact(tab, who)
    online = tab.page.get_by_role("radio", name="Pay online now")
    if online.count():  # a service paid online only has no choice to make
        online.check()
    continue_to_review(tab)
    return tab


@pytest.mark.parametrize(("size", "js"), [("desktop", False), ("phone", True)])
def test_progress_shows_each_step_then_goes_to_checkout(
    open_tab: OpenTab, box: Sandbox, size: str, js: bool
) -> None:
    tab = _on_review(open_tab(size, js=js), f"progress-{size}")
    page = tab.page
    box.set_latency(0.8)  # a slow Wix: the steps must show while it answers

    click(tab, page.get_by_role("button", name="Book and go to payment"))

    expect(page.get_by_role("heading", level=1)).to_have_text("We're booking this for you")
    creating = page.locator('li[data-step="create"]')
    expect(creating).to_contain_text("Booking your time with the business")
    expect(page.locator('li[data-step="recheck"]')).to_contain_text("done")
    snap(page, f"submit-progress-{'js' if js else 'nojs'}")
    expect(page).to_have_url(re.compile(r"/_wix-sandbox/checkout/"), timeout=15_000)
    box.set_latency(0)


@pytest.mark.parametrize(("size", "js"), [("phone", False), ("desktop", True)])
def test_a_failed_submit_says_so_in_its_heading(
    open_tab: OpenTab, box: Sandbox, size: str, js: bool
) -> None:
    """The streamed page's top went out saying "We're booking this for you"; when the submit
    fails, the outcome's marker swaps that heading and its "keep this page open" line for the
    failure heading (CSS only), and the way back keeps the booking."""
    tab = _on_review(open_tab(size, js=js), f"failed-{size}")
    page = tab.page
    box.inject_faults(kind="503", rate=1.0, endpoints=["bookings.create"])

    click(tab, page.get_by_role("button", name="Book and go to payment"))

    outcome = page.locator(".progress-outcome")
    expect(outcome).to_contain_text("temporarily unavailable. Nothing was booked", timeout=15_000)
    headings = page.get_by_role("heading", level=1)
    expect(headings).to_have_count(1)
    expect(headings).to_have_text("We couldn't finish your booking")
    expect(page.get_by_text("Please keep this page open")).to_be_hidden()
    snap(page, f"submit-failed-{'js' if js else 'nojs'}")
    box.clear_faults()
    click(tab, page.get_by_role("link", name="Back to your booking"))
    expect(page.get_by_role("button", name="Book and go to payment")).to_be_visible()
