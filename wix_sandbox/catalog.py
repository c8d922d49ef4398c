"""Renders the demo catalogue as Wix JSON: services, locations, staff, variants, site."""

from __future__ import annotations

import re
from datetime import timedelta
from decimal import Decimal
from typing import Any

from . import demo as d
from . import demo_forms
from .booking_rules import plans_accepted
from .demo import Location, ServiceSpec, Staff
from .demo_payments import DATE_TIME_RULES
from .demo_plans import plan_ids_for
from .state import State
from .timeutil import utc_text


def money(amount: Decimal) -> dict[str, str]:
    """A Services-API money object (``value`` is a decimal string)."""
    return {"value": f"{amount:.2f}", "currency": d.CURRENCY, "formattedValue": f"£{amount:,.2f}"}


def image(file_name: str, alt: str) -> dict[str, Any]:
    """A Wix media image: ``url`` is a bare file name, as Wix returns it."""
    return {
        "id": file_name,
        "url": file_name,
        "width": 1200,
        "height": 800,
        "altText": alt,
        "filename": file_name,
    }


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def address(loc: Location) -> dict[str, Any]:
    return {
        "formattedAddress": loc.formatted_address,
        "city": loc.city,
        "country": "GB",
        "subdivision": "GB-LND" if loc.city == "London" else "GB-ENG",
        "postalCode": loc.postal_code,
        "streetAddress": {"number": loc.street_number, "name": loc.street_name, "apt": ""},
        "location": {"latitude": loc.latitude, "longitude": loc.longitude},
    }


def service_location(loc: Location) -> dict[str, Any]:
    """An entry of ``service.locations`` (also the V2Location of locations/query)."""
    return {
        "id": loc.id,
        "type": "BUSINESS",
        "business": {
            "id": loc.id,
            "name": loc.name,
            "default": loc.default,
            "address": address(loc),
            "email": loc.email,
            "phone": loc.phone,
        },
        "calculatedAddress": address(loc),
    }


def _payment(spec: ServiceSpec, state: State) -> dict[str, Any]:
    payment: dict[str, Any] = {"rateType": spec.rate_type}
    priced: dict[str, Any] | None = None
    if spec.rate_type == "FIXED" and spec.price is not None:
        priced = payment["fixed"] = {"price": money(spec.price)}
    elif spec.rate_type == "VARIED":
        prices = [price for _, price in spec.variants]
        priced = payment["varied"] = {
            "defaultPrice": money(max(prices)),
            "minPrice": money(min(prices)),
            "maxPrice": money(max(prices)),
        }
    elif spec.rate_type == "CUSTOM":
        payment["custom"] = {"description": spec.custom_price_text or ""}
    if priced is not None:
        # §19.1: a deposit amount sits beside the price; full payment upfront defaults to false.
        if spec.deposit is not None:
            priced["deposit"] = money(spec.deposit)
        priced["fullUpfrontPaymentAllowed"] = spec.full_upfront_allowed
    payment["options"] = {
        # A deposit forces online payment and rules out paying in person (§19.1).
        "online": spec.pays_online or spec.deposit is not None,
        "inPerson": spec.in_person and spec.deposit is None,
        "deposit": spec.deposit is not None,
        "pricingPlan": plans_accepted(spec),
    }
    payment["pricingPlanIds"] = plan_ids_for(spec.key) if plans_accepted(spec) else []
    return payment


def _policy(spec: ServiceSpec) -> dict[str, Any]:
    early, late = spec.early_limit_minutes, spec.late_limit_minutes
    custom = early is not None or late is not None
    return {
        "id": d.demo_id("policy", spec.key if custom else "default"),
        "name": f"{spec.name} policy" if custom else "Default policy",
        "default": not custom,
        "customPolicyDescription": {"enabled": False, "description": ""},
        "limitEarlyBookingPolicy": {
            "enabled": early is not None,
            "earliestBookingInMinutes": early or 10080,
        },
        "limitLateBookingPolicy": {
            "enabled": late is not None,
            "latestBookingInMinutes": late or 1440,
        },
        "bookAfterStartPolicy": {"enabled": False},
        "cancellationPolicy": {
            "enabled": spec.cancellation.enabled,
            "limitLatestCancellation": spec.cancellation.latest_minutes is not None,
            "latestCancellationInMinutes": spec.cancellation.latest_minutes or 1440,
            "allowAnonymous": spec.cancellation.allow_anonymous,
        },
        "reschedulePolicy": {
            "enabled": spec.reschedule.enabled,
            "limitLatestReschedule": spec.reschedule.latest_minutes is not None,
            "latestRescheduleInMinutes": spec.reschedule.latest_minutes or 1440,
            "allowAnonymous": spec.reschedule.allow_anonymous,
        },
        "waitlistPolicy": {"enabled": False, "capacity": 10, "reservationTimeInMinutes": 10},
        "participantsPolicy": {"maxParticipantsPerBooking": spec.max_participants},
        "resourcesPolicy": {"enabled": False, "autoAssignAllowed": False},
        "cancellationFeePolicy": _fee_policy(spec),
        "saveCreditCardPolicy": {"enabled": False},
    }


def _fee_policy(spec: ServiceSpec) -> dict[str, Any]:
    # One window (the SDK's CancellationWindow: amount or percentage, startInMinutes), from its
    # start to the session (docs/wix-contract.md §3.3).
    if spec.cancellation_fee is None:
        return {"enabled": False}
    window = {"amount": money(spec.cancellation_fee), "startInMinutes": spec.fee_window_minutes}
    return {"enabled": True, "cancellationWindows": [window]}


def _schedule(spec: ServiceSpec, state: State) -> dict[str, Any]:
    schedule: dict[str, Any] = {"id": spec.schedule_id}
    if spec.type == "COURSE":
        sessions = state.course_sessions(spec)
        schedule["firstSessionStart"] = utc_text(sessions[0].start)
        schedule["lastSessionEnd"] = utc_text(sessions[-1].end)
    schedule["availabilityConstraints"] = {
        # The computed list includes the duration variants' lengths (§3.3).
        "durations": [{"minutes": m} for m in variant_durations(spec) or (spec.duration,)],
        "sessionDurations": [spec.duration] if spec.type == "APPOINTMENT" else [],
        "timeBetweenSessions": 0,
    }
    return schedule


def staff_brief(person: Staff) -> dict[str, Any]:
    return {
        "staffMemberId": person.id,
        "name": person.name,
        "mainMedia": {"image": image(person.image, person.name)},
    }


def service_doc(state: State, spec: ServiceSpec, *, staff_details: bool = False) -> dict[str, Any]:
    """The full Service object (docs/wix-contract.md §3.3)."""
    index = list(state.demo.services).index(spec.key)
    created = state.today - timedelta(days=400 - index)
    stamp = f"{created.isoformat()}T09:{index:02d}:00.000Z"
    name_slug = slug(spec.name)
    pic = image(spec.image, spec.name)
    doc: dict[str, Any] = {
        "id": spec.id,
        "type": spec.type,
        "sortOrder": index,
        "name": spec.name,
        "description": spec.description,
        "tagLine": spec.tag_line,
        "defaultCapacity": spec.capacity,
        "hidden": spec.hidden,
        "media": {
            "mainMedia": {"image": pic},
            "coverMedia": {"image": pic},
            "items": [{"image": pic}],
        },
    }
    if spec.app_id is not None:
        doc["appId"] = spec.app_id
    if spec.category:
        cat = state.demo.categories[spec.category]
        doc["category"] = {"id": cat.id, "name": cat.name, "sortOrder": cat.sort_order}
    doc |= {
        "form": {"id": demo_forms.form_id(spec)},
        "payment": _payment(spec, state),
        "onlineBooking": {
            "enabled": spec.online_booking,
            "requireManualApproval": spec.manual_approval,
            "allowMultipleRequests": False,
        },
        "conferencing": {"enabled": spec.conferencing},
        "locations": [service_location(state.demo.locations[k]) for k in spec.locations],
        "bookingPolicy": _policy(spec),
        "schedule": _schedule(spec, state),
        "staffMemberIds": [state.demo.staff(k) for k in spec.staff],
        "serviceResources": [],
        "supportedSlugs": [{"name": name_slug, "custom": False, "createdDate": stamp}],
        "mainSlug": {"name": name_slug, "custom": False, "createdDate": stamp},
        "urls": {
            "servicePage": {
                "relativePath": f"/service-page/{name_slug}",
                "url": f"{SITE_URL}/service-page/{name_slug}",
            },
            "bookingPage": {
                "relativePath": f"/book-online/{name_slug}/book",
                "url": f"{SITE_URL}/book-online/{name_slug}/book",
            },
            "calendarPage": {
                "relativePath": f"/booking-calendar/{name_slug}",
                "url": f"{SITE_URL}/booking-calendar/{name_slug}",
            },
        },
        "addOnGroups": [],
        "addOnDetails": [],
        "seoData": {"tags": [], "settings": {"preventAutoRedirect": False, "keywords": []}},
        "extendedFields": {"namespaces": {}},
        "taxableAddress": {"taxableAddressType": "BUSINESS"},
        "createdDate": stamp,
        "updatedDate": stamp,
        "revision": "3",
    }
    if staff_details:
        people = [state.demo.staff_members[k] for k in spec.staff]
        doc["staffMemberDetails"] = {"staffMembers": [staff_brief(p) for p in people]}
    return doc


SITE_URL = "https://www.fernleigh-wellbeing.example"


def variant_durations(spec: ServiceSpec) -> tuple[int, ...]:
    """A DURATION option's lengths in minutes (empty for every other service)."""
    if spec.option_type != "DURATION":
        return ()
    return tuple(int(choice) for choice, _ in spec.variants)


def duration_name(minutes: int) -> str:
    """Wix's default duration name, e.g. "1 hr 30 min" (§21.1)."""
    hours, rest = divmod(minutes, 60)
    parts = ([f"{hours} hr"] if hours else []) + ([f"{rest} min"] if rest else [])
    return " ".join(parts)


def variant_choice(spec: ServiceSpec, choice: str) -> dict[str, Any]:
    """One variant's choice, in its option type's case of the oneof (§21.1)."""
    found: dict[str, Any] = {"optionId": spec.option_id}
    if spec.option_type == "DURATION":
        found["duration"] = {"minutes": int(choice), "name": duration_name(int(choice))}
    elif spec.option_type == "STAFF_MEMBER":
        found["staffMemberId"] = d.demo_id("resource", choice)
    elif spec.option_type == "DATE_TIME":
        found["dateTime"] = DATE_TIME_RULES[choice]
    else:
        found["custom"] = choice
    return found


def _option(spec: ServiceSpec) -> dict[str, Any]:
    option: dict[str, Any] = {"id": spec.option_id, "type": spec.option_type}
    if spec.option_type == "CUSTOM":
        option["customData"] = {
            "name": spec.variant_option,
            "choices": [choice for choice, _ in spec.variants],
        }
    elif spec.option_type == "DURATION":
        option["durationData"] = {"name": spec.variant_option}
    return option


def variants_doc(spec: ServiceSpec) -> dict[str, Any]:
    """``serviceVariants`` of a VARIED service (docs/wix-contract.md §12, §21.1)."""
    prices = [price for _, price in spec.variants]
    values = [
        {
            "id": d.demo_id("variant", f"{spec.key}:{choice}"),
            "choices": [variant_choice(spec, choice)],
            "price": {"value": f"{price:.2f}", "currency": d.CURRENCY},
        }
        for choice, price in spec.variants
    ]
    return {
        "id": d.demo_id("variants", spec.key),
        "serviceId": spec.id,
        "options": {"values": [_option(spec)]},
        "variants": {"values": values},
        "minPrice": {"value": f"{min(prices):.2f}", "currency": d.CURRENCY},
        "maxPrice": {"value": f"{max(prices):.2f}", "currency": d.CURRENCY},
        "revision": "1",
        "extendedFields": {"namespaces": {}},
    }
