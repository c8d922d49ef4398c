"""Deposits and variant option types end to end on the sandbox (wix-api.md §19, §21).

Django test client → views → services → client → sandbox, through the hosted checkout.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.test import Client

from tests.integration.helpers import (
    choose_first_slot,
    fill_details,
    follow_to,
    hosted_checkout_action,
    our_bookings,
    page_text,
    slot_buttons,
    soup,
    status_after,
    submit,
)
from wix_sandbox import Sandbox

DEPOSIT_ONLY = "sports-recovery-massage"
DEPOSIT_OR_FULL = "reflexology-for-two"
DURATIONS = "thai-massage"
BY_STAFF = "physiotherapy-assessment"
BY_DATE = "private-sauna-and-cold-plunge"

pytestmark = pytest.mark.django_db(transaction=True)


def _facts(page: object) -> dict[str, str]:
    """The page's ``<dt>`` / ``<dd>`` pairs, as text (the colon after a term is CSS)."""
    return {
        dt.get_text(" ", strip=True): " ".join(dt.find_next_sibling("dd").get_text(" ").split())
        for dt in soup(page).select("dl dt")
    }


def _only_booking(sandbox: Sandbox) -> dict:
    created = our_bookings(sandbox)
    assert len(created) == 1, created
    return created[0]


def _length(booking: dict) -> float:
    start = datetime.fromisoformat(booking["startDate"].replace("Z", "+00:00"))
    end = datetime.fromisoformat(booking["endDate"].replace("Z", "+00:00"))
    return (end - start).total_seconds() / 60


def _pay(client: Client, sandbox: Sandbox) -> tuple[str, object]:
    """Submit the review, pay on the hosted checkout; the checkout's text and the status page.

    The submit itself stays within the budget of 4 sequential Wix calls.
    """
    before = sum(sandbox.call_counts().values())
    to_wix = submit(client)
    assert sum(sandbox.call_counts().values()) - before <= 4
    assert "/_wix-sandbox/checkout/" in to_wix["Location"], to_wix
    checkout = follow_to(client, to_wix)
    text = page_text(checkout)
    back = hosted_checkout_action(client, checkout, "Pay")
    return text, status_after(client, back)


def test_deposit_only_service_charges_the_deposit_and_says_what_is_left(
    client: Client, sandbox: Sandbox
) -> None:
    service_page = client.get(f"/services/{DEPOSIT_ONLY}/")
    assert soup(service_page).select_one("#deposit-note").get_text(strip=True) == (
        "Deposit £50 now, £130 at the venue."
    )
    choose_first_slot(client, DEPOSIT_ONLY)
    review = fill_details(client)
    # Deposit-only: no payment choice to make, and the review says what is due when.
    facts = _facts(review)
    assert (facts["Price"], facts["Deposit now"], facts["At the venue"]) == (
        "£180",
        "£50",
        "£130",
    )
    assert soup(review).select_one("form[action='/book/submit/'] button").get_text(strip=True) == (
        "Book and pay the deposit"
    )

    checkout_text, status = _pay(client, sandbox)

    booking = _only_booking(sandbox)
    assert (booking["selectedPaymentOption"], booking["depositSelected"]) == ("ONLINE", True)
    assert "Pay £50.00" in checkout_text
    assert "£130.00 is paid at the studio" in checkout_text
    assert (booking["status"], booking["paymentStatus"]) == ("CONFIRMED", "PARTIALLY_PAID")
    [order] = sandbox.orders()
    assert order["paymentStatus"] == "PARTIALLY_PAID"
    assert order["balanceSummary"]["balance"]["amount"] == "130.00"
    [cart] = sandbox.carts()
    assert cart["lineItems"][0]["paymentConfig"] == {
        "paymentOption": "DEPOSIT_ONLINE",
        "depositAmount": {"amount": "50.00", "convertedAmount": "50.00"},
    }
    assert soup(status).select_one("#deposit-paid dd").get_text(strip=True) == (
        "Deposit paid: £50. £130 is due at the venue."
    )


@pytest.mark.parametrize(
    ("choice", "deposit_selected", "pay_now", "payment_status"),
    [("DEPOSIT", True, "£40.00", "PARTIALLY_PAID"), ("ONLINE", False, "£160.00", "PAID")],
)
def test_deposit_or_full_books_what_the_customer_chose(
    client: Client,
    sandbox: Sandbox,
    choice: str,
    deposit_selected: bool,
    pay_now: str,
    payment_status: str,
) -> None:
    details = choose_first_slot(client, DEPOSIT_OR_FULL)
    radios = {r["value"]: r for r in soup(details).select("input[name=payment_option]")}
    assert set(radios) == {"DEPOSIT", "ONLINE"}
    labels = page_text(details)
    assert "Pay the deposit now (£20), the rest (£60) at the venue" in labels
    assert "Pay the full price now (£80)" in labels

    review = fill_details(client, participants=2, payment_option=choice)
    facts = _facts(review)
    assert facts["Price"] == "£160"
    if choice == "DEPOSIT":
        assert facts["Deposit now"] == "£40 (£20 deposit for each of 2 participants)"
        assert facts["At the venue"] == "£120"
    else:
        assert "Deposit now" not in facts
    checkout_text, status = _pay(client, sandbox)

    booking = _only_booking(sandbox)
    assert booking["depositSelected"] is deposit_selected
    assert f"Pay {pay_now}" in checkout_text
    assert booking["paymentStatus"] == payment_status
    if choice == "DEPOSIT":
        assert "Deposit paid: £40. £120 is due at the venue." in page_text(status)
    else:
        assert "Paid" in soup(status).select_one(".summary").get_text()


def test_duration_variant_is_chosen_before_the_calendar_and_booked_for_its_length(
    client: Client, sandbox: Sandbox
) -> None:
    page = client.get(f"/services/{DURATIONS}/")
    form = soup(page).select_one("form#duration-choice")
    # Works without JavaScript: a GET form to the service page with a real submit button.
    assert (form["method"], form["action"]) == ("get", f"/services/{DURATIONS}/")
    assert form.select_one("button[type=submit]") is not None
    lengths = [(r["value"], r.has_attr("checked")) for r in form.select("input[name=duration]")]
    assert lengths == [("60", True), ("90", False)]
    assert _facts(page)["Lengths"] == "1 hour £60, 1 h 30 min £85"

    long_page = client.get(f"/services/{DURATIONS}/", {"duration": "90"})
    keys = [b["key"] for b in slot_buttons(long_page)]
    assert keys, "90-minute times are offered"
    for key in keys:
        start, end = (datetime.fromisoformat(t) for t in key.split("|")[1:3])
        assert (end - start).total_seconds() == 90 * 60
    assert (
        soup(long_page)
        .select_one("#slot-list")
        .find_parent("form")
        .select_one("input[name=duration]")["value"]
        == "90"
    )

    details = client.post(
        f"/services/{DURATIONS}/choose/", {"slot": keys[0], "duration": "90"}, follow=True
    )
    assert _facts(details)["Length"] == "1 h 30 min"
    review = fill_details(client)
    assert "£85" in page_text(review)
    _, status = _pay(client, sandbox)

    booking = _only_booking(sandbox)
    assert booking["participantsChoices"]["serviceChoices"] == [
        {
            "numberOfParticipants": 1,
            "choices": [
                {"optionId": sandbox.demo.option("thai_massage"), "duration": {"minutes": 90}}
            ],
        }
    ]
    assert _length(booking) == 90
    assert booking["paymentStatus"] == "PAID"
    [cart] = sandbox.carts()
    assert Decimal(cart["lineItems"][0]["price"]["amount"]) == Decimal("85.00")
    assert _facts(status)["Length"] == "1 h 30 min"
    ics = client.get("/book/booking.ics").content.decode()
    assert _ics_end_is(ics, datetime.fromisoformat(keys[0].split("|")[1]), 90), ics


def _ics_end_is(ics: str, start: datetime, minutes: int) -> bool:
    """Whether the .ics file's DTEND is ``minutes`` after ``start`` (any of its time forms)."""
    end = (start + timedelta(minutes=minutes)).replace(tzinfo=ZoneInfo("Europe/London"))
    forms = (f"{end:%Y%m%dT%H%M%S}", f"{end.astimezone(ZoneInfo('UTC')):%Y%m%dT%H%M%SZ}")
    return any(line.startswith("DTEND") and line.endswith(forms) for line in ics.splitlines())


def test_a_duration_in_a_link_that_the_service_lacks_falls_back_to_its_own(
    client: Client, sandbox: Sandbox
) -> None:
    page = client.get(f"/services/{DURATIONS}/", {"duration": "45"})

    checked = soup(page).select_one("input[name=duration][checked]")
    assert checked["value"] == "60"
    for key in (b["key"] for b in slot_buttons(page)):
        start, end = (datetime.fromisoformat(t) for t in key.split("|")[1:3])
        assert (end - start).total_seconds() == 60 * 60


def test_changing_the_duration_after_booking_starts_a_new_attempt(
    client: Client, sandbox: Sandbox
) -> None:
    choose_first_slot(client, DURATIONS, duration="90")
    fill_details(client)
    submit(client)  # booking made, customer at the checkout; then they come back
    first = _only_booking(sandbox)

    short = client.get(f"/services/{DURATIONS}/", {"duration": "60"})
    key = slot_buttons(short)[0]["key"]
    client.post(f"/services/{DURATIONS}/choose/", {"slot": key, "duration": "60"})
    fill_details(client)
    submit(client)

    bookings = {b["id"]: b for b in our_bookings(sandbox)}
    assert len(bookings) == 2
    assert bookings[first["id"]]["status"] == "CANCELED"  # the unpaid 90 minutes let go
    [second] = [b for b in bookings.values() if b["id"] != first["id"]]
    assert second["externalUserId"] != first["externalUserId"]
    assert _length(second) == 60


@pytest.mark.parametrize(("staff", "price"), [("priya", "70.00"), ("maya", "55.00")])
def test_staff_member_variant_is_priced_by_the_staff_chosen(
    client: Client, sandbox: Sandbox, staff: str, price: str
) -> None:
    page = client.get(f"/services/{BY_STAFF}/")
    assert "Priya Shah £70, Maya Okafor £55" in page_text(page)

    choose_first_slot(client, BY_STAFF, staff=sandbox.demo.staff(staff))
    review = fill_details(client)
    assert f"£{int(Decimal(price))}" in page_text(review)
    _pay(client, sandbox)

    booking = _only_booking(sandbox)
    assert booking["bookedEntity"]["slot"]["resource"]["id"] == sandbox.demo.staff(staff)
    assert booking["totalParticipants"] == 1
    assert "participantsChoices" not in booking
    [cart] = sandbox.carts()
    assert cart["lineItems"][0]["price"]["amount"] == price


def test_an_option_type_the_site_cannot_book_says_to_contact_the_business(
    client: Client, sandbox: Sandbox
) -> None:
    page = client.get(f"/services/{BY_DATE}/")

    note = soup(page).select_one("#book-by-contact")
    assert "book it by contacting the business" in note.get_text()
    assert note.select_one("a[href^='mailto:']") is not None
    assert slot_buttons(page) == []
    refused = client.post(f"/services/{BY_DATE}/choose/", {"slot": "a|x|y|*|*"})
    assert refused.status_code != 200 or "can't be booked online" in page_text(refused)
    assert our_bookings(sandbox) == []


def test_without_the_api_key_the_deposit_is_said_once_the_order_is_made(
    client: Client, sandbox: Sandbox, keyless: None
) -> None:
    choose_first_slot(client, DEPOSIT_ONLY)
    fill_details(client)

    _, status = _pay(client, sandbox)

    assert soup(status).h1.get_text(strip=True) == "Booking received"
    assert _facts(status)["Payment"] == "Deposit paid: £50. £130 is due at the venue."


def test_the_price_summary_follows_the_payment_choice(client: Client, sandbox: Sandbox) -> None:
    choose_first_slot(client, DEPOSIT_OR_FULL)
    base = {"first_name": "Ann", "participants": 1, "preview": "1"}

    deposit = client.post(
        "/book/details/", {**base, "payment_option": "DEPOSIT"}, HTTP_HX_REQUEST="true"
    )
    full = client.post(
        "/book/details/", {**base, "payment_option": "ONLINE"}, HTTP_HX_REQUEST="true"
    )

    assert "<html" not in deposit.content.decode()
    assert _facts(deposit)["Deposit now"] == "£20"
    assert "Deposit now" not in _facts(full)
