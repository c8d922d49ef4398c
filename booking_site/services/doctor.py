"""``manage.py wix_doctor``: check the configured Wix site the way a careful owner would.

Each check is a small function returning findings (ok / warn / fail, with a message an owner
can act on). The checkout check goes as far as a customer would, short of paying: it books
one paid slot as a fresh visitor, opens a cart and a redirect session with our callback URL,
then cancels the booking with the API key. That is the only way to learn whether Wix accepts
payments and our callback domain (docs/wix-contract.md §9, §10). Without an API key the booking
could not be cancelled, so that check is skipped with a warning.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from django.utils import timezone as dj_timezone

from booking_site.services.doctor_catalogue import check_booking_form, check_other_apps
from booking_site.services.doctor_checkout import check_checkout
from booking_site.services.doctor_members import check_member_sign_in, check_plans
from booking_site.services.doctor_options import check_options
from booking_site.services.doctor_report import Finding, Status, why
from booking_site.wix import (
    RateType,
    Service,
    SlotList,
    VisitorTokens,
    WixAPIError,
    WixClient,
    WixError,
    WixForbidden,
    get_client,
)

LOOKAHEAD_DAYS = 31
_LOOPBACK = {"localhost", "127.0.0.1", "::1"}


def run_checks(*, site_url: str, try_checkout: bool = True) -> list[Finding]:
    """Every check against the client from settings; ``site_url`` is our public origin."""
    client = get_client()
    tokens, findings = check_visitor(client)
    findings += check_api_key(client)
    findings += check_site_properties(client, tokens)
    listed, service_findings = check_services(client)
    findings += service_findings
    findings += check_options(client, listed)
    slots, availability_findings = check_availability(client, listed)
    findings += availability_findings
    findings += check_callback_url(site_url)
    findings += check_member_sign_in(client, tokens, site_url) + check_plans(client)
    if try_checkout:
        findings += check_checkout(client, listed, slots, site_url)
    return findings


def check_visitor(client: WixClient) -> tuple[VisitorTokens | None, list[Finding]]:
    """The OAuth client id can mint visitor tokens (every customer needs one)."""
    try:
        tokens = client.auth.anonymous()
    except WixError as exc:
        message = f"Wix refused a visitor token for WIX_CLIENT_ID ({why(exc)})."
        return None, [Finding("fail", "visitor identity", message)]
    return tokens, [Finding("ok", "visitor identity", "Visitor tokens are issued.")]


def check_api_key(client: WixClient) -> list[Finding]:
    """The optional API key and site id are accepted for an admin-only call."""
    if not client.has_api_key:
        return [
            Finding(
                "warn",
                "API key",
                "Not configured (WIX_API_KEY, WIX_SITE_ID). Without it: course places are "
                "not shown, free and pay-at-the-venue bookings are placed as orders instead "
                "of confirmed, abandoned unpaid bookings are not cancelled, a lost Create "
                "Booking answer can't be looked up, owner mode is off, and the status after "
                'checkout and the "Manage booking" link rely on the booking\'s own token, '
                "which Wix documents as API-key only: where Wix refuses it to visitors, the "
                'status is inferred from the order and customers get no "Manage booking" '
                "link (they use Wix's confirmation email instead).",
            )
        ]
    try:
        client.extended_bookings.query(external_user_id=f"wix-doctor-{uuid.uuid4().hex}")
    except WixError as exc:
        return [Finding("fail", "API key", f"Wix refused the API key or site id ({why(exc)}).")]
    return [Finding("ok", "API key", "The API key and site id are accepted.")]


def check_site_properties(client: WixClient, tokens: VisitorTokens | None) -> list[Finding]:
    """Time zone and currency can be read, and whether a visitor may read them too."""
    findings: list[Finding] = []
    try:
        props = client.site.get_properties()
    except WixError as exc:
        status: Status = "fail" if client.has_api_key else "warn"
        message = f"Site Properties can't be read ({why(exc)}); times fall back to the zone "
        message += "Time Slots report, and prices show no currency."
        return [Finding(status, "site properties", message)]
    zone = Finding("ok", "time zone", f"Business time zone: {props.time_zone}.")
    if not props.time_zone:
        zone = Finding("fail", "time zone", "The site has no time zone set in Wix.")
    currency = Finding("ok", "currency", f"Payment currency: {props.currency}.")
    if not props.currency:
        currency = Finding("warn", "currency", "The site has no payment currency set in Wix.")
    findings += [zone, currency]
    if client.has_api_key and tokens is not None:
        try:
            client.for_visitor(tokens).site.get_properties(as_visitor=True)
        except WixForbidden:
            findings.append(
                Finding(
                    "warn",
                    "site properties",
                    "Visitors can't read Site Properties (only the API key can): keep "
                    "WIX_API_KEY set, or the site loses the business name and currency.",
                )
            )
        except WixError as exc:
            findings.append(Finding("warn", "site properties", f"Visitor read failed: {why(exc)}"))
    return findings


def _listed(service: Service) -> bool:
    return not service.hidden and service.category is not None and service.has_known_type


def check_services(client: WixClient) -> tuple[list[Service], list[Finding]]:
    """Visible services, and each one's online booking, payment and form setup."""
    try:
        services = client.services.query()
    except WixError as exc:
        return [], [Finding("fail", "services", f"Services can't be read ({why(exc)}).")]
    listed = [s for s in services if _listed(s)]
    findings = [
        Finding("ok", f"service {s.name}", "Not shown on the site (hidden, or no category).")
        for s in services
        if not _listed(s)
    ]
    if not listed:
        findings.append(Finding("fail", "services", "No service is visible to customers."))
    for service in listed:
        findings += check_service_setup(service) + check_booking_form(client, service)
    findings += check_other_apps(client)
    return listed, findings


def check_service_setup(service: Service) -> list[Finding]:
    """Problems that make this service's checkout fail (docs/wix-contract.md §3.3, §6.2, §13.4)."""
    name = f"service {service.name}"
    if not service.online_booking_enabled:
        return [Finding("fail", name, "Online booking is off in Wix: customers can't book it.")]
    findings = []
    problem = payment_problem(service)
    if problem:
        findings.append(Finding("fail", name, problem))
    return findings or [Finding("ok", name, "Bookable online; payment setup fits checkout.")]


def payment_problem(service: Service) -> str | None:
    """Why the payment option the site will send (``pricing.payment_options``) must fail."""
    payment = service.payment
    no_price = payment.is_free or payment.rate_type == RateType.CUSTOM
    if no_price and not payment.in_person:
        return (
            "Free or priced on request, so the site books it as 'pay in person', which this "
            "service doesn't allow; Wix refuses that, and 'online' makes the cart fail with "
            "INSUFFICIENT_INVENTORY. In Wix, allow payment in person for it."
        )
    if not no_price and not (payment.online or payment.in_person):
        return "Can only be paid with a pricing plan, which this site doesn't sell."
    return None


def check_availability(
    client: WixClient, services: list[Service]
) -> tuple[dict[str, SlotList], list[Finding]]:
    """Each appointment and class has free times in the next month."""
    now = dj_timezone.now()
    start, end = _local(now), _local(now + timedelta(days=LOOKAHEAD_DAYS))
    slots: dict[str, SlotList] = {}
    findings: list[Finding] = []
    for service in services:
        if service.type not in ("APPOINTMENT", "CLASS"):
            continue
        try:
            if service.type == "CLASS":
                found = client.time_slots.list_events(
                    service_ids=[service.id], from_local=start, to_local=end, time_zone=None
                )
            else:
                found = client.time_slots.list_availability(
                    service_id=service.id, from_local=start, to_local=end, time_zone=None
                )
        except WixError as exc:
            findings.append(Finding("fail", f"times {service.name}", f"Failed: {why(exc)}"))
            continue
        slots[service.id] = found
        if not any(slot.bookable for slot in found.slots):
            message = f"No free times in the next {LOOKAHEAD_DAYS} days (check staff hours)."
            findings.append(Finding("warn", f"times {service.name}", message))
    findings += _probe_class_availability(client, services, start, end)
    return slots, findings


def _probe_class_availability(
    client: WixClient, services: list[Service], start: str, end: str
) -> list[Finding]:
    # Wix may refuse appointment availability for classes (docs/wix-contract.md §4.2, UNCONFIRMED);
    # the site reads class times from event slots, so that is worth knowing but not a problem.
    group = next((s for s in services if s.type in ("CLASS", "COURSE")), None)
    if group is None:
        return []
    try:
        client.time_slots.list_availability(
            service_id=group.id, from_local=start, to_local=end, time_zone=None
        )
    except WixAPIError as exc:
        message = f"Wix refuses appointment availability for classes ({why(exc)}); this "
        message += "site reads class times from event time slots, so nothing to do."
        return [Finding("ok", "class availability", message)]
    except WixError:
        return []
    return []


def _local(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S")


def check_callback_url(site_url: str) -> list[Finding]:
    """The origin Wix sends customers back to: absolute, and HTTPS off loopback."""
    parts = urlsplit(site_url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return [Finding("fail", "callback URL", f"SITE_URL {site_url!r} is not an absolute URL.")]
    if parts.scheme != "https" and parts.hostname not in _LOOPBACK:
        message = f"{site_url} is not HTTPS; Wix treats http and https as different domains."
        return [Finding("warn", "callback URL", message)]
    message = f"Wix is asked to send customers back to {site_url}/book/return/."
    return [Finding("ok", "callback URL", message)]
