"""Site Properties API."""

from __future__ import annotations

from booking_site.wix.models.site import SiteProperties
from booking_site.wix.resources._base import Resource


class SiteAPI(Resource):
    """Business-wide settings: time zone, currency, locale, contact details."""

    def get_properties(self) -> SiteProperties:
        """Get the site's properties.

        https://dev.wix.com/docs/api-reference/business-management/site-properties/properties/get-site-properties
        """
        # Visitor access is unconfirmed (wix-api.md §1.4): the shared caller uses the key if any.
        body = self._caller.request(
            "GET", "/site-properties/v4/properties", identity="any", retry=True
        )
        return SiteProperties.from_api(body)
