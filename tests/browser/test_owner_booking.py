"""A staff member signs in and books on behalf of a customer, paying later at the venue."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth.models import User
from django.core.cache import cache
from playwright.sync_api import ConsoleMessage, Error, Page, expect
from pytest_django.live_server_helper import LiveServer

from wix_sandbox import Sandbox, get_default_sandbox

SHOTS = Path(__file__).resolve().parents[2] / "test-results" / "owner-booking"
PASSWORD = "front-desk-passphrase-42"


@pytest.fixture
def box(live_server: LiveServer) -> Iterator[Sandbox]:
    """The live site's sandbox, back at its seeded demo, with an empty cache."""
    sandbox = get_default_sandbox()
    sandbox.reset()
    sandbox.set_latency(0)
    cache.clear()
    yield sandbox
    cache.clear()


def _serious_axe_issues(page: Page) -> list[str]:
    results = Axe().run(page).response
    return [
        f"{v['id']}: {v['help']}"
        for v in results["violations"]
        if v.get("impact") in ("serious", "critical")
    ]


@pytest.mark.django_db(transaction=True)
def test_staff_books_for_a_customer_paying_at_the_venue(
    page: Page, live_server: LiveServer, box: Sandbox
) -> None:
    User.objects.create_user("frontdesk", password=PASSWORD, is_staff=True)
    problems: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            problems.append(message.text)

    def on_error(error: Error) -> None:
        problems.append(str(error))

    page.on("console", on_console)
    page.on("pageerror", on_error)
    SHOTS.mkdir(parents=True, exist_ok=True)
    before = {b["id"] for b in box.bookings()}

    # Sign in through the staff sign-in page, arriving at the owner tools.
    page.goto(f"{live_server.url}/owner/book/")
    expect(page).to_have_url(re.compile(r"/owner/login/\?next="))
    page.get_by_label("Username").fill("frontdesk")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Book on behalf of a customer")).to_be_visible()

    # Choose the service, then the first day with an offered time.
    page.get_by_role("link", name="Deep tissue massage").click()
    for _ in range(10):
        if page.locator("button[name=slot]").count():
            break
        page.get_by_role("link", name="Next day").click()
    page.locator("button[name=slot]").first.click()

    # The customer's details, and how it is paid.
    expect(page.get_by_role("heading", name="Customer details")).to_be_visible()
    page.get_by_label("First name").fill("Ravi")
    page.get_by_label("Last name (optional)").fill("Shah")
    page.get_by_label("Email", exact=True).fill("ravi.shah@example.com")
    page.get_by_label("Number of participants").fill("1")
    page.get_by_label("Pay later at the venue").check()
    assert _serious_axe_issues(page) == []
    page.get_by_role("button", name="Continue to review").click()

    expect(page.get_by_role("heading", name="Review the booking")).to_be_visible()
    expect(page.locator("#overrides")).to_contain_text("None")
    page.screenshot(path=str(SHOTS / "review.png"), full_page=True)
    page.get_by_role("button", name="Book and confirm").click()

    expect(page.get_by_role("heading", name="Booking made")).to_be_visible()
    expect(page.locator("#booking-status")).to_have_text("Confirmed")
    expect(page.locator("#payment-status")).to_have_text("Not paid")
    expect(page.locator("#double-booked")).to_have_text("No")
    page.screenshot(path=str(SHOTS / "result.png"), full_page=True)
    assert _serious_axe_issues(page) == []

    [made] = [b for b in box.bookings() if b["id"] not in before]
    assert (made["status"], made["paymentStatus"]) == ("CONFIRMED", "NOT_PAID")
    expect(page.get_by_text(made["id"])).to_be_visible()
    assert problems == []
