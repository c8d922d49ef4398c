"""``wix_doctor``'s lines about kinds of service: custom booking forms and other apps' services.

Each line says what was found and what the site will do with it (docs/wix-contract.md §20, §25).
"""

from __future__ import annotations

from booking_site.services.booking_form import has_custom_form
from booking_site.services.doctor_report import Finding, why
from booking_site.wix import Service, WixClient, WixError


def check_booking_form(client: WixClient, service: Service) -> list[Finding]:
    """A custom booking form: which questions the site will ask, or why it can't."""
    if not has_custom_form(service):
        return []
    name = f"service {service.name}"
    try:
        form = client.forms.get_booking_form(str(service.form_id))
    except WixError as exc:
        return [
            Finding(
                "warn",
                name,
                f"Uses a custom booking form the site can't read ({why(exc)}): it asks only "
                "name, email and phone, so Wix refuses bookings if the form requires more.",
            )
        ]
    if form.unanswerable:
        labels = ", ".join(f"“{q.label}”" for q in form.unanswerable)
        return [
            Finding(
                "fail",
                name,
                f"Its booking form requires {labels}, which this site can't ask (files, "
                "addresses, dates…): customers are told to contact you. Make it optional in Wix.",
            )
        ]
    asked = [f"“{q.label}”{'' if q.required else ' (optional)'}" for q in form.asked]
    findings = []
    if not asked:
        findings.append(
            Finding("ok", name, "Uses a custom booking form with the contact fields only.")
        )
    else:
        findings.append(
            Finding(
                "ok",
                name,
                f"Uses a custom booking form: the details page also asks {', '.join(asked)}, "
                "and sends the answers to Wix with the booking.",
            )
        )
    if form.not_asked:
        labels = ", ".join(f"“{q.label}” ({q.input_type})" for q in form.not_asked)
        findings.append(
            Finding(
                "warn",
                name,
                f"Its booking form's optional {labels} can't be asked here (Wix needs an object "
                "for it): the page names it and books without an answer.",
            )
        )
    return findings


def check_other_apps(client: WixClient) -> list[Finding]:
    """Services of other Wix apps in the catalogue: never listed or booked here."""
    try:
        foreign = client.services.query(other_apps=True, with_staff=False)
    except WixError as exc:
        return [
            Finding("warn", "other apps", f"Services of other apps can't be read ({why(exc)}).")
        ]
    return [
        Finding(
            "ok",
            f"service {s.name}",
            f"Belongs to another Wix app (app id {s.app_id}), not Wix Bookings: the site "
            "doesn't list it, and a link to it says it can't be booked here.",
        )
        for s in foreign
    ]
