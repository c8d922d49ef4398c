"""Staff Members API: the bios and photos of the people a service is booked with."""

from __future__ import annotations

from collections.abc import Sequence

from booking_site.wix.models._parse import objs
from booking_site.wix.models.staff import StaffProfile
from booking_site.wix.resources._base import Resource

# Wix's page limit for this query (docs/wix-contract.md §13.2); a business has fewer staff.
_PAGE = 100


class StaffMembersAPI(Resource):
    """Read staff members by the resource ids services and time slots name them by."""

    def query(self, *, resource_ids: Sequence[str] | None = None) -> tuple[StaffProfile, ...]:
        """Query Staff Members whose ``resourceId`` is one of ``resource_ids``, or (None) the
        business's first 100 (one page).

        https://dev.wix.com/docs/api-reference/business-solutions/bookings/staff-members/staff-members/query-staff-members
        """
        if resource_ids is not None and not resource_ids:
            return ()
        query: dict[str, object] = {"cursorPaging": {"limit": _PAGE}}
        if resource_ids is not None:
            query["filter"] = {"resourceId": {"$in": list(resource_ids)[:_PAGE]}}
        # Visitor access is unconfirmed (docs/wix-contract.md §13.2): the shared caller uses the
        # API key when there is one; callers treat a refusal as "no bios".
        body = self._caller.request(
            "POST",
            "/bookings/v1/staff-members/query",
            json={"query": query},
            identity="any",
            retry=True,
        )
        return tuple(
            StaffProfile.from_api(item, media_base_url=self._media_base_url)
            for item in objs(body.get("staffMembers"))
        )
