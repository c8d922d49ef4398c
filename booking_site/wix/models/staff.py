"""Staff Members API members: the name, bio and photo a service page shows beside a name."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Self

from booking_site.wix.constants import DEFAULT_MEDIA_BASE_URL
from booking_site.wix.models._parse import obj, opt_str, req_str
from booking_site.wix.models.common import Image


@dataclass(frozen=True)
class StaffProfile:
    """One staff member (docs/wix-contract.md §13.2); ``resource_id`` is the id slots and
    services use for them (``StaffMember.id``), ``id`` the Staff Members API's own."""

    id: str
    resource_id: str | None
    name: str
    description: str | None
    image: Image | None

    @classmethod
    def from_api(
        cls, payload: Mapping[str, Any], *, media_base_url: str = DEFAULT_MEDIA_BASE_URL
    ) -> Self:
        """Parse one ``staffMembers[]`` entry; the id is required."""
        return cls(
            id=req_str(payload, "id", "StaffMember"),
            resource_id=opt_str(payload, "resourceId"),
            name=opt_str(payload, "name") or "",
            description=opt_str(payload, "description"),
            image=Image.maybe(
                obj(payload.get("mainMedia")).get("image"), media_base_url=media_base_url
            ),
        )
