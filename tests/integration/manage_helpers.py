"""What the manage-booking integration tests share: booking through the site, reading pages."""

from __future__ import annotations

from typing import Any

from django.test import Client

from wix_sandbox import Sandbox

from .helpers import (
    fill_details,
    follow_to,
    hosted_checkout_action,
    slot_buttons,
    soup,
    status_after,
    submit,
)

CONSULTATION = "wellbeing-consultation"
MASSAGE = "deep-tissue-massage"
CORPORATE = "corporate-wellbeing-morning"
COURSE = "mindfulness-foundations-6-weeks"
WEDNESDAY, THURSDAY = "2026-12-09", "2026-12-10"


def book(
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


def manage_link(status: Any) -> str:
    """The confirmation's manage link, without the display zone it carries."""
    link = soup(status).select_one("#manage-link")
    assert link is not None, status.content.decode()[:2000]
    return str(link["href"]).split("?")[0]


def only_booking(sandbox: Sandbox) -> dict[str, Any]:
    made = [b for b in sandbox.bookings() if b.get("externalUserId")]
    assert len(made) == 1, made
    return made[0]


def revision_of(page: Any) -> str:
    field = soup(page).select_one("input[name=revision]")
    assert field is not None, page.content.decode()[:2000]
    return str(field["value"])
