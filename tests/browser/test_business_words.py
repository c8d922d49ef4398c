"""Issue 16 points 5, 17 and 4 in the browser: a price-on-request booking says what happens
next in the owner's own words; the business's name, logo (from Wix, or BRAND_LOGO_URL), staff
photos and bios are what the customer sees; and no page on the way shows a raw Wix value
(SCREAMING_CASE) or an empty row.

Checked by texts, loaded images and attributes; pages are audited with axe and photographed
at both sizes.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.browser.journeys import click, continue_to_review, fill_contact, first_free_slot, take
from tests.browser.support import Tab, audit, snap
from wix_sandbox import Sandbox

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

OpenTab = Callable[..., Tab]
CORPORATE = "/services/corporate-wellbeing-morning/"
QUOTE = "Priced per team: we send a quote after a short call"
RAW = re.compile(r"\b[A-Z]{2,}(?:_[A-Z]+)+\b|\b(?:UNDEFINED|PENDING|CONFIRMED|CREATED|EXEMPT)\b")


def _expect_no_raw_values(page: Page) -> None:
    """What a person reads: no Wix enum, no row with a label and nothing after it."""
    text = page.locator("main").inner_text()
    assert RAW.findall(text) == [], page.url
    empty = page.locator("dl dd").evaluate_all(
        "dds => dds.filter(dd => !dd.textContent.trim()).map(dd => dd.previousElementSibling"
        " ? dd.previousElementSibling.textContent : '?')"
    )
    assert empty == [], (page.url, empty)


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_price_on_request_says_what_happens_next_in_the_owners_words(
    open_tab: OpenTab, size: str
) -> None:
    tab = open_tab(size)
    page = tab.page
    tab.goto(CORPORATE)
    expect(page.locator("dd.price")).to_have_text(QUOTE)
    _expect_no_raw_values(page)
    take(tab, *first_free_slot(tab))
    _expect_no_raw_values(page)
    fill_contact(tab, f"quote-{size}")
    continue_to_review(tab)
    expect(page.locator("#booking-summary")).to_contain_text(QUOTE)
    _expect_no_raw_values(page)
    audit(page, f"review, price on request ({size})")
    snap(page, f"review-price-on-request-{size}")

    click(tab, page.get_by_role("button", name=re.compile(r"^(Confirm|Book)")))

    expect(page.get_by_role("heading", level=1)).to_have_text(
        re.compile(r"^(You're booked|Booking requested)")
    )
    steps = page.locator("#next-steps li")
    expect(steps.first).to_have_text(re.compile(rf"^{re.escape(QUOTE)}"))
    assert steps.count() >= 2  # the owner's words first, then the site's sentence
    expect(page.locator("#booking-reference")).to_have_text(re.compile(r"^\d{4}-\d{4}$"))
    _expect_no_raw_values(page)
    # The manage link's note: beside the button on a desktop, whole lines below it on a phone.
    button = page.locator("#manage-link").bounding_box()
    note = page.locator("#manage-link + .muted").bounding_box()
    assert button is not None
    assert note is not None
    if size == "phone":
        assert note["y"] >= button["y"] + button["height"]
        assert abs(note["x"] - button["x"]) < 2
    else:
        assert note["x"] > button["x"] + button["width"]
    audit(page, f"confirmation, price on request ({size})")
    snap(page, f"confirmation-price-on-request-{size}")


def _loaded(image: Locator) -> bool:
    return bool(image.evaluate("img => img.complete && img.naturalWidth > 0"))


def test_the_business_name_logo_staff_photos_and_bios(open_tab: OpenTab, box: Sandbox) -> None:
    tab = open_tab("desktop")
    page = tab.page
    tab.goto("/services/deep-tissue-massage/")
    brand = page.locator(".site-header .brand")
    expect(brand).to_have_text("Fernleigh Wellbeing Studio")  # Site Properties' name
    logo = brand.locator("img.brand-logo")
    expect(logo).to_be_visible()
    assert _loaded(logo)
    # Everyone who can be booked, with the photo and bio Wix holds for them.
    team = page.locator(".team-member")
    people = {p.name: p.description for p in box.demo.staff_members.values()}
    expect(team).to_have_count(3)
    for member in team.all():
        name = member.locator(".team-name").inner_text()
        expect(member.locator(".team-bio")).to_have_text(people[name])
        photo = member.locator("img")
        expect(photo).to_be_visible()
        assert _loaded(photo), name
    _expect_no_raw_values(page)
    audit(page, "service page, staff photos and bios")
    snap(page, "service-staff-photos-and-bios")


def test_brand_logo_url_overrides_the_logo_from_wix(open_tab: OpenTab, settings: object) -> None:
    settings.BRAND_LOGO_URL = "/static/img/favicon.svg"  # type: ignore[attr-defined]
    tab = open_tab("phone")
    page = tab.page
    tab.goto("/")
    logo = page.locator(".site-header img.brand-logo")
    expect(logo).to_have_attribute("src", "/static/img/favicon.svg")
    expect(logo).to_be_visible()
    assert _loaded(logo)
    expect(page.locator(".site-header .brand")).to_have_text("Fernleigh Wellbeing Studio")
    audit(page, "services list, BRAND_LOGO_URL (phone)")
    snap(page, "brand-logo-url-services")
