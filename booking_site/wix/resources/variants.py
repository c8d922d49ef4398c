"""Service Options and Variants API."""

from __future__ import annotations

from booking_site.wix.errors import WixNotFound
from booking_site.wix.models.variants import ServiceVariants
from booking_site.wix.resources._base import Resource, segment


class VariantsAPI(Resource):
    """Read a service's participant categories or duration variants with their prices."""

    def get_for_service(self, service_id: str) -> ServiceVariants | None:
        """The service's variants, or None when it has none (Wix answers 404).

        https://dev.wix.com/docs/rest/api-reference/wix-bookings/services/service-options-and-variants/get-service-options-and-variants-by-service-id
        """
        path = f"/bookings/v1/serviceOptionsAndVariants/service_id/{segment(service_id)}"
        try:
            body = self._caller.request("GET", path, identity="any", retry=True)
        except WixNotFound:
            return None
        return ServiceVariants.from_api(body)
