"""Owner mode's funnel runs on the customer's mechanism (issue 15, point 2): one step guard,
one draft store, so the owner draft gets the same handling of bad, stale and unchanged drafts.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.test import Client

from wix_sandbox import Sandbox

from .helpers import choose_first_slot, fill_details, soup
from .test_owner_booking import _offered

OWNER_KEY = "booking_site.owner_draft"
SLOT = {
    "service_id": "svc-massage",
    "local_start": "2026-12-09T10:00:00",
    "local_end": "2026-12-09T11:00:00",
    "time_zone": "Europe/London",
}


@pytest.fixture
def owner(client: Client, db: None, sandbox: Sandbox) -> Client:
    staff = User.objects.create_user("frontdesk", password="a-long-test-passphrase", is_staff=True)
    client.force_login(staff)
    return client


def _store(client: Client, draft: object) -> None:
    session = client.session
    session[OWNER_KEY] = draft
    session.save()


@pytest.mark.parametrize(
    "draft",
    [
        {"version": 1, "ref": 42, "participants": "many"},  # tampered
        {"version": 0, "ref": "owner-old"},  # an older version
    ],
)
def test_unreadable_owner_draft_starts_over_with_a_note(owner: Client, draft: object) -> None:
    _store(owner, draft)

    response = owner.get("/owner/book/review/", follow=True)

    assert response.redirect_chain == [("/owner/book/", 302)]
    assert "expired, so we started a fresh one" in response.content.decode()
    assert owner.session[OWNER_KEY]["ref"].startswith("owner-")  # a fresh draft, saved


def test_stale_owner_draft_starts_over_with_a_note(owner: Client) -> None:
    stale = time.time() - 4 * 60 * 60  # older than the three hours a draft lives
    _store(
        owner,
        {
            "ref": "owner-stale",
            "service_id": "svc-massage",
            "version": 1,
            "service_slug": "deep-tissue-massage",
            "slot": SLOT,
            "updated_at": stale,
        },
    )

    response = owner.get("/owner/book/details/", follow=True)

    assert response.redirect_chain == [("/owner/book/", 302)]
    assert "expired, so we started a fresh one" in response.content.decode()
    assert owner.session[OWNER_KEY]["ref"] != "owner-stale"


def test_slot_of_another_service_is_not_a_chosen_time(owner: Client) -> None:
    # The customer funnel's rule: a slot only counts for the service it was chosen for.
    _store(
        owner,
        {
            "ref": "owner-mixed",
            "service_id": "svc-yoga",
            "version": 1,
            "service_slug": "morning-yoga",
            "slot": SLOT,
            "updated_at": time.time(),
        },
    )

    response = owner.get("/owner/book/details/")

    assert response.status_code == 302
    assert response["Location"] == "/owner/book/service/morning-yoga/"


def test_owner_details_form_trims_and_keeps_the_shared_phone_rule(owner: Client) -> None:
    key, _ = _offered(owner, "deep-tissue-massage")
    owner.post("/owner/book/service/deep-tissue-massage/slot/", {"slot": key})
    data = {
        "first_name": "Ravi",
        "email": "ravi@example.com",
        "participants": 1,
        "payment": "venue",
    }

    bad = owner.post("/owner/book/details/", {**data, "phone": "call me"})
    good = owner.post(
        "/owner/book/details/", {**data, "last_name": " Shah ", "phone": "+44 7700 900456"}
    )

    assert [e.get_text() for e in soup(bad).select(".field-error")] == [
        "Enter a phone number, like +44 7700 900123."
    ]
    assert soup(bad).select_one("input[name=phone]")["type"] == "tel"
    assert good.status_code == 302
    assert owner.session[OWNER_KEY]["contact"] == {
        "first_name": "Ravi",
        "last_name": "Shah",
        "email": "ravi@example.com",
        "phone": "+44 7700 900456",
    }


def _summary(page: Any) -> dict[str, str]:
    html = soup(page).select_one("#booking-summary dl.summary")
    return {
        div.dt.get_text(strip=True): " ".join(div.dd.get_text(" ").split())
        for div in html.select(":scope > div")
    }


def test_owner_and_customer_review_say_what_is_booked_alike(owner: Client) -> None:
    # One summary partial: the same rows, and the same wording of where and with whom.
    choose_first_slot(owner, "deep-tissue-massage")
    fill_details(owner, payment_option="OFFLINE")
    customer = _summary(owner.get("/book/review/"))
    key, _ = _offered(owner, "deep-tissue-massage")
    owner.post("/owner/book/service/deep-tissue-massage/slot/", {"slot": key})
    data = {"first_name": "Ravi", "email": "ravi@example.com", "participants": 1}
    owner.post("/owner/book/details/", {**data, "payment": "venue"})
    staff = _summary(owner.get("/owner/book/review/"))

    assert list(customer) == list(staff) == ["Service", "When", "With", "Where"]
    # The same slot both ways: the first one offered on the same day.
    assert (
        staff["When"]
        == customer["When"]
        == "Monday 7 December 2026, 10:30 to 11:30 (Europe/London)"
    )
    assert (
        staff["Where"]
        == customer["Where"]
        == "Fernleigh Islington , 14 Camden Passage, London N1 8ED, UK"
    )
    assert staff["With"] == "Maya Okafor"  # pinned to the first free staff member (§6.4)


def test_owner_pages_render_fields_with_the_shared_include() -> None:
    # No field markup of its own in owner templates: selects and radios come from _field.html.
    owner_templates = Path(settings.BASE_DIR, "templates", "owner").rglob("*.html")
    own_markup = [
        path.name
        for path in owner_templates
        if "<select" in path.read_text() or "radio.tag" in path.read_text()
    ]

    assert own_markup == []
