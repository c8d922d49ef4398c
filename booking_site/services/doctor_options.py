"""``wix_doctor``'s lines on deposits and variant option types (docs/wix-contract.md §19, §21).

One line per deposit service and per service with options and variants that are not plain
participant categories, saying what the site does with it: what it sends Wix, what the
customer sees, and what only a live booking can confirm.
"""

from __future__ import annotations

from booking_site.services.doctor_report import Finding, why
from booking_site.wix import OptionType, RateType, Service, ServiceVariants, WixClient, WixError


def check_options(client: WixClient, listed: list[Service]) -> list[Finding]:
    """Deposit services and non-custom variants among the listed services."""
    findings: list[Finding] = []
    for service in listed:
        deposit = _deposit_line(service)
        if deposit is not None:
            findings.append(deposit)
        if service.payment.rate_type != RateType.VARIED:
            continue
        try:
            variants = client.variants.get_for_service(service.id)
        except WixError as exc:
            message = f"Its price options can't be read ({why(exc)}): its page shows no price."
            findings.append(Finding("warn", f"options {service.name}", message))
            continue
        if variants is not None and variants.option_type != OptionType.CUSTOM:
            findings.append(_variants_line(service, variants))
    return findings


def _deposit_line(service: Service) -> Finding | None:
    deposit = service.payment.deposit
    if deposit is None:
        return None
    amount = f"{deposit.amount} {deposit.currency}".strip()
    choice = (
        "customers choose the deposit (depositSelected true) or the full price (false)"
        if service.payment.full_upfront_allowed
        else "it is booked with depositSelected true (Wix requires it: no full payment upfront)"
    )
    return Finding(
        "ok",
        f"deposit {service.name}",
        f"Takes a deposit of {amount} online, per participant: {choice}; Wix's checkout "
        "charges the deposit now and the rest is shown as due at the venue.",
    )


def _variants_line(service: Service, variants: ServiceVariants) -> Finding:
    name = f"options {service.name}"
    kind = variants.option_type
    if kind == OptionType.DURATION:
        lengths = ", ".join(f"{v.minutes} min" for v in variants.durations)
        return Finding(
            "ok",
            name,
            f"Duration variants ({lengths}): chosen on the service page before the calendar, "
            "which asks Time Slots for that length (customerChoices.durationInMinutes); the "
            "booking sends the duration choice.",
        )
    if kind == OptionType.STAFF_MEMBER:
        return Finding(
            "manual",
            name,
            "Priced by staff member: the site quotes the chosen staff member's price and books "
            "them as the slot's resource with totalParticipants (Wix has no booking-side choice "
            "for it). Check in Wix that one test booking is charged that staff member's price.",
        )
    return Finding(
        "manual",
        name,
        f"Prices by a {str(kind).replace('_', ' ').lower()} option, which this site can't book "
        "online: its page asks customers to book by contacting the business. Check that the "
        "business email or phone is set in Wix so they can.",
    )
