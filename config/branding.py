"""The business's look from the environment: ``BRAND_COLOR`` and ``BRAND_LOGO_URL``.

Both override what Wix gives (Site Properties has a logo but no colour); a value that cannot
be used fails loudly at start-up rather than showing a broken page.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

_HEX = re.compile(r"^#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")


def brand_color(raw: str | None) -> str | None:
    """``BRAND_COLOR`` as ``#rrggbb`` (``#abc`` and a missing ``#`` accepted), or None."""
    if raw is None:
        return None
    match = _HEX.match(raw.strip())
    if not match:
        raise ImproperlyConfigured(f"BRAND_COLOR must be a hex colour like #1f5f8b, got {raw!r}")
    digits = match[1].lower()
    return "#" + (digits if len(digits) == 6 else "".join(c * 2 for c in digits))


def brand_logo_url(raw: str | None) -> str | None:
    """``BRAND_LOGO_URL``: an absolute http(s) URL or a path on this site, or None."""
    if raw is None:
        return None
    parts = urlsplit(raw)
    if (parts.scheme in {"http", "https"} and parts.netloc) or (
        not parts.scheme and not parts.netloc and raw.startswith("/")
    ):
        return raw
    raise ImproperlyConfigured(
        f"BRAND_LOGO_URL must be an https:// URL or a path starting with /, got {raw!r}"
    )
