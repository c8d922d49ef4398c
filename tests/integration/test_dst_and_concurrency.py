"""Slots on a daylight-saving change day, and parallel submits of one draft."""

from __future__ import annotations

import threading
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.test import Client

from tests.integration.helpers import choose_first_slot, fill_details, slot_buttons
from wix_sandbox import Sandbox

MASSAGE = "deep-tissue-massage"
pytestmark = pytest.mark.django_db(transaction=True)


class TestDaylightSavingDay:
    @pytest.fixture
    def now(self) -> datetime:
        # The Monday before British Summer Time starts (Sunday 28 March 2027, 01:00 UTC).
        return datetime(2027, 3, 22, 8, 0, tzinfo=ZoneInfo("Europe/London"))

    def test_sunday_slots_keep_wall_clock_times_across_the_change(
        self, client: Client, sandbox: Sandbox
    ) -> None:
        query = {"date": "2027-03-28", "staff": sandbox.demo.staff("tom"), "month": "2027-03"}

        london = slot_buttons(client.get(f"/services/{MASSAGE}/", {**query, "tz": "Europe/London"}))
        utc = slot_buttons(client.get(f"/services/{MASSAGE}/", {**query, "tz": "UTC"}))
        saturday = slot_buttons(
            client.get(f"/services/{MASSAGE}/", {**query, "date": "2027-03-27", "tz": "UTC"})
        )

        # Tom works 11:00-16:00 on Sundays in London time, which is BST (UTC+1) from 01:00 UTC.
        assert london[0]["label"].startswith("11:00 to 12:00")
        assert utc[0]["label"].startswith("10:00 to 11:00")
        # The day before is still GMT: London and UTC wall clocks agree.
        assert saturday[0]["label"].startswith("10:00 to 11:00")
        assert london[0]["key"] == utc[0]["key"]


def test_parallel_submits_of_one_draft_make_one_booking(client: Client, sandbox: Sandbox) -> None:
    choose_first_slot(client, MASSAGE)
    fill_details(client)
    session_cookie = client.cookies["sessionid"].value
    responses = []

    def press_submit() -> None:
        browser_tab = Client()
        browser_tab.cookies["sessionid"] = session_cookie
        responses.append(browser_tab.post("/book/submit/"))

    tabs = [threading.Thread(target=press_submit) for _ in range(6)]
    for tab in tabs:
        tab.start()
    for tab in tabs:
        tab.join(timeout=30)

    ours = [b for b in sandbox.bookings() if b.get("externalUserId")]
    assert len(ours) == 1
    assert len(sandbox.carts()) + len(sandbox.checkouts()) == 1
    assert sorted({r.status_code for r in responses}) in ([302], [202, 302])
    assert all(
        "/_wix-sandbox/checkout/" in r["Location"] for r in responses if r.status_code == 302
    )
