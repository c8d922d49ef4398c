"""Site Properties API."""

from __future__ import annotations

from booking_site.wix.models.site import SiteProperties
from booking_site.wix.resources._base import Resource


class SiteAPI(Resource):
    """Business-wide settings: time zone, currency, locale, contact details."""

    def get_properties(self, *, as_visitor: bool = False) -> SiteProperties:
        """Get the site's properties (``as_visitor``: with the visitor's token, on a visitor scope).

        https://dev.wix.com/docs/api-reference/business-management/site-properties/properties/get-site-properties
        """
        # Visitor access is unconfirmed (docs/wix-contract.md §1.4): the shared caller uses the key
        # if any; wix_doctor asks as a visitor on purpose, to learn whether the keyless site can
        # read it.
        body = self._caller.request(
            "GET",
            "/site-properties/v4/properties",
            identity="visitor" if as_visitor else "any",
            retry=True,
        )
        return SiteProperties.from_api(body, media_base_url=self._media_base_url)
