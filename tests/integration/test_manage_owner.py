"""Owner mode's manage page (issue 17, point 7): staff cancel or reschedule bookings they made on
a customer's behalf, whatever the policy, through the API key, logged with the staff user."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from tests.integration.helpers import page_text
from wix_sandbox import Sandbox

from .helpers import slot_buttons, soup

pytestmark = pytest.mark.django_db(transaction=True)

CUSTOMER = {
    "first_name": "Ravi",
    "last_name": "Shah",
    "email": "ravi.shah@example.com",
    "phone": "+44 7700 900456",
}


@pytest.fixture
def owner(client: Client, sandbox: Sandbox) -> Client:
    staff = User.objects.create_user("frontdesk", password="a-long-test-passphrase", is_staff=True)
    client.force_login(staff)
    return client


def _owner_booking(client: Client, day: str = "2026-12-07") -> tuple[str, Any]:
    """Staff book the first massage of ``day`` (later today: inside the 24-hour window)."""
    page = client.get(f"/owner/book/service/deep-tissue-massage/?date={day}")
    key = str(soup(page).select("button[name=slot]")[0]["value"])
    client.post("/owner/book/service/deep-tissue-massage/slot/", {"slot": key})
    saved = client.post("/owner/book/details/", {**CUSTOMER, "participants": 1, "payment": "venue"})
    assert saved.status_code == 302, soup(saved).select(".field-error")
    done = client.post("/owner/book/submit/")
    assert done.status_code == 302, done.content[:600]
    ref = done["Location"].rstrip("/").split("/")[-1]
    return ref, client.get(done["Location"])


def _newest(sandbox: Sandbox) -> dict[str, Any]:
    return max(sandbox.bookings(), key=lambda b: (b["createdDate"], b["id"]))


def test_staff_cancel_inside_the_window_with_the_override_and_it_is_logged(
    owner: Client, sandbox: Sandbox, caplog: pytest.LogCaptureFixture
) -> None:
    ref, result = _owner_booking(owner)
    url = f"/owner/manage/{ref}/"
    customer_link = soup(result).select_one("#customer-manage-link")
    assert soup(result).select_one(f"a[href='{url}']") is not None
    assert customer_link is not None
    # The customer's own link refuses: it is too late for them.
    customer_page = Client().get(str(customer_link["value"]).removeprefix("http://testserver"))
    assert "too late" in page_text(customer_page)

    page = owner.get(url)
    confirm = owner.get(url + "cancel/")
    revision = str(soup(confirm).select_one("input[name=revision]")["value"])
    with caplog.at_level(logging.INFO, logger="booking_site.owner"):
        done = owner.post(url + "cancel/", {"revision": revision})

    assert "policy does not apply" in page_text(page)
    assert soup(page).select_one(f"a[href='{url}cancel/']") is not None
    assert done.status_code == 302
    assert _newest(sandbox)["status"] == "CANCELED"
    assert "anonymous.cancel" not in sandbox.call_counts()  # the API key, not the token
    logged = [r for r in caplog.records if r.getMessage() == "booking cancelled by staff"]
    assert [(r.staff, r.ref) for r in logged] == [("frontdesk", ref)]  # type: ignore[attr-defined]


def test_staff_reschedule_inside_the_window_with_the_override(
    owner: Client, sandbox: Sandbox, caplog: pytest.LogCaptureFixture
) -> None:
    ref, _ = _owner_booking(owner)
    url = f"/owner/manage/{ref}/"
    before = _newest(sandbox)
    page = owner.get(url + "reschedule/", {"date": "2026-12-09"})
    keys = [b["key"] for b in slot_buttons(page)]
    revision = str(soup(page).select_one("input[name=revision]")["value"])

    with caplog.at_level(logging.INFO, logger="booking_site.owner"):
        moved = owner.post(
            url + "reschedule/", {"slot": keys[0], "revision": revision, "tz": "Europe/London"}
        )

    after = next(b for b in sandbox.bookings() if b["id"] == before["id"])
    assert moved.status_code == 302
    assert after["startDate"].startswith("2026-12-09")
    assert sandbox.call_counts().get("bookings.reschedule") == 1
    assert any(
        r.getMessage() == "booking rescheduled by staff" and r.staff == "frontdesk"  # type: ignore[attr-defined]
        for r in caplog.records
    )


def test_customers_cannot_open_the_owner_manage_page(
    client: Client, owner: Client, sandbox: Sandbox
) -> None:
    ref, _ = _owner_booking(owner)
    visitor = Client()
    before = _newest(sandbox)["status"]

    pages = [visitor.get(f"/owner/manage/{ref}/"), visitor.post(f"/owner/manage/{ref}/cancel/")]

    assert [p.status_code for p in pages] == [302, 302]
    assert all(p["Location"].startswith("/owner/login/") for p in pages)
    assert _newest(sandbox)["status"] == before


def test_owner_manage_of_a_booking_staff_did_not_make_is_not_found(
    owner: Client, sandbox: Sandbox
) -> None:
    response = owner.get("/owner/manage/not-an-owner-booking/")

    assert response.status_code == 404
