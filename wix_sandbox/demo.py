"""The demo business as seen by tests and the site: ids by short key, plus re-exports."""

from __future__ import annotations

from .demo_data import CATEGORIES, LOCATIONS, STAFF
from .demo_data import SERVICES as _SERVICES
from .demo_forms import SERVICES as _FORM_SERVICES
from .demo_types import (
    BOOKINGS_APP_ID,
    BUSINESS_NAME,
    CURRENCY,
    DEFAULT_FORM_ID,
    SPLIT_INTERVAL_MINUTES,
    STAFF_RESOURCE_TYPE_ID,
    TIME_ZONE,
    WIX_SERVICES_APP_ID,
    ActionPolicy,
    Category,
    Location,
    Recurrence,
    ServiceSpec,
    Staff,
    WorkingHours,
    demo_id,
)

# Each kind of service kept in its own module adds its services here.
SERVICES = _SERVICES + _FORM_SERVICES

__all__ = [
    "BOOKINGS_APP_ID",
    "BUSINESS_NAME",
    "CATEGORIES",
    "CURRENCY",
    "DEFAULT_FORM_ID",
    "LOCATIONS",
    "SERVICES",
    "SPLIT_INTERVAL_MINUTES",
    "STAFF",
    "STAFF_RESOURCE_TYPE_ID",
    "TIME_ZONE",
    "WIX_SERVICES_APP_ID",
    "ActionPolicy",
    "Category",
    "Demo",
    "Location",
    "Recurrence",
    "ServiceSpec",
    "Staff",
    "WorkingHours",
    "demo_id",
]


class Demo:
    """Ids of the demo objects by short key, for tests and the site's fixtures."""

    time_zone = TIME_ZONE
    currency = CURRENCY
    business_name = BUSINESS_NAME

    def __init__(self) -> None:
        self.services = {s.key: s for s in SERVICES}
        self.staff_members = {s.key: s for s in STAFF}
        self.locations = {loc.key: loc for loc in LOCATIONS}
        self.categories = {c.key: c for c in CATEGORIES}
        self._by_id = {s.id: s for s in SERVICES}
        self._staff_by_id = {s.id: s for s in STAFF}

    def service(self, key: str) -> str:
        """Service id for a key such as ``"massage"``, ``"yoga"``, ``"mindfulness"``."""
        return self.services[key].id

    def schedule(self, key: str) -> str:
        return self.services[key].schedule_id

    def staff(self, key: str) -> str:
        """Staff *resource* id for ``"maya"``, ``"tom"``, ``"priya"`` or ``"leo"``."""
        return self.staff_members[key].id

    def location(self, key: str) -> str:
        return self.locations[key].id

    def category(self, key: str) -> str:
        return self.categories[key].id

    def option(self, key: str) -> str:
        """The variant option id of a VARIED service (``"family_yoga"``)."""
        return self.services[key].option_id

    def spec(self, service_id: str) -> ServiceSpec | None:
        return self._by_id.get(service_id)

    def staff_by_id(self, resource_id: str) -> Staff | None:
        return self._staff_by_id.get(resource_id)

    def service_by_schedule(self, schedule_id: str) -> ServiceSpec | None:
        return next((s for s in self.services.values() if s.schedule_id == schedule_id), None)

    def replace(self, spec: ServiceSpec) -> None:
        """Swap a service's spec (same key and id) so every lookup sees the new one."""
        self.services[spec.key] = spec
        self._by_id[spec.id] = spec
