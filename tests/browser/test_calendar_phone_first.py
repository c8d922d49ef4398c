"""Issue 16, the calendar: phone layout, compact times, keyboard grid, no-JavaScript controls.

Checked by what a person sees: element positions at 390x844, Tab counts, texts; every page
state is audited with axe and photographed at both sizes.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import expect

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
    update = page.get_by_role("button", name="Update times", include_hidden=True)
    expect(update).to_have_count(1)
    expect(update).to_be_hidden() if js else expect(update).to_be_visible()
    if js:  # and the filters still act at once
        click(tab, page.get_by_label("Time zone"))
        page.get_by_label("Time zone").select_option("America/New_York")
        expect(page).to_have_url(re.compile(r"tz=America%2FNew_York"))
    if js:  # axe runs as a script: pages without JavaScript are photographed only
        audit(page, "calendar filters (js)")
    snap(page, f"calendar-filters-{'js' if js else 'nojs'}")

    tab.goto("/")
    filter_button = page.get_by_role("button", name="Filter", include_hidden=True)
    expect(filter_button).to_have_count(1)
    expect(filter_button).to_be_hidden() if js else expect(filter_button).to_be_visible()
