"""Site-level documents: Site Properties, Locations API locations, staff members."""

from __future__ import annotations

from typing import Any

from . import demo as d
from .catalog import SITE_URL, address, image
from .demo import Location, Staff


def staff_member_doc(person: Staff, today_stamp: str) -> dict[str, Any]:
    return {
        "id": person.staff_member_id,
        "name": person.name,
        "email": person.email,
        "phone": None,
        "description": person.description,
        "mainMedia": {"image": image(person.image, person.name)},
        "resourceId": person.id,
        "tags": None,
        "revision": "2",
        "createdDate": today_stamp,
        "updatedDate": today_stamp,
        "extendedFields": {"namespaces": {}},
    }


def location_doc(loc: Location) -> dict[str, Any]:
    """A Locations API location (docs/wix-contract.md §13.3)."""
    addr = address(loc)
    addr["geocode"] = addr.pop("location")
    return {
        "id": loc.id,
        "name": loc.name,
        "description": "",
        "default": loc.default,
        "status": "ACTIVE",
        "timeZone": d.TIME_ZONE,
        "email": loc.email,
        "phone": loc.phone,
        "fax": "",
        "address": addr,
        "archived": False,
        "locationTypes": ["BRANCH"],
        "revision": "4",
    }


def site_properties() -> dict[str, Any]:
    """Site Properties (docs/wix-contract.md §2)."""
    main = d.LOCATIONS[0]
    return {
        "timeZone": d.TIME_ZONE,
        "locale": {"languageCode": "en", "country": "GB"},
        "language": "en",
        "paymentCurrency": d.CURRENCY,
        "businessName": d.BUSINESS_NAME,
        "siteDisplayName": d.BUSINESS_NAME,
        "email": "hello@fernleigh.example",
        "phone": main.phone,
        "address": {
            "street": f"{main.street_number} {main.street_name}",
            "city": main.city,
            "country": "GB",
            "state": "",
            "zip": main.postal_code,
            "googleFormattedAddress": main.formatted_address,
            "coordinates": {"latitude": main.latitude, "longitude": main.longitude},
        },
        "logo": "fernleigh-logo.svg",
        "description": (
            "Massage, movement classes and mindfulness courses in Islington and Richmond."
        ),
        "businessSchedule": {
            "periods": [
                {"openDay": day, "openTime": "08:30", "closeDay": day, "closeTime": "19:30"}
                for day in ("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY")
            ],
            "specialHourPeriod": [],
        },
        "categories": {"primary": "health_wellness", "secondary": ["fitness"]},
        "multilingual": {"supportedLanguages": [], "autoRedirect": False},
        "consentPolicy": {
            "essential": True,
            "functional": True,
            "analytics": True,
            "advertising": False,
            "dataToThirdParty": False,
        },
        "businessConfig": "",
        "externalSiteUrl": SITE_URL,
    }
