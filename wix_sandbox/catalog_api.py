"""Read-only catalogue endpoints: services, locations, categories, variants, staff, site."""

from __future__ import annotations

from typing import Any

from . import catalog, site
from .context import Ctx
from .errors import invalid, not_found
from .query import matches, offset_page, sort_docs

SERVICE_FILTER_FIELDS = frozenset(
    {
        "id",
        "appId",
        "type",
        "name",
        "description",
        "tagLine",
        "hidden",
        "category.id",
        "category.name",
        "form.id",
        "mainSlug.name",
        "onlineBooking.enabled",
        "payment.options.online",
        "payment.options.inPerson",
        "payment.options.pricingPlan",
        "payment.rateType",
        "schedule.firstSessionStart",
        "schedule.lastSessionEnd",
        "staffMemberIds",
        "locations.business.id",
        "supportedSlugs.name",
        "serviceResources.resourceIds.values",
        "sortOrder",
        "createdDate",
        "updatedDate",
        "defaultCapacity",
    }
)


def _check_service_filter(filter_: Any) -> None:
    """Unknown filter fields are rejected (a bare ``categoryId`` fails, per
    docs/wix-contract.md §3.1)."""
    if not isinstance(filter_, dict):
        return
    for key, value in filter_.items():
        if key in ("$and", "$or"):
            for part in value if isinstance(value, list) else []:
                _check_service_filter(part)
        elif key == "$not":
            _check_service_filter(value)
        elif key not in SERVICE_FILTER_FIELDS:
            raise invalid(f"query.filter.{key}", "is not a supported filter field")


def _services(ctx: Ctx, filter_: Any, staff_details: bool = False) -> list[dict[str, Any]]:
    _check_service_filter(filter_)
    docs = [
        catalog.service_doc(ctx.state, spec, staff_details=staff_details)
        for spec in ctx.state.demo.services.values()
    ]
    return [doc for doc in docs if matches(filter_, doc)]


def query_services(ctx: Ctx) -> dict[str, Any]:
    """POST /bookings/v2/services/query: offset paging, ≤100 per page."""
    body = ctx.request.json
    query = body.get("query")
    if not isinstance(query, dict):
        raise invalid("query", "is required")
    details = "STAFF_MEMBER_DETAILS" in (body.get("conditionalFields") or [])
    found = _services(ctx, query.get("filter") or {}, details)
    found = sort_docs(found, query.get("sort"), [{"fieldName": "createdDate", "order": "ASC"}])
    limit, offset = offset_page(query, 100, 100)
    page = found[offset : offset + limit]
    return {
        "services": page,
        "pagingMetadata": {
            "count": len(page),
            "offset": offset,
            "total": len(found),
            "tooManyToCount": False,
        },
    }


def get_service(ctx: Ctx) -> dict[str, Any]:
    """GET /bookings/v2/services/{serviceId}."""
    spec = ctx.state.demo.spec(ctx.params["serviceId"])
    if spec is None:
        raise not_found("SERVICE_NOT_FOUND", f"service {ctx.params['serviceId']} not found")
    details = "STAFF_MEMBER_DETAILS" in ctx.request.query.get("conditionalFields", [])
    return {"service": catalog.service_doc(ctx.state, spec, staff_details=details)}


def query_locations(ctx: Ctx) -> dict[str, Any]:
    """POST /bookings/v2/services/locations/query: business locations used by services."""
    filter_ = ctx.request.json.get("filter") or {}
    services = _services(ctx, filter_.get("services") or {})
    wanted = set(filter_.get("businessLocationIds") or [])
    used = {loc["id"] for svc in services for loc in svc["locations"]}
    locations = [
        catalog.service_location(loc)
        for loc in ctx.state.demo.locations.values()
        if loc.id in used and (not wanted or loc.id in wanted)
    ]
    return {
        "businessLocations": {"exists": bool(locations), "locations": locations},
        "customLocations": {"exists": False},
        "customerLocations": {"exists": False},
    }


def query_categories(ctx: Ctx) -> dict[str, Any]:
    """POST /bookings/v2/services/categories/query."""
    filter_ = ctx.request.json.get("filter") or {}
    used = {
        s["category"]["id"]
        for s in _services(ctx, filter_.get("services") or {})
        if "category" in s
    }
    wanted = set(filter_.get("categoryIds") or [])
    return {
        "categories": [
            {"id": c.id, "name": c.name, "sortOrder": c.sort_order}
            for c in ctx.state.demo.categories.values()
            if c.id in used and (not wanted or c.id in wanted)
        ]
    }


def site_properties(ctx: Ctx) -> dict[str, Any]:
    """GET /site-properties/v4/properties, honouring ``fields.paths``."""
    props = site.site_properties()
    paths = ctx.request.query.get("fields.paths") or ctx.request.query.get("fields", [])
    if paths:
        props = {k: v for k, v in props.items() if k in paths}
    return {"version": "207", "properties": props}


def _variants_for(ctx: Ctx, service_id: str) -> dict[str, Any]:
    spec = ctx.state.demo.spec(service_id)
    if spec is None or not spec.variants:
        # UNCONFIRMED (docs/wix-contract.md §12): a service without variants answers 404.
        raise not_found("NOT_FOUND", f"no options and variants for service {service_id}")
    return catalog.variants_doc(spec)


def get_variants_by_service(ctx: Ctx) -> dict[str, Any]:
    """GET /bookings/v1/serviceOptionsAndVariants/service_id/{serviceId}."""
    return {"serviceVariants": _variants_for(ctx, ctx.params["serviceId"])}


def get_variants(ctx: Ctx) -> dict[str, Any]:
    """GET /bookings/v1/serviceOptionsAndVariants/{id}."""
    for spec in ctx.state.demo.services.values():
        if spec.variants and catalog.variants_doc(spec)["id"] == ctx.params["id"]:
            return {"serviceVariants": catalog.variants_doc(spec)}
    raise not_found("NOT_FOUND", f"service options and variants {ctx.params['id']} not found")


def query_variants(ctx: Ctx) -> dict[str, Any]:
    """POST /bookings/v1/serviceOptionsAndVariants/query."""
    query = ctx.request.json.get("query") or {}
    docs = [catalog.variants_doc(s) for s in ctx.state.demo.services.values() if s.variants]
    found = [doc for doc in docs if matches(query.get("filter") or {}, doc)]
    return {
        "serviceOptionsAndVariantsList": found,
        "pagingMetadata": {"count": len(found), "cursors": {"next": None}, "hasNext": False},
    }


def query_staff(ctx: Ctx) -> dict[str, Any]:
    """POST /bookings/v1/staff-members/query (and the v2 alias)."""
    query = ctx.request.json.get("query") or {}
    stamp = f"{ctx.state.today.isoformat()}T00:00:00.000Z"
    docs = [site.staff_member_doc(p, stamp) for p in ctx.state.demo.staff_members.values()]
    found = [doc for doc in docs if matches(query.get("filter") or {}, doc)]
    found = sort_docs(found, query.get("sort"), [{"fieldName": "id", "order": "ASC"}])
    return {
        "staffMembers": found,
        "pagingMetadata": {"count": len(found), "cursors": {"next": None}, "hasNext": False},
    }


def list_locations(ctx: Ctx) -> dict[str, Any]:
    """GET /locations/v1/locations."""
    docs = [site.location_doc(loc) for loc in ctx.state.demo.locations.values()]
    return {
        "locations": docs,
        "pagingMetadata": {"count": len(docs), "offset": 0, "total": len(docs), "hasNext": False},
    }


def get_location(ctx: Ctx) -> dict[str, Any]:
    """GET /locations/v1/locations/{id}."""
    for loc in ctx.state.demo.locations.values():
        if loc.id == ctx.params["id"]:
            return {"location": site.location_doc(loc)}
    raise not_found("LOCATION_NOT_FOUND", f"location {ctx.params['id']} not found")
