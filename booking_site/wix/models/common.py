"""Shared value types: Money and Image."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any, Self

from booking_site.wix.constants import DEFAULT_MEDIA_BASE_URL
from booking_site.wix.errors import WixResponseError
from booking_site.wix.models._parse import opt_int, opt_str

# wix:image://v1/<file>/<display name>#originWidth=600&originHeight=400
_WIX_IMAGE_URI = re.compile(r"^wix:image://v1/(?P<file>[^/#?]+)")
_ORIGIN_SIZE = re.compile(r"origin(?P<axis>Width|Height)=(?P<value>\d+)")


@dataclass(frozen=True)
class Money:
    """An amount in a currency; ``formatted`` is Wix's display string when it sent one."""

    amount: Decimal
    currency: str
    formatted: str | None = None

    @classmethod
    def from_api(cls, payload: Mapping[str, Any], *, currency: str | None = None) -> Self:
        """Parse ``{value, currency, formattedValue}`` or eCom ``{amount, formattedAmount}``.

        eCom amounts carry no currency of their own; pass the checkout's as ``currency``.
        """
        raw = payload.get("value", payload.get("amount"))
        if isinstance(raw, bool) or not isinstance(raw, str | int | float):
            raise WixResponseError("Money payload lacks a value/amount")
        try:
            amount = Decimal(str(raw))
        except InvalidOperation as exc:
            raise WixResponseError(f"Money amount {raw!r} is not a decimal") from exc
        if not amount.is_finite():
            raise WixResponseError(f"Money amount {raw!r} is not finite")
        return cls(
            amount=amount,
            currency=opt_str(payload, "currency") or currency or "",
            formatted=opt_str(payload, "formattedValue") or opt_str(payload, "formattedAmount"),
        )

    @classmethod
    def maybe(cls, payload: Any, *, currency: str | None = None) -> Self | None:
        """Like ``from_api`` for optional prices: None when absent, empty or malformed."""
        if not isinstance(payload, Mapping) or not payload:
            return None
        try:
            return cls.from_api(payload, currency=currency)
        except WixResponseError:
            return None


@dataclass(frozen=True)
class Image:
    """A picture with a public URL (Wix media ids are resolved against the media base URL)."""

    url: str
    alt: str | None = None
    width: int | None = None
    height: int | None = None

    @classmethod
    def from_api(
        cls, payload: Mapping[str, Any], *, media_base_url: str = DEFAULT_MEDIA_BASE_URL
    ) -> Self:
        """Parse a Wix ``image`` object; raises WixResponseError when it has no url or id."""
        raw = opt_str(payload, "url") or opt_str(payload, "id")
        if raw is None:
            raise WixResponseError("Image payload lacks url and id")
        width, height = opt_int(payload, "width"), opt_int(payload, "height")
        for match in _ORIGIN_SIZE.finditer(raw if raw.startswith("wix:image:") else ""):
            if match["axis"] == "Width":
                width = width or int(match["value"])
            else:
                height = height or int(match["value"])
        return cls(
            url=resolve_media_url(raw, media_base_url),
            alt=opt_str(payload, "altText"),
            width=width,
            height=height,
        )

    @classmethod
    def maybe(cls, payload: Any, *, media_base_url: str = DEFAULT_MEDIA_BASE_URL) -> Self | None:
        """Like ``from_api`` for optional images: None when absent or unusable."""
        if not isinstance(payload, Mapping):
            return None
        try:
            return cls.from_api(payload, media_base_url=media_base_url)
        except WixResponseError:
            return None


def resolve_media_url(raw: str, media_base_url: str = DEFAULT_MEDIA_BASE_URL) -> str:
    """Public URL for an absolute URL, a ``wix:image://v1/<file>/…`` URI or a bare media file."""
    if raw.startswith(("https://", "http://", "//")):
        return raw
    match = _WIX_IMAGE_URI.match(raw)
    file_name = match["file"] if match else raw.lstrip("/")
    return media_base_url.rstrip("/") + "/" + file_name
