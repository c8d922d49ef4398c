"""The catalogue: the business, its services grouped by category, and service variants.

All reads are cached (minutes) in the shared cache, so browsing costs no Wix calls when warm.
"""

from __future__ import annotations

from dataclasses import dataclass

from booking_site.errors import BookingError
from booking_site.services import prefetch
from booking_site.services.caching import cached_read
from booking_site.services.wix_errors import wix_errors
from booking_site.wix import (
    RateType,
    Service,
    ServiceVariants,
    WixError,
    get_client,
)
from booking_site.wix.models.services import Category

CATALOGUE_TTL = 300
SITE_TTL = 600
SERVICE_TYPES = ("APPOINTMENT", "CLASS", "COURSE")


@dataclass(frozen=True)
class SiteInfo:
    """What we show about the business; the time zone may be unknown without an API key."""

    business_name: str | None
    time_zone: str | None
    currency: str | None
    logo_url: str | None = None


@dataclass(frozen=True)
class ServiceGroup:
    """Services of one category, in the business's order."""

    category: Category
    services: tuple[Service, ...]


def site_info() -> SiteInfo:
    """The business's name, time zone, currency and logo (cached; degrades to unknowns)."""

    def load() -> SiteInfo:
        props = get_client().site.get_properties()
        return SiteInfo(props.business_name, props.time_zone, props.currency, props.logo_url)

    try:
        return cached_read("site", load, ttl=SITE_TTL, stale_ttl=86400)
    except WixError:
        # A visitor token may not read Site Properties (docs/wix-contract.md §1.4, UNCONFIRMED); the
        # time zone then comes from the Time Slots responses instead.
        return SiteInfo(None, None, None)


def _all_services() -> tuple[Service, ...]:
    with wix_errors():
        # A business has services: an empty answer after a good one is a Wix fault (or an answer
        # that lost its content), and must not empty the site until the next refresh.
        return cached_read(
            "services",
            lambda: get_client().services.query(),
            ttl=CATALOGUE_TTL,
            stale_ttl=86400,
            usable=bool,
        )


def _listed(service: Service) -> bool:
    # As on Wix: hidden services and services without a category are not shown.
    return not service.hidden and service.category is not None and service.type in SERVICE_TYPES


def list_services(*, service_type: str | None = None) -> list[ServiceGroup]:
    """Visible services, optionally of one type, grouped by category in Wix's order.

    Raises ``BookingError`` (``temporarily_unavailable``) when Wix is down and nothing is cached.
    """
    services = [s for s in _all_services() if _listed(s)]
    if service_type:
        services = [s for s in services if s.type == service_type]
    groups: dict[str, list[Service]] = {}
    categories: dict[str, Category] = {}
    for service in sorted(services, key=lambda s: (s.sort_order, s.name)):
        assert service.category is not None
        categories[service.category.id] = service.category
        groups.setdefault(service.category.id, []).append(service)
    ordered = sorted(categories.values(), key=lambda c: (c.sort_order, c.name))
    prefetch.first_windows(s for c in ordered for s in groups[c.id])  # warm the next page
    return [ServiceGroup(category, tuple(groups[category.id])) for category in ordered]


def _other_apps_services() -> tuple[Service, ...]:
    """Services of other Wix apps (docs/wix-contract.md §20), only to explain a deep link to one."""
    return cached_read(
        "services:other-apps",
        lambda: get_client().services.query(other_apps=True, with_staff=False),
        ttl=CATALOGUE_TTL,
        stale_ttl=86400,
    )


def _has_slug(service: Service, slug: str) -> bool:
    return service.slug == slug or slug in service.supported_slugs


def get_service(slug: str) -> Service:
    """The visible service whose current or former slug is ``slug``.

    Raises ``BookingError("service_not_bookable_here")`` when ``slug`` is a service of another
    Wix app, ``BookingError("service_not_found")`` when there is none.
    """
    for service in _all_services():
        if _listed(service) and _has_slug(service, slug):
            return service
    try:
        foreign = any(_has_slug(s, slug) for s in _other_apps_services())
    except WixError:
        foreign = False  # only the wording of a not-found page depends on it
    if foreign:
        raise BookingError("service_not_bookable_here")
    raise BookingError("service_not_found")


def get_service_by_id(service_id: str) -> Service:
    """The visible service with this id; ``BookingError("service_not_found")`` otherwise."""
    for service in _all_services():
        if service.id == service_id and _listed(service):
            return service
    raise BookingError("service_not_found")


def get_variants(service: Service) -> ServiceVariants | None:
    """The service's price variants (e.g. Adult/Child), or None when it has none."""
    if service.payment.rate_type != RateType.VARIED:
        return None
    with wix_errors():
        return cached_read(
            f"variants:{service.id}",
            lambda: get_client().variants.get_for_service(service.id),
            ttl=CATALOGUE_TTL,
            stale_ttl=86400,
        )
