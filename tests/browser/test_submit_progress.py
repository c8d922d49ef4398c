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


@pytest.mark.parametrize(("size", "js"), [("desktop", False), ("phone", True)])
def test_progress_shows_each_step_then_goes_to_checkout(
    open_tab: OpenTab, box: Sandbox, size: str, js: bool
) -> None:
    tab = open_tab(size, js=js)
    page = tab.page
    tab.goto("/services/deep-tissue-massage/")
    take(tab, *first_free_slot(tab))
    fill_contact(tab, f"progress-{size}")
    online = page.get_by_role("radio", name="Pay online now")
    if online.count():  # a service paid online only has no choice to make
        online.check()
    continue_to_review(tab)
    box.set_latency(0.8)  # a slow Wix: the steps must show while it answers

    click(tab, page.get_by_role("button", name="Book and go to payment"))

    expect(page.get_by_role("heading", level=1)).to_have_text("We're booking this for you")
    creating = page.locator('li[data-step="create"]')
    expect(creating).to_contain_text("Booking your time with the business")
    expect(page.locator('li[data-step="recheck"]')).to_contain_text("done")
    snap(page, f"submit-progress-{'js' if js else 'nojs'}")
    expect(page).to_have_url(re.compile(r"/_wix-sandbox/checkout/"), timeout=15_000)
    box.set_latency(0)
