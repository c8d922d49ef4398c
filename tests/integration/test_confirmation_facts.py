"""The confirmation and manage pages tell true facts (issue 16 points 3, 5 and 15): the zone the
customer chose with the business's time beside it, a short reference, what happens next in the
owner's words, and calendar and map links."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client

from wix_sandbox import Sandbox

from .helpers import fill_details, page_text, slot_buttons, soup
from .manage_helpers import CONSULTATION, CORPORATE, MASSAGE, WEDNESDAY, book, manage_link

pytestmark = pytest.mark.django_db
NEW_YORK = "America/New_York"


def _when(page) -> str:
    for row in soup(page).select("dl.summary > div"):
        if row.dt.get_text() == "When":
            return " ".join(row.dd.get_text(" ").split())
    raise AssertionError("no When row")


def test_the_chosen_zone_stays_to_the_confirmation_with_the_business_time(
    client: Client, sandbox: Sandbox
) -> None:
    page = client.get(f"/services/{MASSAGE}/", {"date": WEDNESDAY, "tz": NEW_YORK})
    first = slot_buttons(page)[0]
    shown_time = first["label"].split()[0]  # "04:00": the button's time, in New York
    client.post(f"/services/{MASSAGE}/choose/", {"slot": first["key"], "tz": NEW_YORK})

    details = client.get("/book/details/")
    assert re.search(rf"{shown_time} to \d\d:\d\d your time \(America/New York\)", _when(details))
    assert re.search(r"\d\d:\d\d to \d\d:\d\d in London$", _when(details))
    fill_details(client, payment_option="ONLINE")
    review = client.get("/book/review/")
    assert _when(review) == _when(details)
    note = soup(review).select_one("#checkout-zone-note").get_text(" ", strip=True)
    assert re.fullmatch(
        r"The payment page, run by Wix, shows the business's time: "
        r"\d\d:\d\d to \d\d:\d\d in London\.",
        note,
    )

    status = book(client, MASSAGE, WEDNESDAY, tz=NEW_YORK)
    assert _when(status).startswith("Wednesday 9 December 2026, " + shown_time) or (
        shown_time in _when(status)
    )
    assert "your time (America/New York)" in _when(status)
    assert _when(status).endswith("in London")
    ics = client.get("/book/booking.ics").content.decode()
    unfolded = ics.replace("\r\n ", "")
    assert re.search(
        rf"DESCRIPTION:When: Wed 09 Dec 2026\\, {shown_time}-\d\d:\d\d your time "
        r"\(America/New York\)\\; \d\d:\d\d-\d\d:\d\d in London",
        unfolded,
    ), unfolded


def test_the_reference_is_short_and_wix_id_stays_for_the_business(
    client: Client, sandbox: Sandbox
) -> None:
    status = book(client, CONSULTATION, WEDNESDAY)
    html = soup(status)
    reference = html.select_one("#booking-reference").get_text()
    assert re.fullmatch(r"\d{4}-\d{4}", reference)
    (booking,) = [b for b in sandbox.bookings() if b.get("externalUserId")]
    disclosure = html.select_one("details.wix-id")
    assert booking["id"] in disclosure.get_text()
    assert booking["id"] not in html.select_one("dl.summary").get_text()

    manage = client.get(manage_link(status))
    assert soup(manage).select_one("#booking-reference").get_text() == reference
    assert booking["id"] not in soup(manage).select_one("dl.summary").get_text()
    assert booking["id"] in soup(manage).select_one("details.wix-id").get_text()


def test_free_and_price_on_request_say_what_happens_next_naming_the_business(
    client: Client, sandbox: Sandbox
) -> None:
    free = book(client, CONSULTATION, WEDNESDAY)
    assert [li.get_text() for li in soup(free).select("#next-steps li")] == [
        "There is nothing to pay: just come at the time booked."
    ]
    assert "Fernleigh Wellbeing Studio emails the details to ann.lee@example.com." in page_text(
        free
    )
    assert "Wix will" not in page_text(free)

    other = Client()
    on_request = book(other, CORPORATE, WEDNESDAY)
    assert [li.get_text() for li in soup(on_request).select("#next-steps li")] == [
        "Priced per team: we send a quote after a short call",
        "Fernleigh Wellbeing Studio will contact you at ann.lee@example.com about the price "
        "before your booking.",
    ]


def test_add_to_calendar_offers_ics_google_outlook_and_a_map(
    client: Client, sandbox: Sandbox
) -> None:
    status = book(client, MASSAGE, WEDNESDAY, tz=NEW_YORK)
    box = soup(status).select_one("#add-to-calendar")
    links = {str(a.contents[0]).strip(): a["href"] for a in box.select("a")}
    assert links["Calendar file (.ics)"] == "/book/booking.ics"
    (booking,) = [b for b in sandbox.bookings() if b.get("externalUserId")]
    start = booking["startDate"].replace("-", "").replace(":", "").split(".")[0]
    end = booking["endDate"].replace("-", "").replace(":", "").split(".")[0]
    start, end = start.rstrip("Z") + "Z", end.rstrip("Z") + "Z"

    google = urlsplit(links["Google Calendar"])
    assert (google.scheme, google.netloc, google.path) == (
        "https",
        "calendar.google.com",
        "/calendar/render",
    )
    query = parse_qs(google.query)
    assert query["action"] == ["TEMPLATE"]
    assert query["text"] == ["Deep tissue massage"]
    assert query["dates"] == [f"{start}/{end}"]
    where = query["location"][0]
    shown_where = [r.dd for r in soup(status).select("dl.summary > div") if r.dt.text == "Where"]
    assert where == " ".join(shown_where[0].get_text().split())  # the place, as on the page
    assert "utm_" not in google.query

    outlook = urlsplit(links["Outlook"])
    o = parse_qs(outlook.query)
    assert outlook.netloc == "outlook.live.com"
    assert o["subject"] == ["Deep tissue massage"]
    assert o["startdt"][0].replace("-", "").replace(":", "") == start
    assert o["location"] == [where]

    maps = urlsplit(links["Show the place on a map"])
    assert (maps.netloc, maps.path) == ("www.google.com", "/maps/search/")
    assert parse_qs(maps.query)["api"] == ["1"]
    address = shown_where[0].select_one(".muted").get_text().removeprefix(", ")
    assert parse_qs(maps.query)["query"] == [address]
    assert " " not in links["Show the place on a map"]  # encoded


def test_the_massage_policy_says_the_late_cancellation_fee(
    client: Client, sandbox: Sandbox
) -> None:
    # The sandbox's massage charges £15 for cancelling within 48 hours (cancellationFeePolicy).
    page = client.get(f"/services/{MASSAGE}/")
    assert "Cancelling less than 2 days before the start costs £15." in page_text(page)
    assert "You can cancel at any time" not in page_text(page)
