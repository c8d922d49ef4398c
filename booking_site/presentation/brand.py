"""The business's colour as the site's palette, with WCAG 2.2 AA contrast for any colour.

One colour (``BRAND_COLOR``) becomes four CSS custom properties that ``static/css/site.css``
uses everywhere it shows the brand:

* ``--brand-fill``: the colour itself, for filled surfaces (buttons, the chosen day);
* ``--brand-ink``: white or black, whichever reads better on the fill (at least 4.58:1 for
  any colour, so always AA);
* ``--brand``: the colour for text, links and borders on the light surfaces (paper, the
  page's wash, the soft tint): the colour itself when it reaches 4.5:1 on all of them, else
  darkened towards black (keeping its hue) until it does;
* ``--brand-soft``: a pale tint of the colour behind brand text (tags, available days).

Relative luminance and contrast ratio follow WCAG 2.2's definitions (sRGB, 0.04045 cut-off).
"""

from __future__ import annotations

import functools
import hashlib
import re

AA_TEXT = 4.5
WHITE, BLACK = "#ffffff", "#000000"
# The light surfaces brand text sits on (site.css's --paper and --wash).
SURFACES = ("#ffffff", "#f5f6f8")
_HEX = re.compile(r"^#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
_SOFT_TINT = 0.88  # share of white in --brand-soft
_STEP = 0.02  # darkening step (share of black added each time)

Rgb = tuple[int, int, int]


def normalise(color: str) -> str:
    """``#abc`` or ``aabbcc`` as ``#aabbcc``; ValueError for anything else."""
    match = _HEX.match(color.strip())
    if not match:
        raise ValueError(f"not a hex colour: {color!r}")
    digits = match[1].lower()
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    return "#" + digits


def _rgb(color: str) -> Rgb:
    digits = normalise(color)[1:]
    return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)


def _hex(rgb: tuple[float, float, float]) -> str:
    return "#" + "".join(f"{round(c):02x}" for c in rgb)


def relative_luminance(color: str) -> float:
    """WCAG relative luminance of an sRGB colour: 0 for black, 1 for white."""

    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in _rgb(color))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two colours, from 1 (same) to 21 (black on white)."""
    light, dark = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def mix(color: str, other: str, share: float) -> str:
    """``color`` with ``share`` (0 to 1) of ``other`` mixed in, channel by channel."""
    (r, g, b), (tr, tg, tb) = _rgb(color), _rgb(other)
    return _hex((r + (tr - r) * share, g + (tg - g) * share, b + (tb - b) * share))


def readable_on(surfaces: tuple[str, ...], color: str) -> str:
    """``color``, darkened towards black just enough to reach 4.5:1 on every surface."""
    share = 0.0
    candidate = color
    while any(contrast(candidate, s) < AA_TEXT for s in surfaces) and share < 1:
        share = min(1.0, share + _STEP)
        candidate = mix(color, BLACK, share)
    return candidate


def ink_for(fill: str) -> str:
    """White or black, whichever contrasts more with ``fill``."""
    return WHITE if contrast(WHITE, fill) >= contrast(BLACK, fill) else BLACK


@functools.lru_cache(maxsize=16)
def palette(color: str) -> dict[str, str]:
    """The four custom properties for ``color`` (see the module docstring)."""
    fill = normalise(color)
    soft = mix(fill, WHITE, _SOFT_TINT)
    return {
        "--brand": readable_on((*SURFACES, soft), fill),
        "--brand-fill": fill,
        "--brand-ink": ink_for(fill),
        "--brand-soft": soft,
    }


def stylesheet(color: str) -> str:
    """``:root { … }`` setting the palette, served as ``/brand.css`` after site.css."""
    props = "; ".join(f"{name}: {value}" for name, value in palette(color).items())
    return f":root {{ {props}; }}\n"


def stylesheet_version(color: str) -> str:
    """A short digest of the stylesheet, so its URL changes whenever the colour does."""
    return hashlib.sha256(stylesheet(color).encode()).hexdigest()[:10]
