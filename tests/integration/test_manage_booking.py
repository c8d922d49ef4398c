"""Manage my booking (issue 17) against the sandbox: the link, cancel, reschedule, dead links.

"Now" is Monday 7 December 2026, 08:00 London; every service may be cancelled or rescheduled
up to 24 hours before it starts unless its policy says otherwise (wix_sandbox/README.md).
"""

from __future__ import annotations

import re
from io import StringIO
from typing import Any

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client, override_settings

from booking_site.models import Submission
from booking_site.wix import reset_client
from wix_sandbox import Sandbox
from wix_sandbox.anonymous_actions import mint

from .helpers import (
    choose_first_slot,
    fill_details,
    follow_to,
    hosted_checkout_action,
    slot_buttons,
    soup,
    status_after,
    submit,
)

pytestmark = pytest.mark.django_db(transaction=True)

CONSULTATION = "wellbeing-consultation"
MASSAGE = "deep-tissue-massage"
CORPORATE = "corporate-wellbeing-morning"
COURSE = "mindfulness-foundations-6-weeks"
WEDNESDAY, THURSDAY = "2026-12-09", "2026-12-10"


def _book(
    client: Client, slug: str = CONSULTATION, day: str = WEDNESDAY, tz: str = "Europe/London"
) -> Any:
    """Book the first offered time of ``day`` shown in ``tz`` (paying when asked); the status
    page. The slot form sends the zone its times were shown in, as the page's does."""
    page = client.get(f"/services/{slug}/", {"date": day, "tz": tz})
    chosen = client.post(
        f"/services/{slug}/choose/", {"slot": slot_buttons(page)[0]["key"], "tz": tz}
    )
    assert chosen["Location"] == "/book/details/", chosen.content[:300]
    if slug == MASSAGE:
        fill_details(client, payment_option="ONLINE")
        checkout = follow_to(client, submit(client))
        return status_after(client, hosted_checkout_action(client, checkout, "Pay"))
    fill_details(client)
    return follow_to(client, submit(client))


def _link(status: Any) -> str:
    """The confirmation's manage link, without the display zone it carries."""
    link = soup(status).select_one("#manage-link")
    assert link is not None, status.content.decode()[:2000]
    return str(link["href"]).split("?")[0]


def _booking(sandbox: Sandbox) -> dict[str, Any]:
    made = [b for b in sandbox.bookings() if b.get("externalUserId")]
    assert len(made) == 1, made
    return made[0]


def _revision(page: Any) -> str:
    field = soup(page).select_one("input[name=revision]")
    assert field is not None, page.content.decode()[:2000]
    return str(field["value"])


def _text(page: Any) -> str:
    return " ".join(soup(page).get_text(" ").split())


def test_status_page_and_ics_carry_an_unguessable_manage_link(
    client: Client, sandbox: Sandbox
) -> None:
    status = _book(client)
    url = _link(status)
    token = url.removeprefix("/manage/").strip("/")
    shown_link = str(soup(status).select_one("#manage-link")["href"])
    booking = _booking(sandbox)
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
    text = _text(page)
    assert "Wellbeing consultation" in text
    assert "Wednesday" in text or "9 December 2026" in text
    assert booking["id"] in text
    assert soup(page).select_one(f"a[href='{url}cancel/']") is not None
    assert soup(page).select_one(f"a[href='{url}reschedule/']") is not None


def test_cancel_needs_a_confirmation_and_a_double_post_cancels_once(
    client: Client, sandbox: Sandbox
) -> None:
    url = _link(_book(client))
    confirm = client.get(url + "cancel/")
    after_get = _booking(sandbox)["status"]
    revision = _revision(confirm)

    first = client.post(url + "cancel/", {"revision": revision})
    second = client.post(url + "cancel/", {"revision": revision})
    shown = client.get(first["Location"])

    assert after_get == "CONFIRMED"  # the GET (a link scanner) changed nothing
    assert "There is no charge for cancelling." in _text(confirm)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == url + "?done=cancelled"
    assert _booking(sandbox)["status"] == "CANCELED"
    assert sandbox.call_counts().get("anonymous.cancel") == 1
    assert "Your booking is cancelled." in _text(shown)
    assert soup(shown).select_one(f"a[href='{url}cancel/']") is None


def test_cancel_too_late_says_why_and_changes_nothing(client: Client, sandbox: Sandbox) -> None:
    url = _link(_book(client, day="2026-12-07"))  # later today: inside the 24-hour window

    page = client.get(url)
    refused = client.post(url + "cancel/", {"revision": _booking(sandbox)["revision"]})

    assert "too late to change this booking online" in _text(page)
    assert "24 hours" in _text(page)
    assert refused.status_code == 409
    assert "too late" in _text(refused)
    assert "hello@fernleigh.example" in _text(refused)
    assert _booking(sandbox)["status"] == "CONFIRMED"
    assert "anonymous.cancel" not in sandbox.call_counts()


def test_policy_that_forbids_both_actions_names_the_business_contact(
    client: Client, sandbox: Sandbox
) -> None:
    url = _link(_book(client, CORPORATE))

    page = client.get(url)
    moved = client.post(url + "reschedule/", {"slot": "a|x", "revision": "1"})

    text = _text(page)
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
    url = _link(_book(client, MASSAGE, day="2026-12-08"))

    page = client.get(url)
    confirm = client.get(url + "cancel/")
    done = client.post(url + "cancel/", {"revision": _revision(confirm)})
    after = client.get(done["Location"])

    assert "Cancelling now costs £15" in _text(page)
    assert soup(confirm).select_one("#cancel-fee") is not None
    assert "Yes, cancel and pay £15" in _text(confirm)
    assert _booking(sandbox)["status"] == "CANCELED"
    assert "A cancellation fee of £15 was charged." in _text(after)


def _reschedule_keys(client: Client, url: str, day: str, **query: str) -> tuple[Any, list[str]]:
    page = client.get(url + "reschedule/", {"date": day, **query})
    assert page.status_code == 200, page.content.decode()[:2000]
    return page, [b["key"] for b in slot_buttons(page)]


def test_reschedule_to_a_free_time_and_the_old_link_shows_the_new_booking(
    client: Client, sandbox: Sandbox
) -> None:
    url = _link(_book(client))
    before = _booking(sandbox)
    page, keys = _reschedule_keys(client, url, THURSDAY)
    # The service page's own partials: the same grid and the same slot buttons.
    service_page = client.get(f"/services/{CONSULTATION}/", {"date": THURSDAY})

    moved = client.post(
        url + "reschedule/", {"slot": keys[0], "revision": _revision(page), "tz": "Europe/London"}
    )
    after = _booking(sandbox)
    shown = client.get(url)
    ics = client.get(url + "booking.ics").content.decode()

    assert soup(page).select_one("#month-grid") is not None
    assert keys == [b["key"] for b in slot_buttons(service_page)]
    assert moved.status_code == 302
    assert moved["Location"] == url + "?tz=Europe%2FLondon&done=rescheduled"
    assert after["id"] == before["id"]
    assert after["startDate"].startswith("2026-12-10")
    assert after["startDate"] != before["startDate"]
    assert "10 December 2026" in _text(shown)
    assert soup(shown).select_one(f"a[href='{url}booking.ics']") is not None
    assert f"DTSTART:{after['startDate'][:19].replace('-', '').replace(':', '')}Z" in ics


def test_reschedule_to_a_time_taken_meanwhile_offers_alternatives(
    client: Client, sandbox: Sandbox
) -> None:
    url = _link(_book(client))
    maya = sandbox.demo.staff("maya")
    page, keys = _reschedule_keys(client, url, THURSDAY, staff=maya)
    before = _booking(sandbox)
    # Another customer takes that very time with Maya first.
    other = Client()
    taken = other.post(f"/services/{CONSULTATION}/choose/", {"slot": keys[0]}, follow=True)
    assert taken.request["PATH_INFO"] == "/book/details/"
    fill_details(other, email="bo.kim@example.com")
    follow_to(other, submit(other))

    lost = client.post(
        url + "reschedule/", {"slot": keys[0], "revision": _revision(page), "tz": "Europe/London"}
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
    url = _link(status_after(client, hosted_checkout_action(client, checkout, "Pay")))

    page = client.get(url)
    calendar = client.get(url + "reschedule/")
    refused = client.post(url + "reschedule/", {"slot": "e|x|y", "revision": "3"})

    assert "A course can't be rescheduled" in _text(page)
    assert soup(page).select_one(f"a[href='{url}reschedule/']") is None
    assert soup(calendar).select_one("#month-grid") is None
    assert refused.status_code == 409
    assert "anonymous.reschedule" not in sandbox.call_counts()


def test_forged_and_expired_tokens_get_a_clear_404_and_change_nothing(
    client: Client, sandbox: Sandbox
) -> None:
    url = _link(_book(client))
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
    assert all("link to manage a booking doesn't work" in _text(p) for p in pages)
    assert _booking(sandbox)["status"] == "CONFIRMED"
    assert "anonymous.cancel" not in sandbox.call_counts()


@pytest.fixture
def keyless(sandbox: Sandbox) -> Any:
    reset_client()
    with override_settings(WIX={**settings.WIX, "SANDBOX_API_KEY": False}):
        yield
    reset_client()


def test_without_an_api_key_the_page_points_to_wix_email_and_the_doctor_says_why(
    client: Client, sandbox: Sandbox, keyless: None
) -> None:
    status = _book(client)
    out = StringIO()
    call_command("wix_doctor", "--no-checkout", stdout=out, no_color=True)

    assert soup(status).select_one("#manage-link") is None
    assert "use the link in the confirmation email from Wix" in _text(status)
    assert 'no "Manage booking" link' in out.getvalue()


def test_htmx_calendar_swap_gets_only_the_calendar_with_the_manage_form(
    client: Client, sandbox: Sandbox
) -> None:
    url = _link(_book(client))

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


def test_times_in_the_customers_zone_and_the_businesss(client: Client, sandbox: Sandbox) -> None:
    status = _book(client, tz="America/New_York")
    link = str(soup(status).select_one("#manage-link")["href"])

    page = client.get(link)

    assert link.endswith("?tz=America%2FNew_York")
    text = _text(page)
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
    url = _link(status_after(client, hosted_checkout_action(client, checkout, "Pay")))

    page = client.get(url)
    refused = client.post(url + "reschedule/", {"slot": "a|x", "revision": "1"})

    assert reason in _text(page)
    assert soup(page).select_one(f"a[href^='{url}reschedule/']") is None
    assert refused.status_code == 409
    assert "anonymous.reschedule" not in sandbox.call_counts()
