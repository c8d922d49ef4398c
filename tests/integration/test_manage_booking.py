"""Manage my booking (issue 17) against the sandbox: the link, reading, cancelling, dead links.

"Now" is Monday 7 December 2026, 08:00 London; every service may be cancelled or rescheduled
up to 24 hours before it starts unless its policy says otherwise (wix_sandbox/README.md).
"""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from booking_site.models import Submission
from wix_sandbox import Sandbox
from wix_sandbox.anonymous_actions import mint

from .helpers import page_text, soup
from .manage_helpers import (
    CORPORATE,
    MASSAGE,
    book,
    manage_link,
    only_booking,
    revision_of,
)

pytestmark = pytest.mark.django_db(transaction=True)


def test_status_page_and_ics_carry_an_unguessable_manage_link(
    client: Client, sandbox: Sandbox
) -> None:
    status = book(client)
    url = manage_link(status)
    token = url.removeprefix("/manage/").strip("/")
    shown_link = str(soup(status).select_one("#manage-link")["href"])
    booking = only_booking(sandbox)
    row = Submission.objects.get(booking_id=booking["id"])

    ics = client.get("/book/booking.ics").content.decode().replace("\r\n ", "")
    page = client.get(url)

    assert re.fullmatch(r"[A-Za-z0-9_-]{32}", token)
    assert shown_link == f"{url}?tz=Europe%2FLondon"  # the zone the customer chose in
    assert row.manage_token == token
    assert row.wix_manage_token
    assert row.wix_manage_token not in url
    assert booking["id"] not in url
    assert f"URL:http://testserver{url}" in ics
    assert f"Manage booking (cancel or reschedule): http://testserver{url}" in ics
    assert page.status_code == 200
    text = page_text(page)
    assert "Wellbeing consultation" in text
    assert "Wednesday" in text or "9 December 2026" in text
    assert booking["id"] in text
    assert soup(page).select_one(f"a[href='{url}cancel/']") is not None
    assert soup(page).select_one(f"a[href='{url}reschedule/']") is not None


def test_cancel_needs_a_confirmation_and_a_double_post_cancels_once(
    client: Client, sandbox: Sandbox
) -> None:
    url = manage_link(book(client))
    confirm = client.get(url + "cancel/")
    after_get = only_booking(sandbox)["status"]
    revision = revision_of(confirm)

    first = client.post(url + "cancel/", {"revision": revision})
    second = client.post(url + "cancel/", {"revision": revision})
    shown = client.get(first["Location"])

    assert after_get == "CONFIRMED"  # the GET (a link scanner) changed nothing
    assert "There is no charge for cancelling." in page_text(confirm)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == url + "?done=cancelled"
    assert only_booking(sandbox)["status"] == "CANCELED"
    assert sandbox.call_counts().get("anonymous.cancel") == 1
    assert "Your booking is cancelled." in page_text(shown)
    assert soup(shown).select_one(f"a[href='{url}cancel/']") is None


def test_cancel_too_late_says_why_and_changes_nothing(client: Client, sandbox: Sandbox) -> None:
    url = manage_link(book(client, day="2026-12-07"))  # later today: inside the 24-hour window

    page = client.get(url)
    refused = client.post(url + "cancel/", {"revision": only_booking(sandbox)["revision"]})

    assert "too late to change this booking online" in page_text(page)
    assert "24 hours" in page_text(page)
    assert refused.status_code == 409
    assert "too late" in page_text(refused)
    assert "hello@fernleigh.example" in page_text(refused)
    assert only_booking(sandbox)["status"] == "CONFIRMED"
    assert "anonymous.cancel" not in sandbox.call_counts()


def test_policy_that_forbids_both_actions_names_the_business_contact(
    client: Client, sandbox: Sandbox
) -> None:
    url = manage_link(book(client, CORPORATE))

    page = client.get(url)
    moved = client.post(url + "reschedule/", {"slot": "a|x", "revision": "1"})

    text = page_text(page)
    assert "contact them to have this booking cancelled" in text
    assert "doesn't allow bookings to be rescheduled online" in text
    assert "hello@fernleigh.example" in text
    assert soup(page).select_one(f"a[href='{url}cancel/']") is None
    assert moved.status_code == 409
    assert "anonymous.reschedule" not in sandbox.call_counts()


def test_a_cancellation_fee_is_shown_before_and_after_cancelling(
    client: Client, sandbox: Sandbox
) -> None:
    # Tuesday: more than 24 hours ahead (may cancel), less than 48 (the fee's window).
    url = manage_link(book(client, MASSAGE, day="2026-12-08"))

    page = client.get(url)
    confirm = client.get(url + "cancel/")
    done = client.post(url + "cancel/", {"revision": revision_of(confirm)})
    after = client.get(done["Location"])

    assert "Cancelling now costs £15" in page_text(page)
    assert soup(confirm).select_one("#cancel-fee") is not None
    assert "Yes, cancel and pay £15" in page_text(confirm)
    assert only_booking(sandbox)["status"] == "CANCELED"
    assert "A cancellation fee of £15 was charged." in page_text(after)


def test_forged_and_expired_tokens_get_a_clear_404_and_change_nothing(
    client: Client, sandbox: Sandbox
) -> None:
    url = manage_link(book(client))
    row = Submission.objects.get(manage_token=url.split("/")[2])
    forged = "/manage/" + "A" * 32 + "/"
    calls = sandbox.call_counts()

    pages = [client.get(forged), client.post(forged + "cancel/", {"revision": "2"})]
    assert sandbox.call_counts() == calls  # an unknown key costs no Wix call
    # Wix's own token expired (the sandbox's tokens last 90 days): the link is dead too.
    row.wix_manage_token = mint(row.booking_id, sandbox.now().replace(year=2025))
    row.save()
    pages += [client.get(url), client.post(url + "cancel/", {"revision": "2"})]

    assert [p.status_code for p in pages] == [404, 404, 404, 404]
    assert all("link to manage a booking doesn't work" in page_text(p) for p in pages)
    assert only_booking(sandbox)["status"] == "CONFIRMED"
    assert "anonymous.cancel" not in sandbox.call_counts()


def test_without_an_api_key_the_page_points_to_wix_email_and_the_doctor_says_why(
    client: Client, sandbox: Sandbox, keyless: None
) -> None:
    status = book(client)
    out = StringIO()
    call_command("wix_doctor", "--no-checkout", stdout=out, no_color=True)

    assert soup(status).select_one("#manage-link") is None
    assert "use the link in the confirmation email from Fernleigh Wellbeing Studio" in page_text(
        status
    )
    assert 'no "Manage booking" link' in out.getvalue()


def test_times_in_the_customers_zone_and_the_businesss(client: Client, sandbox: Sandbox) -> None:
    status = book(client, tz="America/New_York")
    link = str(soup(status).select_one("#manage-link")["href"])

    page = client.get(link)

    assert link.endswith("?tz=America%2FNew_York")
    text = page_text(page)
    found = re.search(
        r"(\d\d):(\d\d) to \d\d:\d\d \(America/New York\) .*? "
        r"(\d\d):(\d\d) to \d\d:\d\d business time \(Europe/London\)",
        text,
    )
    assert found, text
    new_york, london = int(found[1]), int(found[3])
    assert (london - new_york) % 24 == 5  # EST is five hours behind London in December
    cancel = soup(page).select_one("a[href*='/cancel/']")
    assert cancel is not None
    assert "tz=America%2FNew_York" in str(cancel["href"])
