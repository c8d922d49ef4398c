"""The four booking journeys, driven like a customer would, with or without JavaScript.

Each journey takes a watched tab and a ``Record`` saying whether to audit and photograph each
page. Dates are never hard-coded: the site runs on the real clock, so the journeys take the
first day and time the calendar offers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from playwright.sync_api import Locator, Page, expect

from tests.browser.support import Tab, audit, snap
from wix_sandbox import Sandbox

CONTACT = {"First name": "Ann", "Last name": "Lee", "Phone (optional)": "+44 7700 900123"}
# A time button is named by its start and end; who and where only once the customer narrowed
# the calendar to them (one button per clock time for "anyone, anywhere"), and a class's places.
SLOT_NAME = re.compile(
    r"^\d\d:\d\d to \d\d:\d\d( with [^,]+(, [^,]+)*?( at [^,]+)?)?(, \d+ spots? left)?$"
)
TWO_ADULTS_ONE_CHILD = "2 \N{MULTIPLICATION SIGN} Adult, 1 \N{MULTIPLICATION SIGN} Child"
DAY_NAME = re.compile(
    r"^\w+day \d{1,2} \w+ \d{4}, "
    r"(\d+ times? available(, selected)?|all times full(, selected)?|no times available|past)$"
)


@dataclass(frozen=True)
class Record:
    """What to keep of each page of a journey: an axe audit and screenshots."""

    journey: str
    audit: bool = True
    screenshots: bool = True

    def page(self, page: Page, step: str) -> None:
        if self.audit:
            audit(page, f"{step} ({self.journey})")
        if self.screenshots:
            snap(page, f"{self.journey}-{step.replace(' ', '-')}")


@dataclass(frozen=True)
class Slot:
    day: str  # as the calendar's day heading shows it, e.g. "Tuesday 24 November 2026"
    start: str
    end: str
    label: str


def click(tab: Tab, target: Locator) -> None:
    """Tap on a touch screen, click otherwise."""
    if tab.touch:
        target.tap()
    else:
        target.click()


def email_for(journey: str) -> str:
    return f"{journey}@example.com"


def choose_service(tab: Tab, record: Record, kind: str, link: str) -> None:
    """From the home page: filter by type (radio), then follow the service's button."""
    page = tab.page
    tab.goto("/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Book a service")
    record.page(page, "services list")
    click(tab, page.get_by_role("radio", name=kind))
    if not tab.js:
        click(tab, page.get_by_role("button", name="Filter"))
    expect(page).to_have_url(re.compile(r"\?type="))
    cards = page.locator("#service-list .service-card")
    expect(cards.get_by_text(kind[:-1], exact=True).first).to_be_visible()
    expect(cards.filter(has_not_text=kind[:-1])).to_have_count(0)
    record.page(page, "services filtered")
    click(tab, page.get_by_role("link", name=link))


def first_free_slot(tab: Tab, *, min_spots: int = 1) -> tuple[str, Locator]:
    """On a service page: the first day and slot with enough spots, as the calendar offers them.

    Returns the day's heading (e.g. "Tuesday 24 November 2026") and the slot's button.
    """
    page = tab.page
    slots = page.locator("#calendar button[name=slot]")
    if slots.count() == 0:  # late in the month: nothing left this month
        click(tab, page.get_by_role("link", name=re.compile("^Next free day: ")))
        expect(slots.first).to_be_visible()
    selected = page.locator(".month-grid a[aria-current=date]")
    day_links = page.locator(".month-grid a")
    for index in range(day_links.count()):
        if index:  # first try the day already selected, then the others in order
            day_link = day_links.nth(index)
            name = day_link.locator(".visually-hidden").inner_text()
            click(tab, day_link)
            expect(selected).to_contain_text(f"{name}, selected")
        day = page.locator("#day-heading").inner_text()
        for position, text in enumerate(slots.all_inner_texts()):
            spots = re.search(r"(\d+) spots? left", text)
            if spots is None or int(spots.group(1)) >= min_spots:
                return day, slots.nth(position)
    raise AssertionError(f"no time with {min_spots} spots this month")


def take(tab: Tab, day: str, button: Locator) -> Slot:
    label = " ".join(button.inner_text().split())
    start, end = re.match(r"(\d\d:\d\d) to (\d\d:\d\d)", label).groups()
    click(tab, button)
    expect(tab.page).to_have_url(re.compile(r"/book/details/$"))
    return Slot(day=day, start=start, end=end, label=label)


def fill_contact(tab: Tab, journey: str) -> None:
    page = tab.page
    for label, value in CONTACT.items():
        page.get_by_label(label, exact=True).fill(value)
    page.get_by_label("Email", exact=True).fill(email_for(journey))


def continue_to_review(tab: Tab) -> None:
    click(tab, tab.page.get_by_role("button", name="Continue to review"))
    expect(tab.page).to_have_url(re.compile(r"/book/review/$"))
    expect(tab.page.get_by_role("heading", level=1)).to_have_text("Review your booking")


def pay_at_checkout(tab: Tab, record: Record, amount: str | None = None) -> None:
    """On the sandbox's hosted checkout: check the total, pay, and come back to the site."""
    page = tab.page
    expect(page).to_have_url(re.compile(r"/_wix-sandbox/checkout/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Review and pay")
    record.page(page, "hosted checkout")
    name = f"Pay {amount}" if amount else re.compile(r"^Pay £\d")
    click(tab, page.get_by_role("button", name=name))
    expect(page).to_have_url(re.compile(r"/book/status/\?ref="))


def book_until_checkout(tab: Tab, slug: str, journey: str) -> None:
    """First time, contact details, pay online: up to the hosted checkout."""
    tab.goto(f"/services/{slug}/")
    take(tab, *first_free_slot(tab))
    fill_contact(tab, journey)
    online = tab.page.get_by_role("radio", name="Pay online now")
    if online.count():
        online.check()
    continue_to_review(tab)
    click(tab, tab.page.get_by_role("button", name="Book and go to payment"))
    expect(tab.page).to_have_url(re.compile(r"/_wix-sandbox/checkout/"))


def facts(page: Page) -> dict[str, str]:
    """The status page's summary as {term: description}, whitespace collapsed."""
    rows = page.locator("dl.summary > div").evaluate_all(
        "rows => rows.map(r => [r.querySelector('dt'), r.querySelector('dd')]"
        ".map(e => e.textContent))"
    )
    return {" ".join(k.split()): " ".join(v.split()) for k, v in rows}


def the_booking(box: Sandbox, journey: str) -> dict:
    email = email_for(journey)
    mine = [b for b in box.bookings() if b.get("contactDetails", {}).get("email") == email]
    assert len(mine) == 1, mine
    return mine[0]


def expect_confirmed(tab: Tab, record: Record, box: Sandbox, journey: str) -> dict[str, str]:
    """The confirmation page: heading, message, reference = the booking Wix holds, .ics link."""
    page = tab.page
    expect(page.get_by_role("heading", level=1)).to_have_text("You're booked")
    # The business emails, not the platform (issue 16 point 4): its name, never "Wix will…".
    expect(page.get_by_role("status").filter(has_text="confirmed")).to_have_text(
        re.compile(
            rf"^Your booking is confirmed\. (?!Wix ).+ emails the details to "
            rf"{re.escape(email_for(journey))}\.$"
        )
    )
    expect(page.locator("ol.steps [aria-current=step]")).to_have_text("Done")
    expect(page.get_by_role("link", name="Calendar file (.ics)")).to_have_attribute(
        "href", "/book/booking.ics"
    )
    record.page(page, "confirmation")
    shown = facts(page)
    booking = the_booking(box, journey)
    assert booking["status"] == "CONFIRMED"
    # A reference short enough to read on a phone; Wix's id stays in the business's disclosure.
    assert re.fullmatch(r"\d{4}-\d{4}", shown["Booking reference"])
    assert page.locator("details.wix-id code").text_content() == booking["id"]
    return shown


# --- The journeys -------------------------------------------------------------------------


def appointment_paid_online(tab: Tab, box: Sandbox, record: Record) -> None:
    """Deep tissue massage (£65, paid online): another day, a slot, errors, review, pay."""
    page = tab.page
    choose_service(tab, record, "Appointments", "Choose a time — Deep tissue massage")
    expect(page.get_by_role("heading", level=1)).to_have_text("Deep tissue massage")
    record.page(page, "service page")

    days = page.locator(".month-grid a:not([aria-current])")
    if days.count():
        new_day = days.first
        name = new_day.locator(".visually-hidden").inner_text()
        click(tab, new_day)
        selected = page.locator(".month-grid a[aria-current=date]")
        expect(selected).to_contain_text(f"{name}, selected")
        expect(page.locator("#day-heading")).to_have_text(name.split(",")[0])
        record.page(page, "calendar day chosen")

    day, button = first_free_slot(tab)
    slot = take(tab, day, button)
    record.page(page, "details")

    click(tab, page.get_by_role("button", name="Continue to review"))
    email = page.get_by_label("Email", exact=True)
    expect(email).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#id_email-error")).to_have_text(
        "Please enter your email address: the booking confirmation goes there."
    )
    if tab.js:
        expect(page.get_by_label("First name", exact=True)).to_be_focused()
    record.page(page, "details with errors")

    fill_contact(tab, "appointment")
    online = page.get_by_role("radio", name="Pay online now")
    if online.count():
        online.check()
    expect(page.locator("#price-summary")).to_contain_text("£65")
    continue_to_review(tab)
    summary = page.locator("#booking-summary")
    expect(summary).to_contain_text(f"{slot.day}, {slot.start} to {slot.end}")
    expect(summary).to_contain_text("£65")
    record.page(page, "review")
    click(tab, page.get_by_role("button", name="Book and go to payment"))

    pay_at_checkout(tab, record, "£65.00")
    shown = expect_confirmed(tab, record, box, "appointment")
    assert shown["Service"] == "Deep tissue massage"
    assert shown["When"].startswith(f"{slot.day}, {slot.start} to {slot.end}")
    assert "Participants" not in shown  # one person: no row to read (issue 16 point 4)
    assert shown["Price"] == "£65"
    assert shown["Payment"] == "Paid"
    assert the_booking(box, "appointment")["paymentStatus"] == "PAID"


def class_with_variants(tab: Tab, box: Sandbox, record: Record) -> None:
    """Family yoga: 2 Adults (£14) and 1 Child (£8), priced live, paid online: £36."""
    page = tab.page
    tab.goto("/services/family-yoga/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Family yoga")
    expect(page.locator("dl.facts").first).to_contain_text("Adult £14, Child £8")
    record.page(page, "class page")
    day, button = first_free_slot(tab, min_spots=3)
    slot = take(tab, day, button)
    record.page(page, "details variants")

    page.get_by_label("Adult", exact=True).fill("2")
    page.get_by_label("Child", exact=True).fill("1")
    if tab.js:  # priced live by htmx; without JavaScript the review page shows the price
        expect(page.locator("#price-summary")).to_contain_text("Total: £36")
    fill_contact(tab, "variants")
    continue_to_review(tab)
    summary = page.locator("#booking-summary")
    expect(summary).to_contain_text(TWO_ADULTS_ONE_CHILD)
    expect(summary).to_contain_text("£36")
    record.page(page, "review variants")
    click(tab, page.get_by_role("button", name="Book and go to payment"))

    pay_at_checkout(tab, record, "£36.00")
    shown = expect_confirmed(tab, record, box, "variants")
    assert shown["Service"] == "Family yoga"
    assert shown["When"].startswith(f"{slot.day}, {slot.start} to {slot.end}")
    assert shown["Participants"] == TWO_ADULTS_ONE_CHILD
    assert shown["Price"] == "£36"
    assert shown["Payment"] == "Paid"
    choices = the_booking(box, "variants")["participantsChoices"]["serviceChoices"]
    assert sorted((c["choices"][0]["custom"], c["numberOfParticipants"]) for c in choices) == [
        ("Adult", 2),
        ("Child", 1),
    ]


def course(tab: Tab, box: Sandbox, record: Record) -> None:
    """The six-week course, booked as a whole and paid online: £180."""
    page = tab.page
    choose_service(tab, record, "Courses", "See dates and book — Mindfulness foundations (6 weeks)")
    expect(page.get_by_role("heading", level=2, name="Course dates")).to_be_visible()
    expect(page.locator("ol.sessions li")).to_have_count(6)
    expect(page.locator("p.places")).to_have_text(re.compile(r"^\d+ places? left$"))
    record.page(page, "course page")
    click(tab, page.get_by_role("button", name="Book the whole course"))
    expect(page).to_have_url(re.compile(r"/book/details/$"))
    fill_contact(tab, "course")
    continue_to_review(tab)
    # Each session with its date and time of day, the place and teacher once, the whole price.
    summary = page.locator("#booking-summary")
    expect(summary.locator("ol.sessions li")).to_have_count(6)
    expect(summary.locator("ol.sessions li").first).to_have_text(
        re.compile(r"^\w{3} \d{1,2} \w{3} \d{4} \d{2}:\d{2}\u2013\d{2}:\d{2}$")
    )
    expect(summary).to_contain_text("Leo Marchetti")
    expect(summary).to_contain_text("£180 for all 6 sessions")
    record.page(page, "review course")
    click(tab, page.get_by_role("button", name="Book and go to payment"))

    pay_at_checkout(tab, record, "£180.00")
    shown = expect_confirmed(tab, record, box, "course")
    assert shown["Service"] == "Mindfulness foundations (6 weeks)"
    # The rows, then the zone once: the business's, as on the course page (nothing else chosen).
    assert shown["6 sessions"].endswith("Times in Europe/London.")
    expect(page.locator("dl.summary ol.sessions li")).to_have_count(6)
    assert shown["Teacher"] == "Leo Marchetti"
    assert shown["Where"].startswith("Fernleigh Islington")
    assert shown["Price"] == "£180 for all 6 sessions"
    assert shown["Payment"] == "Paid"
    assert "schedule" in the_booking(box, "course")["bookedEntity"]


def free_service(tab: Tab, box: Sandbox, record: Record) -> None:
    """The free consultation: no checkout, confirmed straight away."""
    page = tab.page
    seen: list[str] = []
    page.on("framenavigated", lambda frame: seen.append(frame.url))
    tab.goto("/services/wellbeing-consultation/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Wellbeing consultation")
    day, button = first_free_slot(tab)
    slot = take(tab, day, button)
    fill_contact(tab, "free")
    continue_to_review(tab)
    expect(page.locator("#booking-summary .price")).to_have_text("Free")
    record.page(page, "review free")
    click(tab, page.get_by_role("button", name="Confirm booking"))
    expect(page).to_have_url(re.compile(r"/book/status/\?ref="))

    shown = expect_confirmed(tab, record, box, "free")
    assert shown["Service"] == "Wellbeing consultation"
    assert shown["When"].startswith(f"{slot.day}, {slot.start} to {slot.end}")
    assert shown["Price"] == "Free"
    assert shown["Payment"] == "Nothing to pay"
    assert not [url for url in seen if "/_wix-sandbox/" in url]
    booking = the_booking(box, "free")
    assert booking["paymentStatus"] == "EXEMPT"


JOURNEYS = {
    "appointment": appointment_paid_online,
    "variants": class_with_variants,
    "course": course,
    "free": free_service,
}
