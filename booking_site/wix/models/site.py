"""Site properties: the business's time zone, locale, contact details and logo."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Self

from booking_site.wix.constants import DEFAULT_MEDIA_BASE_URL
from booking_site.wix.errors import WixResponseError
from booking_site.wix.models._parse import obj, opt_str
from booking_site.wix.models.common import resolve_media_url


@dataclass(frozen=True)
class SiteProperties:
    """The parts of Site Properties the booking site shows or needs."""

    time_zone: str
    currency: str | None
    locale: str | None
    business_name: str | None
    email: str | None
    phone: str | None
    address_text: str | None
    # ``logo`` is a path in Wix Media without its base URL (the SDK's ``Properties.logo``).
    logo_url: str | None = None

    @classmethod
    def from_api(
        cls, payload: Mapping[str, Any], *, media_base_url: str = DEFAULT_MEDIA_BASE_URL
    ) -> Self:
        """Parse ``{"properties": {...}}`` (or the inner object); the time zone is required."""
        props = obj(payload.get("properties")) or payload
        time_zone = opt_str(props, "timeZone")
        if time_zone is None:
            raise WixResponseError("Site properties lack timeZone")
        locale, logo = obj(props.get("locale")), opt_str(props, "logo")
        language, country = opt_str(locale, "languageCode"), opt_str(locale, "country")
        return cls(
            time_zone=time_zone,
            currency=opt_str(props, "paymentCurrency"),
            locale=f"{language}-{country}" if language and country else language,
            business_name=opt_str(props, "businessName") or opt_str(props, "siteDisplayName"),
            email=opt_str(props, "email"),
            phone=opt_str(props, "phone"),
            address_text=_address_text(obj(props.get("address"))),
            logo_url=resolve_media_url(logo, media_base_url) if logo else None,
        )


def _address_text(address: Mapping[str, Any]) -> str | None:
    formatted = opt_str(address, "googleFormattedAddress")
    if formatted:
        return formatted
    parts = [opt_str(address, key) for key in ("street", "city", "state", "zip", "country")]
    return ", ".join(p for p in parts if p) or None
