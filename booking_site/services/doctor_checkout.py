"""``wix_doctor``'s checkout check: as far as a customer would go, short of paying.

It books one paid slot as a fresh visitor, opens a cart and a redirect session with our callback
URL, then cancels the booking with the API key: the only way to learn whether Wix accepts
payments (docs/wix-contract.md §9). Whether Wix will send customers back to our domain cannot be
learnt this way: Wix applies the allowed-redirect-domain list on the way back, not when the
session is created (§26.1), so that part is said as something to check by hand.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit

from booking_site.services.doctor_report import Finding, why
from booking_site.wix import (
    ContactDetails,
    RateType,
    Service,
    SlotList,
    TimeSlot,
    VisitorScope,
    WixAPIError,
    WixClient,
    WixError,
    WixForbidden,
)


def _paid_slot(services: list[Service], slots: dict[str, SlotList]) -> tuple[Service, TimeSlot]:
    for service in services:
        payment = service.payment
        if service.type != "APPOINTMENT" or not payment.online or payment.is_free:
            continue
        bookable = [s for s in slots.get(service.id, SlotList((), "UTC")).slots if s.bookable]
        if bookable and payment.rate_type != RateType.CUSTOM:
            return service, bookable[-1]  # the latest: least likely to be wanted right now
    raise LookupError


def check_checkout(
    client: WixClient, services: list[Service], slots: dict[str, SlotList], site_url: str
) -> list[Finding]:
    """Book, open a cart and a redirect session to our callback, then cancel (API key)."""
    if not client.has_api_key:
        message = "Skipped: without the API key the test booking couldn't be cancelled. "
        message += "Book one paid service yourself to check payments."
        return [
            Finding("warn", "checkout", message),
            Finding("manual", "callback domain", domain_to_check(site_url)),
        ]
    try:
        service, slot = _paid_slot(services, slots)
    except LookupError:
        return [Finding("warn", "checkout", "Skipped: no paid appointment with a free time.")]
    scope = client.for_visitor(None)
    ref = f"wix-doctor-{uuid.uuid4().hex}"
    try:
        booking = scope.bookings.create(
            slot=slot,
            contact=ContactDetails(first_name="Wix", last_name="Doctor", email=_email()),
            total_participants=1,
            payment_option="ONLINE",
            external_user_id=ref,
            notify=False,
        )
    except WixError as exc:
        return [Finding("fail", "checkout", f"Create Booking failed ({why(exc)}).")]
    with _cancelled_afterwards(client, booking.id) as findings:
        if booking.slot_local_start and not booking.slot_local_start.endswith("Z"):
            message = "Create Booking echoes local slot times (not UTC); the site reads both."
            findings.append(Finding("ok", "booking dates", message))
        findings.append(_visitor_token(scope, booking.id))
        findings += _cart_and_redirect(scope, booking.id, site_url, service.name)
    return findings


def _visitor_token(scope: VisitorScope, booking_id: str) -> Finding:
    """Whether the booking's own visitor may mint its anonymous-action token (§27.2).

    Only matters without the API key: then the status after checkout is read by that token
    where Wix allows it. Wix documents minting as API-key only; its recipe mints as a visitor.
    """
    try:
        scope.anonymous_bookings.mint_token(booking_id, as_visitor=True)
    except WixError:
        message = "Only the API key may mint booking tokens here (as Wix documents): keep "
        message += "WIX_API_KEY set, or the status after checkout is only inferred."
        return Finding("ok", "status without key", message)
    message = "Customers' visitors may mint their booking's token: even without the API key "
    message += "the status after checkout would be read from Wix."
    return Finding("ok", "status without key", message)


def _email() -> str:
    return "wix-doctor@example.com"


def _cart_and_redirect(
    scope: VisitorScope, booking_id: str, site_url: str, name: str
) -> list[Finding]:
    try:
        checkout = scope.ecom.create(booking_id=booking_id, buyer_email=_email())
        scope.ecom.calculate(checkout.id)
    except WixAPIError as exc:
        if exc.code == "SITE_MUST_ACCEPT_PAYMENTS":
            message = "The site doesn't accept online payments: connect a payment provider in "
            message += f"Wix (Settings → Accept Payments). {why(exc)}"
            return [Finding("fail", "checkout", message)]
        return [Finding("fail", "checkout", f"A cart for {name} failed ({why(exc)}).")]
    except WixError as exc:
        return [Finding("fail", "checkout", f"A cart for {name} failed ({why(exc)}).")]
    callback = f"{site_url}/book/return/?ref=wix-doctor"
    try:
        scope.redirects.create_for_checkout(
            checkout_id=checkout.id, post_flow_url=callback, thank_you_url=callback + "&paid=1"
        )
    except WixForbidden as exc:
        # Create Redirect Session documents no domain check (§26.1): a 403 here is about the
        # identity or the cart, not proof about the domain either way.
        message = f"Wix refused the hosted-checkout session ({why(exc)})."
        return [
            Finding("fail", "checkout", message),
            Finding("manual", "callback domain", domain_to_check(site_url)),
        ]
    except WixError as exc:
        return [Finding("fail", "checkout", f"The checkout redirect failed ({why(exc)}).")]
    return [
        Finding("ok", "checkout", f"A booking of {name} reached Wix's hosted checkout."),
        Finding("manual", "callback domain", domain_to_check(site_url)),
    ]


def domain_to_check(site_url: str) -> str:
    """What to add to the Headless settings, and how to see for oneself that Wix accepts it.

    Wix checks the allowed redirect domains only when it sends a customer back (§26.1), so a
    redirect session created without complaint proves nothing; only a return does.
    """
    host = urlsplit(site_url).hostname or site_url
    return (
        f"Not verifiable from here: Wix checks the allowed redirect domains only when it sends a "
        f"customer back. Add the domain {host} under Headless settings → Allowed redirect "
        f"domains, then check by hand: book a paid service on {site_url}, press Cancel on Wix's "
        f"checkout page, and you should land back on {site_url}/book/return/ (a 403 from Wix "
        f"means the domain is missing)."
    )


@contextmanager
def _cancelled_afterwards(client: WixClient, booking_id: str) -> Iterator[list[Finding]]:
    findings: list[Finding] = []
    try:
        yield findings
    finally:
        try:
            current = client.extended_bookings.get(booking_id)
            client.bookings.cancel(booking_id=booking_id, revision=current.revision)
        except WixError as exc:
            message = f"Could not cancel the test booking {booking_id} ({why(exc)}): cancel "
            message += "it in the Wix dashboard."
            findings.append(Finding("warn", "cleanup", message))
