"""Issue 18: signing in from inside the owner's iframe leaves the frame, booking carried along.

Wix's login page can't run framed, and its callback must find the login's state in the
session of the window it comes back to: the top window's, not the iframe's partition.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client
from pytest_django.fixtures import Settings

from tests.integration.helpers import choose_first_slot, follow_to, page_text, soup
from tests.integration.members_helpers import as_redirect, press_login
from tests.integration.test_embedding import IN_FRAME, embedding  # noqa: F401 (fixture)
from wix_sandbox import Sandbox

pytestmark = pytest.mark.django_db(transaction=True)


def link_targets(page) -> str:
    """Every link and form address on the page, to see none leads to Wix's login."""
    found = [a.get("href", "") for a in soup(page).select("a")]
    return " ".join(found + [f.get("action", "") for f in soup(page).select("form")])


def test_sign_in_from_the_frame_continues_in_the_top_window_with_the_booking(
    sandbox: Sandbox,
    embedding: Settings,  # noqa: F811
) -> None:
    frame, top = Client(), Client()  # the iframe's cookie partition and the top window's
    choose_first_slot(frame, "vinyasa-flow")
    header = soup(frame.get("/book/details/", **IN_FRAME)).select_one(".member-nav a")
    assert header is not None
    assert header.get_text(strip=True) == "Sign in"

    framed = frame.get(header["href"], **IN_FRAME)

    # Not a redirect to Wix's login inside the frame: a way out to the top window.
    assert framed.status_code == 200
    assert "login" not in link_targets(framed)
    link = soup(framed).select_one("a[data-top-navigate]")
    assert link is not None
    assert link["target"] == "_top"
    assert link["href"].startswith("/book/continue/?h=")
    assert "Your booking in progress comes with you" in page_text(framed)
    assert "booking_site.member_login" not in frame.session  # no login state left in the frame

    # The top window takes the booking over and signs in there, unframed.
    taken = top.get(link["href"])
    assert taken.status_code == 302
    assert taken["Location"].startswith("/account/sign-in/?")
    assert parse_qs(urlsplit(taken["Location"]).query)["next"] == ["/book/details/"]
    login = top.get(taken["Location"])
    assert login.status_code == 302
    assert "/_wix-sandbox/" in login["Location"]
    back = follow_to(top, as_redirect(press_login(top, login["Location"])))
    assert back.status_code == 302
    assert back["Location"] == "/book/details/"
    details = top.get("/book/details/")
    text = page_text(details)
    assert "Use your 10-class pass" in text  # signed in, on the same booking
    assert "Sign out" in text
    assert top.session["booking_site.draft"]["slot"] == frame.session["booking_site.draft"]["slot"]


def test_sign_in_outside_a_frame_still_goes_straight_to_wix(
    sandbox: Sandbox,
    embedding: Settings,  # noqa: F811
) -> None:
    client = Client()
    start = client.get("/account/sign-in/", {"next": "/"})
    assert start.status_code == 302
    assert "/_wix-sandbox/" in start["Location"]
