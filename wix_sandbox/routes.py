"""The route table: every Wix path the sandbox serves, with aliases (docs/wix-contract.md §0.2).

Each route has an endpoint name (used for call counts and fault injection) and an
access level: ``none`` (token endpoint), ``any`` (visitor or API key), ``admin``, or
``token`` (anonymous booking actions: the path token is the authority, a credential optional).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from . import (
    anonymous_actions,
    availability,
    booking_actions,
    bookings,
    calendar_events,
    catalog_api,
    demo_forms,
    ecom,
    event_slots,
    members,
    orders,
    plans,
    redirects,
)
from .context import Ctx

Handler = Callable[[Ctx], dict[str, Any]]


@dataclass(frozen=True)
class Route:
    method: str
    pattern: re.Pattern[str]
    name: str
    handler: Handler
    access: str = "any"


SERVICES = ("/bookings/v2/services", "/_api/bookings/v2/services")
SLOTS = ("/service-availability/v2/time-slots", "/_api/service-availability/v2/time-slots")
BOOKINGS = ("/bookings/v2/bookings", "/_api/bookings-service/v2/bookings")
CONFIRMATION = ("/bookings/v2/confirmation", "/_api/bookings-confirmator/v2/confirmation")
READER = (
    "/_api/bookings-reader/v2/extended-bookings",
    "/bookings/bookings-reader/v2/extended-bookings",
)
VARIANTS = ("/bookings/v1/serviceOptionsAndVariants",)
STAFF = ("/bookings/v1/staff-members", "/bookings/v2/staff-members")
REDIRECTS = (
    "/redirect-session/v1/redirect-session",
    "/headless/v1/redirect-session",
    "/_api/redirects-api/v1/redirect-session",
    "/redirect-session/v1/session",
)
SITE = ("/site-properties/v4/properties", "/site-properties/properties")
ANONYMOUS = ("/v1/anonymous-bookings", "/_api/v1/anonymous-bookings")
CHECKOUTS, CARTS = ("/ecom/v1/checkouts",), ("/ecom/v2/carts",)
FORMS = ("/form-schema-service/v4/forms", "/_api/form-schema-service/v4/forms")
EVENTS = ("/calendar/v3/events", "/_api/calendar/v3/events")


def _compile(path: str) -> re.Pattern[str]:
    # {name} matches one segment; ids stop at ':' so ":confirmOrDecline" stays literal.
    regex = re.sub(
        r"\{(\w+)\}", r"(?P<\1>[^/:]+)", re.escape(path).replace(r"\{", "{").replace(r"\}", "}")
    )
    return re.compile(regex + "/?")


def _add(
    table: list[Route],
    method: str,
    prefixes: tuple[str, ...],
    suffix: str,
    name: str,
    handler: Handler,
    access: str = "any",
) -> None:
    for prefix in prefixes:
        table.append(Route(method, _compile(prefix + suffix), name, handler, access))


def _anonymous(t: list[Route]) -> None:
    """§27: the token routes need no credential (access ``token``); minting needs the key."""
    a = anonymous_actions
    # Minting checks its caller itself: the key, or (behind a knob) the booking's visitor.
    _add(t, "GET", ANONYMOUS, "/{bookingId}/token", "anonymous.token", a.get_token, "any")
    _add(t, "GET", ANONYMOUS, "/{token}/service", "anonymous.service", a.get_service, "token")
    _add(t, "POST", ANONYMOUS, "/{token}/cancel", "anonymous.cancel", a.cancel, "token")
    _add(t, "POST", ANONYMOUS, "/{token}/reschedule", "anonymous.reschedule", a.reschedule, "token")
    _add(t, "GET", ANONYMOUS, "/{token}", "anonymous.get", a.get_booking, "token")


def _table() -> list[Route]:
    t: list[Route] = []
    _add(t, "POST", ("/oauth2/token",), "", "oauth.token", lambda ctx: {}, "none")
    _add(t, "GET", SITE, "", "site.properties", catalog_api.site_properties)
    _add(t, "POST", SERVICES, "/query", "services.query", catalog_api.query_services)
    _add(t, "POST", SERVICES, "/locations/query", "services.locations", catalog_api.query_locations)
    _add(
        t,
        "POST",
        SERVICES,
        "/categories/query",
        "services.categories",
        catalog_api.query_categories,
    )
    _add(t, "GET", SERVICES, "/{serviceId}", "services.get", catalog_api.get_service)
    _add(t, "POST", SLOTS, "", "time_slots.list", availability.list_time_slots)
    _add(t, "POST", SLOTS, "/get", "time_slots.get", availability.get_time_slot)
    _add(t, "POST", SLOTS, "/event", "events.list", event_slots.list_event_slots)
    _add(t, "GET", SLOTS, "/event/{eventId}", "events.get", event_slots.get_event_slot)
    _add(t, "POST", EVENTS, "/query", "calendar.events", calendar_events.query_events)
    _add(t, "POST", BOOKINGS, "", "bookings.create", bookings.create_booking)
    for action, handler in (
        ("confirm", booking_actions.confirm_booking),
        ("decline", booking_actions.decline_booking),
        ("cancel", booking_actions.cancel_booking),
        ("mark_booking_as_pending", booking_actions.mark_pending),
    ):
        name = "bookings.mark_pending" if action.startswith("mark") else f"bookings.{action}"
        _add(t, "POST", BOOKINGS, f"/{{bookingId}}/{action}", name, handler, "admin")
    _add(
        t,
        "POST",
        BOOKINGS,
        "/{bookingId}/reschedule",
        "bookings.reschedule",
        anonymous_actions.reschedule_booking,
        "admin",
    )
    _anonymous(t)
    _add(
        t,
        "POST",
        CONFIRMATION,
        "/{bookingId}:confirmOrDecline",
        "bookings.confirm_or_decline",
        booking_actions.confirm_or_decline_booking,
        "admin",
    )
    _add(
        t,
        "POST",
        READER,
        "/query",
        "extended_bookings.query",
        booking_actions.query_extended_bookings,
        "admin",
    )
    _add(
        t,
        "POST",
        READER,
        "/count",
        "extended_bookings.count",
        booking_actions.count_extended_bookings,
        "admin",
    )
    _add(
        t,
        "GET",
        VARIANTS,
        "/service_id/{serviceId}",
        "variants.get",
        catalog_api.get_variants_by_service,
    )
    _add(t, "POST", VARIANTS, "/query", "variants.query", catalog_api.query_variants)
    _add(t, "GET", VARIANTS, "/{id}", "variants.get_by_id", catalog_api.get_variants)
    _add(t, "POST", STAFF, "/query", "staff.query", catalog_api.query_staff)
    _add(t, "GET", ("/locations/v1/locations",), "", "locations.list", catalog_api.list_locations)
    _add(t, "GET", ("/locations/v1/locations",), "/{id}", "locations.get", catalog_api.get_location)
    _add(t, "POST", CHECKOUTS, "", "checkouts.create", ecom.create_checkout)
    _add(t, "GET", CHECKOUTS, "/{id}", "checkouts.get", ecom.get_checkout)
    _add(t, "GET", CHECKOUTS, "/{id}/checkout-url", "checkouts.checkout_url", ecom.checkout_url)
    _add(t, "POST", CHECKOUTS, "/{id}/getCheckoutUrl", "checkouts.checkout_url", ecom.checkout_url)
    for suffix in ("/{id}/create-order", "/{id}/createOrder"):
        _add(t, "POST", CHECKOUTS, suffix, "checkouts.create_order", orders.create_checkout_order)
    _add(t, "POST", CARTS, "", "carts.create", ecom.create_cart)
    _add(t, "GET", CARTS, "/{id}", "carts.get", ecom.get_cart)
    _add(t, "POST", CARTS, "/{id}/calculate", "carts.calculate", ecom.calculate_cart)
    _add(t, "POST", CARTS, "/{id}/get-checkout-url", "carts.checkout_url", ecom.cart_checkout_url)
    _add(t, "POST", CARTS, "/{id}/place-order", "carts.place_order", orders.place_cart_order)
    _add(t, "POST", REDIRECTS, "", "redirects.create", redirects.create_redirect_session)
    _add(t, "POST", ("/ecom/v1/orders",), "", "orders.create", orders.create_order, "admin")
    _members(t)
    _add(t, "GET", FORMS, "/{formId}/summary", "forms.summary", demo_forms.get_form_summary)
    _add(t, "GET", FORMS, "/{formId}", "forms.get", demo_forms.get_form)
    return t


def _members(t: list[Route]) -> None:
    """§28: the member, plans, the member's plan orders and benefit balances."""
    _add(t, "GET", ("/members/v1/members",), "/my", "members.get_my", members.get_my_member)
    _add(t, "GET", ("/pricing-plans/v3/plans",), "/query", "plans.query", plans.query_plans)
    orders_path = ("/pricing-plans/v2/member/orders",)
    _add(t, "GET", orders_path, "", "plan_orders.member_list", plans.member_list_orders)
    balances = ("/benefit-programs/v1/balances",)
    _add(t, "POST", balances, "/query", "balances.query", plans.query_balances, "admin")


ROUTES = _table()
ENDPOINT_NAMES = frozenset(route.name for route in ROUTES)


def match(method: str, path: str) -> tuple[Route, dict[str, str]] | None:
    """The route for a request, with its path parameters."""
    for route in ROUTES:
        if route.method == method or (method == "HEAD" and route.method == "GET"):
            found = route.pattern.fullmatch(path)
            if found:
                return route, found.groupdict()
    return None
