"""Manage my booking: rescheduling on the service page's calendar (issue 17, point 4).

"Now" is Monday 7 December 2026, 08:00 London (wix_sandbox/README.md has the policies).
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from wix_sandbox import Sandbox

from .helpers import (
    choose_first_slot,
    fill_details,
    follow_to,
    hosted_checkout_action,
    page_text,
    slot_buttons,
    soup,
    status_after,
    submit,
)
from .manage_helpers import (
    CONSULTATION,
    COURSE,
    THURSDAY,
    book,
    manage_link,
    only_booking,
    revision_of,
)

pytestmark = pytest.mark.django_db(transaction=True)


def _reschedule_keys(client: Client, url: str, day: str, **query: str) -> tuple[Any, list[str]]:
    page = client.get(url + "reschedule/", {"date": day, **query})
    assert page.status_code == 200, page.content.decode()[:2000]
    return page, [b["key"] for b in slot_buttons(page)]


def test_reschedule_to_a_free_time_and_the_old_link_shows_the_new_booking(
    client: Client, sandbox: Sandbox
) -> None:
    url = manage_link(book(client))
    before = only_booking(sandbox)
    page, keys = _reschedule_keys(client, url, THURSDAY)
    # The service page's own partials: the same grid and the same slot buttons.
    service_page = client.get(f"/services/{CONSULTATION}/", {"date": THURSDAY})

    moved = client.post(
        url + "reschedule/", {"slot": keys[0], "revision": revision_of(page), "tz": "Europe/London"}
    )
    after = only_booking(sandbox)
    shown = client.get(url)
    ics = client.get(url + "booking.ics").content.decode()

    assert soup(page).select_one("#month-grid") is not None
    assert keys == [b["key"] for b in slot_buttons(service_page)]
    assert moved.status_code == 302
    assert moved["Location"] == url + "?tz=Europe%2FLondon&done=rescheduled"
    assert after["id"] == before["id"]
    assert after["startDate"].startswith("2026-12-10")
    assert after["startDate"] != before["startDate"]
    assert "10 December 2026" in page_text(shown)
    assert soup(shown).select_one(f"a[href='{url}booking.ics']") is not None
    assert f"DTSTART:{after['startDate'][:19].replace('-', '').replace(':', '')}Z" in ics


def test_reschedule_to_a_time_taken_meanwhile_offers_alternatives(
    client: Client, sandbox: Sandbox
) -> None:
    url = manage_link(book(client))
    maya = sandbox.demo.staff("maya")
    page, keys = _reschedule_keys(client, url, THURSDAY, staff=maya)
    before = only_booking(sandbox)
    # Another customer takes that very time with Maya first.
    other = Client()
    taken = other.post(f"/services/{CONSULTATION}/choose/", {"slot": keys[0]}, follow=True)
    assert taken.request["PATH_INFO"] == "/book/details/"
    fill_details(other, email="bo.kim@example.com")
    follow_to(other, submit(other))

    lost = client.post(
        url + "reschedule/", {"slot": keys[0], "revision": revision_of(page), "tz": "Europe/London"}
    )

    assert lost.status_code == 409
    # Wix refused it, or our calendar already knew: either way the submit step's words.
    notice = soup(lost).select_one("[role=alert]").get_text()
    assert "just booked by someone else" in notice or "no longer available" in notice
    alternatives = [b["value"] for b in soup(lost).select("#alternatives button[name=slot]")]
    assert alternatives
    assert keys[0] not in alternatives
    unchanged = next(b for b in sandbox.bookings() if b["id"] == before["id"])
    assert unchanged["startDate"] == before["startDate"]


def test_a_course_cannot_be_rescheduled(client: Client, sandbox: Sandbox) -> None:
    client.post(f"/services/{COURSE}/book-course/", follow=True)
    fill_details(client, payment_option="ONLINE")
    checkout = follow_to(client, submit(client))
    url = manage_link(status_after(client, hosted_checkout_action(client, checkout, "Pay")))

    page = client.get(url)
    calendar = client.get(url + "reschedule/")
    refused = client.post(url + "reschedule/", {"slot": "e|x|y", "revision": "3"})

    assert "A course can't be rescheduled" in page_text(page)
    assert soup(page).select_one(f"a[href='{url}reschedule/']") is None
    assert soup(calendar).select_one("#month-grid") is None
    assert refused.status_code == 409
    assert "anonymous.reschedule" not in sandbox.call_counts()


def test_htmx_calendar_swap_gets_only_the_calendar_with_the_manage_form(
    client: Client, sandbox: Sandbox
) -> None:
    url = manage_link(book(client))

    swap = client.get(
        url + "reschedule/",
        {"date": THURSDAY},
        headers={"HX-Request": "true", "HX-Target": "calendar"},
    )

    html = swap.content.decode()
    assert html.lstrip().startswith('<div id="calendar"')
    assert "<html" not in html
    form = soup(swap).select_one("form[method=post]")
    assert form is not None
    assert form["action"] == url + "reschedule/"
    assert form.select_one("input[name=revision]") is not None
    assert slot_buttons(swap)


@pytest.mark.parametrize(
    ("slug", "details", "reason"),
    [
        ("family-yoga", {"variant_0": 1, "variant_1": 1}, "different prices per participant"),
        ("hot-stone-massage", {}, "confirmed by the business by hand"),
    ],
)
def test_reschedules_wix_forbids_are_never_offered(
    client: Client, sandbox: Sandbox, slug: str, details: dict[str, int], reason: str
) -> None:
    choose_first_slot(client, slug)
    fill_details(client, payment_option="ONLINE", **details)
    checkout = follow_to(client, submit(client))
    url = manage_link(status_after(client, hosted_checkout_action(client, checkout, "Pay")))

    page = client.get(url)
    refused = client.post(url + "reschedule/", {"slot": "a|x", "revision": "1"})

    assert reason in page_text(page)
    assert soup(page).select_one(f"a[href^='{url}reschedule/']") is None
    assert refused.status_code == 409
    assert "anonymous.reschedule" not in sandbox.call_counts()
