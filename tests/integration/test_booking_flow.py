"""The booking funnel end to end: Django test client → views → services → client → sandbox."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.integration.helpers import (
    CONTACT,
    choose_first_slot,
    fill_details,
    follow_to,
    hosted_checkout_action,
    slot_buttons,
    soup,
    status_after,
    submit,
)
from wix_sandbox import Sandbox

MASSAGE = "deep-tissue-massage"
CONSULTATION = "wellbeing-consultation"
HOT_STONE = "hot-stone-massage"
YOGA = "vinyasa-flow"
FAMILY_YOGA = "family-yoga"
COURSE = "mindfulness-foundations-6-weeks"

pytestmark = pytest.mark.django_db(transaction=True)


def _only_booking(sandbox: Sandbox) -> dict:
    created = [b for b in sandbox.bookings() if b.get("externalUserId")]
    assert len(created) == 1, created
    return created[0]


def test_appointment_paid_online_ends_confirmed_with_details(
    client: Client, sandbox: Sandbox
) -> None:
    details = choose_first_slot(client, MASSAGE)
    assert details.request["PATH_INFO"] == "/book/details/"
    review = fill_details(client)
    assert review.request["PATH_INFO"] == "/book/review/"
    assert "£65" in review.content.decode()

    to_wix = submit(client)
    assert to_wix.status_code == 302
    assert "/_wix-sandbox/checkout/" in to_wix["Location"]
    checkout = follow_to(client, to_wix)
    back = hosted_checkout_action(client, checkout, "Pay")
    status = status_after(client, back)

    booking = _only_booking(sandbox)
    assert booking["status"] == "CONFIRMED"
    assert booking["paymentStatus"] == "PAID"
    assert booking["contactDetails"]["email"] == CONTACT["email"]
    assert booking["bookedEntity"]["slot"]["location"]["locationType"] == "OWNER_BUSINESS"
    page = soup(status)
    assert page.h1.get_text(strip=True) == "You're booked"
    assert "Deep tissue massage" in page.get_text()
    assert booking["id"] in page.get_text()
    assert page.select_one("a[href='/book/booking.ics']") is not None
    assert len(sandbox.carts()) + len(sandbox.checkouts()) == 1


def test_free_service_is_confirmed_without_checkout(client: Client, sandbox: Sandbox) -> None:
    choose_first_slot(client, CONSULTATION)
    review = fill_details(client)
    assert "Free" in review.content.decode()

    done = submit(client)
    status = follow_to(client, done)

    assert "/_wix-sandbox/" not in done["Location"]
    booking = _only_booking(sandbox)
    assert booking["status"] == "CONFIRMED"
    assert booking["paymentStatus"] == "EXEMPT"
    assert booking["selectedPaymentOption"] == "OFFLINE"
    assert soup(status).h1.get_text(strip=True) == "You're booked"
    assert sandbox.carts() == []
    assert sandbox.checkouts() == []


def test_manual_approval_service_ends_pending(client: Client, sandbox: Sandbox) -> None:
    choose_first_slot(client, HOT_STONE)
    fill_details(client, payment_option="ONLINE")
    checkout = follow_to(client, submit(client))
    status = status_after(client, hosted_checkout_action(client, checkout, "Pay"))

    assert _only_booking(sandbox)["status"] == "PENDING"
    assert soup(status).h1.get_text(strip=True) == "Booking requested"
    assert "confirms this booking by hand" in status.content.decode()


def test_class_booking_counts_spots_and_confirms(client: Client, sandbox: Sandbox) -> None:
    page = client.get(f"/services/{YOGA}/")
    labels = [b["label"] for b in slot_buttons(page)]
    assert labels
    assert all("spot" in label for label in labels)

    choose_first_slot(client, YOGA, min_spots=2, date="2026-12-12")
    fill_details(client, participants=2)
    checkout = follow_to(client, submit(client))
    status_after(client, hosted_checkout_action(client, checkout, "Pay"))

    booking = _only_booking(sandbox)
    assert booking["status"] == "CONFIRMED"
    assert booking["totalParticipants"] == 2
    assert booking["bookedEntity"]["slot"]["eventId"]


def test_course_is_booked_as_a_whole(client: Client, sandbox: Sandbox) -> None:
    page = client.get(f"/services/{COURSE}/")
    assert page.status_code == 200
    text = soup(page).get_text(" ")
    assert "places left" in text
    assert len(soup(page).select("ol.sessions li")) == 6

    details = client.post(f"/services/{COURSE}/book-course/", follow=True)
    assert details.request["PATH_INFO"] == "/book/details/"
    fill_details(client)
    checkout = follow_to(client, submit(client))
    status_after(client, hosted_checkout_action(client, checkout, "Pay"))

    booking = _only_booking(sandbox)
    assert booking["status"] == "CONFIRMED"
    assert "schedule" in booking["bookedEntity"]


def test_variant_prices_are_recomputed_on_the_server(client: Client, sandbox: Sandbox) -> None:
    choose_first_slot(client, FAMILY_YOGA)
    preview = client.post(
        "/book/details/", {"variant_0": 2, "variant_1": 1, "preview": "1"}, HTTP_HX_REQUEST="true"
    )
    assert preview.status_code == 200
    assert b"<html" not in preview.content
    assert soup(preview).select_one("#price-summary") is not None
    assert "£36" in preview.content.decode()  # 2 Adults at £14 + 1 Child at £8

    review = fill_details(client, variant_0=2, variant_1=1, total="1.00")
    assert "£36" in review.content.decode()
    checkout = follow_to(client, submit(client))
    assert "36" in checkout.content.decode()
    status_after(client, hosted_checkout_action(client, checkout, "Pay"))
    booking = _only_booking(sandbox)
    choices = booking["participantsChoices"]["serviceChoices"]
    assert sorted((c["numberOfParticipants"], c["choices"][0]["custom"]) for c in choices) == [
        (1, "Child"),
        (2, "Adult"),
    ]


def test_abandoned_checkout_can_be_resumed(client: Client, sandbox: Sandbox) -> None:
    choose_first_slot(client, MASSAGE)
    fill_details(client)
    checkout = follow_to(client, submit(client))
    status = status_after(client, hosted_checkout_action(client, checkout, "Cancel"))
    assert soup(status).h1.get_text(strip=True) == "Payment not completed"
    assert _only_booking(sandbox)["status"] == "CREATED"

    again = client.post("/book/resume-payment/")
    checkout_again = follow_to(client, again)
    status_after(client, hosted_checkout_action(client, checkout_again, "Pay"))

    assert _only_booking(sandbox)["status"] == "CONFIRMED"
    assert len(sandbox.carts()) + len(sandbox.checkouts()) == 1


def test_start_over_cancels_the_unpaid_booking(client: Client, sandbox: Sandbox) -> None:
    choose_first_slot(client, MASSAGE)
    fill_details(client)
    checkout = follow_to(client, submit(client))
    status_after(client, hosted_checkout_action(client, checkout, "Cancel"))

    back = client.post("/book/start-over/")

    assert back["Location"] == f"/services/{MASSAGE}/"
    assert _only_booking(sandbox)["status"] == "CANCELED"


def test_slot_taken_at_submit_offers_alternatives_and_keeps_details(
    client: Client, sandbox: Sandbox
) -> None:
    choose_first_slot(client, MASSAGE, staff=sandbox.demo.staff("tom"))
    fill_details(client)
    rival = Client()
    choose_first_slot(rival, MASSAGE, staff=sandbox.demo.staff("tom"))
    fill_details(rival, email="rival@example.com")
    # A CREATED booking holds nothing at Wix (docs/wix-contract.md §6.3): the rival pays.
    hosted_checkout_action(rival, follow_to(rival, submit(rival)), "Pay")

    taken = client.post("/book/submit/", follow=True)

    assert taken.status_code == 409
    assert taken.request["PATH_INFO"] == "/book/slot-taken/"
    assert "just booked by someone else" in taken.content.decode()
    alternatives = slot_buttons(taken)
    assert alternatives
    details = client.get("/book/details/")
    assert soup(details).select_one("input[name=email]")["value"] == CONTACT["email"]


def test_htmx_calendar_request_gets_only_the_partial(client: Client, sandbox: Sandbox) -> None:
    full = client.get(f"/services/{MASSAGE}/")
    partial = client.get(
        f"/services/{MASSAGE}/",
        {"month": "2027-01"},
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="calendar",
    )

    assert b"<html" in full.content
    assert b"<html" not in partial.content
    root = soup(partial).find(True)
    assert root["id"] == "calendar"
    assert "January 2027" in partial.content.decode()
    assert partial["Vary"]
    assert "HX-Request" in partial["Vary"]


def test_htmx_calendar_request_for_a_course_gets_the_whole_page(
    client: Client, sandbox: Sandbox
) -> None:
    # A course has no calendar to swap: a stale or hand-made HTMX request gets the full page.
    response = client.get(
        f"/services/{COURSE}/",
        {"month": "2027-01"},
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="calendar",
    )

    assert response.status_code == 200
    assert b"<html" in response.content
    assert "Book the whole course" in response.content.decode()


def test_htmx_service_list_filter_gets_only_the_list(client: Client, sandbox: Sandbox) -> None:
    partial = client.get(
        "/", {"type": "class"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="service-list"
    )
    full = client.get("/", {"type": "class"})

    assert b"<html" not in partial.content
    names = [a.get_text(strip=True) for a in soup(partial).select("h3 a")]
    assert names == [a.get_text(strip=True) for a in soup(full).select("#service-list h3 a")]
    assert set(names) == {"Vinyasa flow", "Family yoga"}


def test_service_list_hides_hidden_and_uncategorised_services(
    client: Client, sandbox: Sandbox
) -> None:
    names = {a.get_text(strip=True) for a in soup(client.get("/")).select("h3 a")}

    assert "Therapist practice session" not in names
    assert "Posture check-up" not in names
    assert {"Deep tissue massage", "Vinyasa flow", "Mindfulness foundations (6 weeks)"} <= names


def test_time_zone_switch_shows_times_in_the_chosen_zone(client: Client, sandbox: Sandbox) -> None:
    london = slot_buttons(client.get(f"/services/{MASSAGE}/", {"tz": "Europe/London"}))
    paris = slot_buttons(client.get(f"/services/{MASSAGE}/", {"tz": "Europe/Paris"}))

    assert london[0]["key"] == paris[0]["key"]  # same Wix slot
    london_hour = int(london[0]["label"][:2])
    paris_hour = int(paris[0]["label"][:2])
    assert paris_hour == london_hour + 1


def test_direct_url_to_a_later_step_lands_on_the_first_incomplete_one(
    client: Client, sandbox: Sandbox
) -> None:
    assert client.get("/book/review/")["Location"] == "/"
    client.get(f"/services/{MASSAGE}/")  # only looking: no draft, no session yet
    assert "sessionid" not in client.cookies
    assert client.get("/book/review/")["Location"] == "/"
    client.get(f"/services/{MASSAGE}/", {"participants": "1"})  # a deep link keeps its state
    assert client.get("/book/review/")["Location"] == f"/services/{MASSAGE}/"
    choose_first_slot(client, MASSAGE)
    assert client.get("/book/review/")["Location"] == "/book/details/"


def test_corrupt_draft_starts_over_with_a_note(client: Client, sandbox: Sandbox) -> None:
    session = client.session
    session["booking_site.draft"] = {"version": 3, "ref": 42, "participants": "many"}
    session.save()

    response = client.get("/book/details/", follow=True)

    assert response.status_code == 200
    assert "expired, so we started a fresh one" in response.content.decode()


def test_details_page_restates_the_chosen_time(client: Client, sandbox: Sandbox) -> None:
    page = client.get(f"/services/{MASSAGE}/")
    first = slot_buttons(page)[0]
    client.post(f"/services/{MASSAGE}/choose/", {"slot": first["key"]})

    details = soup(client.get("/book/details/"))

    summary = details.select_one("aside .summary").get_text(" ", strip=True)
    assert first["label"].split(" with ")[0] in " ".join(summary.split())
    assert "Deep tissue massage" in summary
