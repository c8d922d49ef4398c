"""Visitors who only look get no session: no row, no cookie (issue 14, point 9).

Every cookieless calendar link with ``tz=`` used to write a session row (two 30 s load runs:
13,289 rows). The zone is a display preference carried in the calendar's links and the slot
form; a session starts with a real choice (a POST) or a deep link the draft must keep.
"""

from __future__ import annotations

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client

from booking_site.session import SESSION_KEY
from tests.integration.helpers import slot_buttons, soup
from wix_sandbox import Sandbox

pytestmark = pytest.mark.django_db(transaction=True)

MASSAGE = "/services/deep-tissue-massage/"


def test_calendar_links_for_lookers_write_no_session(client: Client, sandbox: Sandbox) -> None:
    maya = sandbox.demo.staff("maya")
    looks = [
        client.get("/"),
        client.get(MASSAGE, {"tz": "America/New_York"}),
        client.get(MASSAGE, {"tz": "Asia/Tokyo", "month": "2027-01", "staff": maya}),
        client.get(MASSAGE, {"tz": "UTC", "date": "2026-12-09"}),
        client.get(
            MASSAGE, {"tz": "Europe/Paris"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="calendar"
        ),
        client.get("/services/vinyasa-flow/", {"tz": "Australia/Sydney", "month": "2026-12"}),
    ]

    assert [look.status_code for look in looks] == [200] * len(looks)
    assert all(settings.SESSION_COOKIE_NAME not in look.cookies for look in looks)
    assert Session.objects.count() == 0


def test_the_chosen_zone_reaches_the_booking_with_the_first_choice(
    client: Client, sandbox: Sandbox
) -> None:
    page = client.get(MASSAGE, {"tz": "America/New_York"})
    form = soup(page).select_one("form[action$='/choose/']")
    fields = {i["name"]: i["value"] for i in form.select("input[type=hidden]")}
    key = slot_buttons(page)[0]["key"]

    chosen = client.post(MASSAGE + "choose/", {**fields, "slot": key})

    assert fields["tz"] == "America/New_York"
    assert chosen.status_code == 302
    assert Session.objects.count() == 1
    assert client.session[SESSION_KEY]["display_time_zone"] == "America/New_York"


def test_a_deep_link_the_draft_must_keep_still_starts_a_session(
    client: Client, sandbox: Sandbox
) -> None:
    page = client.get(MASSAGE, {"utm_source": "newsletter", "tz": "UTC"})

    assert page.status_code == 200
    assert settings.SESSION_COOKIE_NAME in page.cookies
    assert client.session[SESSION_KEY]["display_time_zone"] == "UTC"
