"""Issue 13's "done when", in a browser on the sandbox: a custom booking form (with a checkbox
group and a question the site can't ask) and a course with more bookings than one page, each
booked to "You're booked"; other apps' services never listed, and a link to one said plainly.
(Any-staff named afterwards: tests/browser/test_outcome_states.py; deposits and durations:
tests/browser/test_deposits_and_variants.py.)

Each page is audited with axe (no violations of any impact) and photographed at desktop and
phone widths (``test-results/screens/issue13-*.png``).
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import expect

from tests.browser.journeys import (
    click,
    continue_to_review,
    facts,
    fill_contact,
    first_free_slot,
    take,
    the_booking,
)
from tests.browser.support import AXE_RESULTS, Tab, audit, snap
from tests.integration.helpers import book_course_as_business
from wix_sandbox import Sandbox
from wix_sandbox.demo_forms import INTAKE_FORM_ID, FormFieldSpec

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

OpenTab = Callable[..., Tab]
FOCUS = "Which area should the therapist focus on?"
INJURIES = "Any of these in the last year?"
COURSE = "mindfulness-foundations-6-weeks"


def _clean(tab: Tab, name: str) -> None:
    audit(tab.page, name)
    assert AXE_RESULTS[name] == {}, AXE_RESULTS[name]
    snap(tab.page, name)


def _pay(tab: Tab) -> None:
    page = tab.page
    click(tab, page.get_by_role("button", name="Book and go to payment"))
    expect(page).to_have_url(re.compile(r"/_wix-sandbox/checkout/"))
    click(tab, page.get_by_role("button", name=re.compile(r"^Pay £\d")))
    expect(page).to_have_url(re.compile(r"/book/status/\?ref="))
    expect(page.get_by_role("heading", level=1)).to_have_text("You're booked")


def test_custom_form_with_a_checkbox_group_booked_end_to_end(
    open_tab: OpenTab, box: Sandbox
) -> None:
    box.add_form_field(
        INTAKE_FORM_ID,
        FormFieldSpec(
            "injuries",
            INJURIES,
            "ARRAY",
            options=(("sprain", "A sprain"), ("fracture", "A fracture"), ("surgery", "Surgery")),
        ),
    )
    box.add_form_field(INTAKE_FORM_ID, FormFieldSpec("home", "Home address", "MULTILINE_ADDRESS"))
    tab = open_tab("desktop")
    page = tab.page
    tab.goto("/services/sports-massage/")
    take(tab, *first_free_slot(tab))
    group = page.get_by_role("group", name=f"{INJURIES} (optional)")
    expect(group.get_by_role("checkbox")).to_have_count(3)
    expect(page.locator("#questions-not-asked")).to_contain_text("“Home address”")
    fill_contact(tab, "issue13-form")
    page.get_by_label(FOCUS).fill("Right hamstring")
    group.get_by_label("A sprain").check()
    group.get_by_label("Surgery").check()
    _clean(tab, "issue13-form-details")

    continue_to_review(tab)
    answers = page.locator("#booking-summary .answer")
    expect(answers.filter(has_text=INJURIES).locator("dd")).to_have_text("A sprain, Surgery")
    expect(answers.filter(has_text="Home address").locator("dd")).to_have_text(
        "Not asked on this site"
    )
    _clean(tab, "issue13-form-review")

    _pay(tab)
    _clean(tab, "issue13-form-confirmation")
    booking = the_booking(box, "issue13-form")
    (stored,) = [s for s in box.form_submissions() if s["bookingId"] == booking["id"]]
    assert stored["submissions"]["injuries"] == ["sprain", "surgery"]
    assert stored["submissions"]["focus_area"] == "Right hamstring"
    assert "home" not in stored["submissions"]
    tab.assert_clean()


def test_course_with_more_bookings_than_one_page_booked_end_to_end(
    open_tab: OpenTab, box: Sandbox
) -> None:
    box.set_capacity("mindfulness", 300)
    book_course_as_business(box, bookings=130, participants=2)  # two pages of 100
    left = 300 - (6 + 130 * 2)  # the demo's own course bookings hold 6 places
    tab = open_tab("desktop")
    page = tab.page
    tab.goto(f"/services/{COURSE}/")
    expect(page.locator("p.places")).to_have_text(f"{left} places left")
    _clean(tab, "issue13-course-page")

    click(tab, page.get_by_role("button", name="Book the whole course"))
    expect(page).to_have_url(re.compile(r"/book/details/$"))
    fill_contact(tab, "issue13-course")
    continue_to_review(tab)
    _pay(tab)
    shown = facts(page)
    assert shown["Service"] == "Mindfulness foundations (6 weeks)"
    assert the_booking(box, "issue13-course")["status"] == "CONFIRMED"
    _clean(tab, "issue13-course-confirmation")

    tab.goto(f"/services/{COURSE}/")
    expect(page.locator("p.places")).to_have_text(f"{left - 1} places left")
    tab.assert_clean()


def test_other_apps_services_are_not_listed_and_a_link_to_one_says_so(
    open_tab: OpenTab, box: Sandbox
) -> None:
    tab = open_tab("desktop")
    page = tab.page
    tab.goto("/")
    cards = page.locator("#service-list")
    expect(cards).to_contain_text("Corporate wellbeing morning")  # no app id: still Bookings
    expect(cards).not_to_contain_text("Studio room hire")  # Wix Services, another app
    _clean(tab, "issue13-services-list")

    with page.expect_response(re.compile("/services/studio-room-hire/")) as answer:
        tab.goto("/services/studio-room-hire/")
    assert answer.value.status == 404
    tab.problems.clear()  # the 404 itself is logged to the console
    expect(page.get_by_role("alert")).to_contain_text("can't be booked on this site")
    expect(page.locator("button[name=slot]")).to_have_count(0)
    _clean(tab, "issue13-other-app-link")
