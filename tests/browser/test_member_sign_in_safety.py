"""Issue 18 in a real browser: a forged or replayed sign-in callback changes nothing, and the
member's Wix tokens never reach the browser (pages, cookies, web storage)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from importlib import import_module

import pytest
from django.conf import settings
from playwright.sync_api import Page, Route, expect

from tests.browser.journeys import Record, click, continue_to_review
from tests.browser.support import Tab
from tests.browser.test_members_and_plans import _sign_in
from tests.browser.test_members_refusals import SLOT_ON_THE_15TH, _details_for_the_class, _header
from wix_sandbox import Sandbox
from wix_sandbox.demo_plans import DEMO_MEMBER_EMAIL

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

OpenTab = Callable[..., Tab]
REFUSED = "didn't come from the sign-in you started here"
CALLBACK = re.compile(r"/account/callback/\?")
LOGIN_SUBMIT = re.compile(r"/_wix-sandbox/login/[0-9a-f-]{36}/submit")


def _booking_for_robin(tab: Tab) -> None:
    """A visitor's booking in progress, up to the review step."""
    page = tab.page
    _details_for_the_class(tab)
    page.get_by_label("First name").fill("Robin")
    page.get_by_label("Last name").fill("Lee")
    page.get_by_label("Email").fill("robin@example.com")
    continue_to_review(tab)


def _expect_robins_booking(tab: Tab) -> None:
    tab.goto("/book/review/")
    page = tab.page
    expect(page.get_by_role("heading", name="Review your booking")).to_be_visible()
    expect(page.get_by_text(SLOT_ON_THE_15TH)).to_be_visible()
    expect(page.locator("#booking-summary")).to_contain_text("Robin Lee")


def _visit_refused(tab: Tab, url: str) -> None:
    """Open a callback URL the site must refuse: its own page, in words."""
    tab.page.goto(url)
    expect(tab.page.get_by_role("heading", level=1)).to_have_text("Sorry")
    expect(tab.page.get_by_role("alert")).to_contain_text(REFUSED)
    expect(tab.page.get_by_role("alert")).to_contain_text("Nothing was changed")


def _forget_logged_refusals(tab: Tab) -> None:
    """Chromium logs each refused callback's status itself (the pages were checked above)."""
    tab.problems[:] = [
        p for p in tab.problems if not ("/account/callback/" in p and "the server responded" in p)
    ]


def test_a_forged_then_a_replayed_callback_is_refused_and_nothing_changes(
    open_tab: OpenTab, box: Sandbox
) -> None:
    tab = open_tab("desktop")
    page = tab.page
    record = Record("member-callback")
    _booking_for_robin(tab)

    _visit_refused(tab, f"{tab.base_url}/account/callback/?code=sbx-c.forged&state=forged")
    expect(_header(page).get_by_role("link", name="Sign in")).to_be_visible()
    record.page(page, "forged state")
    _expect_robins_booking(tab)  # unchanged, still signed out
    expect(_header(page).get_by_role("link", name="Sign in")).to_be_visible()

    callbacks: list[str] = []
    page.on("request", lambda r: callbacks.append(r.url) if CALLBACK.search(r.url) else None)
    _sign_in(tab)
    expect(_header(page).get_by_role("button", name="Sign out")).to_be_visible()
    assert len(callbacks) == 1

    # The same callback again, signed in: refused without a word of "sign in again", and
    # nothing changed (same member, same plan, same booking in progress).
    page.goto(callbacks[0])
    expect(page).to_have_url(re.compile(r"/me/$"))
    expect(page.get_by_text("You're already signed in. Nothing was changed.")).to_be_visible()
    expect(page.get_by_text(re.compile("sign in again", re.IGNORECASE))).to_have_count(0)
    expect(_header(page).get_by_role("button", name="Sign out")).to_be_visible()  # same member
    record.page(page, "replayed signed in")
    expect(page.get_by_text("4 of 10 classes left")).to_be_visible()
    _expect_robins_booking(tab)
    _forget_logged_refusals(tab)


def test_a_spent_code_under_a_fresh_state_is_refused_after_signing_out(
    open_tab: OpenTab, box: Sandbox
) -> None:
    tab = open_tab("phone")
    page = tab.page
    _booking_for_robin(tab)
    callbacks: list[str] = []
    page.on("request", lambda r: callbacks.append(r.url) if CALLBACK.search(r.url) else None)
    _sign_in(tab)
    click(tab, _header(page).get_by_role("button", name="Sign out"))
    expect(_header(page).get_by_role("link", name="Sign in")).to_be_visible()

    _visit_refused(tab, callbacks[0])  # replayed after signing out: still signed out
    expect(_header(page).get_by_role("link", name="Sign in")).to_be_visible()

    # A fresh sign-in on Wix's login page; hold back the callback it answers with (Wix's 303)
    # and send the browser there with the old, spent code instead.
    def hold(route: Route) -> None:
        answer = route.fetch(max_redirects=0)
        callbacks.append(answer.headers["location"])
        route.fulfill(status=204)

    page.route(LOGIN_SUBMIT, hold)
    _expect_robins_booking(tab)
    with page.expect_response(LOGIN_SUBMIT):
        _sign_in(tab)
    page.unroute(LOGIN_SUBMIT)
    fresh_state = re.search(r"state=([^&]+)", callbacks[-1])
    old_code = re.search(r"code=([^&]+)", callbacks[0])
    assert fresh_state
    assert old_code
    page.goto(f"{tab.base_url}/account/callback/?code={old_code[1]}&state={fresh_state[1]}")
    expect(page.get_by_role("alert")).to_contain_text("couldn't sign you in")
    Record("member-callback", audit=True).page(page, "spent code")
    expect(_header(page).get_by_role("link", name="Sign in")).to_be_visible()
    _expect_robins_booking(tab)
    _forget_logged_refusals(tab)


def _member_tokens(box: Sandbox, page: Page) -> list[str]:
    """The member's access and refresh tokens: the site's session's copy and Wix's own."""
    cookie = next(c for c in page.context.cookies() if c["name"] == settings.SESSION_COOKIE_NAME)
    store = import_module(settings.SESSION_ENGINE).SessionStore(session_key=cookie["value"])
    kept = store.load()["booking_site.member"]["tokens"]
    tokens = [kept["access_token"], kept["refresh_token"]]
    with box._lock:
        tokens += [token for token, held in box._state.tokens.items() if held.member_id]
        tokens += list(box._state.members.refresh_members)
    return tokens


def test_the_members_tokens_never_reach_the_browser(open_tab: OpenTab, box: Sandbox) -> None:
    tab = open_tab("desktop")
    page = tab.page
    seen: list[str] = []  # every page as the browser had it, and every document it loaded
    documents: set[str] = set()
    page.on(
        "response",
        lambda r: (
            documents.add(r.url)
            if r.request.resource_type == "document" and r.request.method == "GET"
            else None
        ),
    )
    _details_for_the_class(tab)
    _sign_in(tab)
    page.get_by_label("Last name").fill("Morgan")
    page.get_by_label("Use your 10-class pass (4 left): nothing to pay").check()
    seen.append(page.content())
    continue_to_review(tab)
    seen.append(page.content())
    click(tab, page.get_by_role("button", name="Confirm booking"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("You're booked")
    seen.append(page.content())
    for path in ("/me/", "/plans/", "/"):
        tab.goto(path)
        seen.append(page.content())
    expect(page.get_by_role("link", name="My bookings")).to_be_visible()  # still signed in

    tokens = _member_tokens(box, page)
    assert len(tokens) >= 4
    assert all(token.startswith("sbx-") for token in tokens)  # what Wix's (the sandbox's) look like
    seen += [page.request.get(url).text() for url in sorted(documents)]
    assert len(seen) > 10
    assert any(DEMO_MEMBER_EMAIL in html for html in seen)  # the pages were read in full
    storage = page.evaluate("JSON.stringify([{...localStorage}, {...sessionStorage}])")
    cookies = json.dumps(page.context.cookies())
    for token in tokens:
        assert not any(token in html for html in seen)
        assert token not in cookies
        assert token not in storage
    tab.goto("/me/")
    expect(page.get_by_text("3 of 10 classes left")).to_be_visible()  # the pass did pay
