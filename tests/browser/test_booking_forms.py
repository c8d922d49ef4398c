"""A customer answers a service's booking form: the questions, their errors in place, the review.

Each page is audited with axe (no violations of any impact) and photographed at desktop and
phone widths (``test-results/screens/forms-*.png``).
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import expect

from tests.browser.journeys import click, continue_to_review, fill_contact, first_free_slot, take
from tests.browser.support import AXE_RESULTS, Tab, audit, snap
from wix_sandbox import Sandbox

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

OpenTab = Callable[..., Tab]
FOCUS = "Which area should the therapist focus on?"


def _clean(tab: Tab, name: str) -> None:
    audit(tab.page, name)
    assert AXE_RESULTS[name] == {}, AXE_RESULTS[name]
    snap(tab.page, name)


@pytest.mark.parametrize("js", [True, False], ids=["htmx", "no-js"])
def test_booking_form_questions_errors_and_review(
    open_tab: OpenTab, box: Sandbox, js: bool
) -> None:
    tab = open_tab("desktop", js=js)
    page = tab.page
    tab.goto("/services/sports-massage/")
    take(tab, *first_free_slot(tab))
    questions = page.get_by_role("group", name="About your booking")
    expect(questions.get_by_label(FOCUS)).to_be_visible()
    expect(questions.get_by_label("How often do you train? (optional)")).to_be_visible()
    expect(questions.get_by_label("Share my notes with my physiotherapist")).not_to_be_checked()
    if js:
        _clean(tab, "forms-details-with-form")

    fill_contact(tab, "forms")
    questions.get_by_label("How often do you train? (optional)").select_option("daily")
    questions.get_by_label("Share my notes with my physiotherapist").check()
    click(tab, page.get_by_role("button", name="Continue to review"))

    error = page.locator("#id_answer_focus_area-error")
    expect(error).to_have_text("Please answer this question.")
    expect(page.get_by_label(FOCUS)).to_have_attribute("aria-invalid", "true")
    # Nothing typed is lost.
    expect(page.get_by_label("First name", exact=True)).to_have_value("Ann")
    expect(page.get_by_label("How often do you train? (optional)")).to_have_value("daily")
    expect(page.get_by_label("Share my notes with my physiotherapist")).to_be_checked()
    expect(page).to_have_url(re.compile(r"/book/details/$"))
    if js:
        _clean(tab, "forms-details-with-form-errors")

    page.get_by_label(FOCUS).fill("Both calves, tight after hill runs")
    continue_to_review(tab)
    answers = page.locator("#booking-summary .answer")
    expect(answers.locator("dt")).to_have_text(
        [FOCUS, "How often do you train?", "Share my notes with my physiotherapist"]
    )
    expect(answers.locator("dd")).to_have_text(
        ["Both calves, tight after hill runs", "Most days", "Yes"]
    )
    if js:
        _clean(tab, "forms-review-with-form")
    tab.assert_clean()
