"""The people a service is booked with: names from the service, bios and photos from Wix.

The service's own ``staffMemberDetails`` gives names and photos; the Staff Members API adds
the bio (and a photo where the service had none). That read may be refused to a visitor
(docs/wix-contract.md §13.2) or fail: the names and photos are shown anyway.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from booking_site.services.caching import cached_read
from booking_site.wix import Image, Service, StaffProfile, WixError, get_client

logger = logging.getLogger(__name__)
STAFF_TTL = 300


@dataclass(frozen=True)
class TeamMember:
    """One person of a service: ``id`` is the staff resource id slots and filters use."""

    id: str
    name: str
    bio: str | None
    image: Image | None


def staff_profiles() -> dict[str, StaffProfile]:
    """The business's staff by resource id: one Wix read for the whole site (cached 5
    minutes, warmed with the catalogue by ``warm``). Raises ``WixError``."""
    found = cached_read(
        "staff",
        lambda: get_client().staff.query(),
        ttl=STAFF_TTL,
        stale_ttl=86400,
    )
    return {p.resource_id: p for p in found if p.resource_id}


def service_team(service: Service) -> tuple[TeamMember, ...]:
    """The service's staff in Wix's order, with bios where Wix gives them; never raises."""
    if not service.staff:
        return ()
    try:
        profiles = staff_profiles()
    except WixError as exc:
        logger.info("staff profiles unavailable: %s", exc)
        profiles = {}
    team = []
    for person in service.staff:
        profile = profiles.get(person.id)
        team.append(
            TeamMember(
                id=person.id,
                name=person.name or (profile.name if profile else ""),
                bio=profile.description if profile else None,
                image=person.image or (profile.image if profile else None),
            )
        )
    return tuple(team)
