"""Services V2 API."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from booking_site.wix.constants import BOOKINGS_APP_ID
from booking_site.wix.models._parse import obj, objs, opt_int
from booking_site.wix.models.services import Service
from booking_site.wix.resources._base import Resource, segment

PAGE_SIZE = 100  # Wix's maximum for Query Services
MAX_PAGES = 50  # a runaway guard: 5,000 services is far beyond any booking site
# docs/wix-contract.md §20: Wix Bookings shows a service whose appId is its own or that has none;
# other Wix scheduling apps (Wix Services, Meetings) keep their services in the same catalogue.
BOOKINGS_ONLY = [{"appId": BOOKINGS_APP_ID}, {"appId": {"$exists": False}}]
OTHER_APPS = {"$exists": True, "$ne": BOOKINGS_APP_ID}


def is_bookings_service(service: Service) -> bool:
    """Whether Wix Bookings shows and books ``service`` (its app id, or none)."""
    return service.app_id in (None, "", BOOKINGS_APP_ID)


class ServicesAPI(Resource):
    """Read the business's services."""

    def query(
        self,
        *,
        type: str | None = None,
        category_id: str | None = None,
        slug: str | None = None,
        ids: Sequence[str] | None = None,
        include_hidden: bool = False,
        with_staff: bool = True,
        other_apps: bool = False,
    ) -> tuple[Service, ...]:
        """Query Wix Bookings' services (all pages), sorted by their sort order.

        Only services of the Wix Bookings app (or with no app id) are returned; with
        ``other_apps`` only those of other Wix apps, which the site must not offer.
        https://dev.wix.com/docs/api-reference/business-solutions/bookings/services/services-v2/query-services
        """
        if ids is not None and not ids:
            return ()
        filter_: dict[str, Any] = {}
        if other_apps:
            filter_["appId"] = OTHER_APPS
        else:
            filter_["$or"] = BOOKINGS_ONLY
        if type:
            filter_["type"] = {"$eq": type}
        if not include_hidden:
            filter_["hidden"] = False
        if category_id:
            filter_["category.id"] = category_id
        if slug:
            filter_["supportedSlugs.name"] = {"$hasSome": [slug]}
        if ids:
            filter_["id"] = {"$in": list(ids)}
        services: list[Service] = []
        offset = 0
        for _ in range(MAX_PAGES):
            body: dict[str, Any] = {
                "query": {
                    "filter": filter_,
                    "sort": [{"fieldName": "sortOrder", "order": "ASC"}],
                    "paging": {"limit": PAGE_SIZE, "offset": offset},
                }
            }
            if with_staff:
                body["conditionalFields"] = ["STAFF_MEMBER_DETAILS"]
            page = self._caller.request(
                "POST", "/bookings/v2/services/query", json=body, identity="any", retry=True
            )
            items = objs(page.get("services"))
            services += [Service.from_api(i, media_base_url=self._media_base_url) for i in items]
            offset += len(items)
            meta = obj(page.get("pagingMetadata"))
            total = opt_int(meta, "total")
            if not items or (total is not None and offset >= total):
                break
            if total is None and len(items) < PAGE_SIZE:
                break  # tooManyToCount pages carry no total: a short page is the last one
        # The filter does this at Wix; checking again keeps another app's service off the site
        # even if a gateway ignored the ``$or``.
        return tuple(s for s in services if is_bookings_service(s) != other_apps)

    def get(self, service_id: str, *, with_staff: bool = True) -> Service:
        """Get one service; raises WixNotFound for an unknown id.

        https://dev.wix.com/docs/api-reference/business-solutions/bookings/services/services-v2/query-services
        """
        params = {"conditionalFields": "STAFF_MEMBER_DETAILS"} if with_staff else None
        body = self._caller.request(
            "GET",
            f"/bookings/v2/services/{segment(service_id)}",
            params=params,
            identity="any",
            retry=True,
        )
        return Service.from_api(obj(body.get("service")), media_base_url=self._media_base_url)
