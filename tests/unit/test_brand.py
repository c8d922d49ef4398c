"""The brand colour's palette (issue 16, point 17): WCAG contrast for any colour."""

from __future__ import annotations

import itertools

import pytest
from django.core.exceptions import ImproperlyConfigured

from booking_site.presentation.brand import (
    SURFACES,
    contrast,
    normalise,
    palette,
    relative_luminance,
    stylesheet,
    stylesheet_version,
)
from config.branding import brand_color, brand_logo_url
from config.origins import embed_return_url, image_sources


@pytest.mark.parametrize(
    ("color", "luminance"),
    [("#ffffff", 1.0), ("#000000", 0.0), ("#ff0000", 0.2126), ("#808080", 0.2159)],
)
def test_relative_luminance_follows_wcag(color: str, luminance: float) -> None:
    assert relative_luminance(color) == pytest.approx(luminance, abs=5e-4)


def test_contrast_ratios_match_known_pairs() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#ffffff", "#ffffff") == pytest.approx(1.0)
    # The classic borderline grey: #777 on white just fails AA, #767676 just passes.
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert contrast("#767676", "#ffffff") >= 4.5


def _meets_aa(colors: dict[str, str]) -> list[str]:
    """Every pairing the site's CSS makes, with its ratio when below 4.5:1."""
    pairs = [("--brand-ink", "--brand-fill")]
    found = []
    for ink, fill in pairs:
        if contrast(colors[ink], colors[fill]) < 4.5:
            found.append(f"{ink} on {fill}: {contrast(colors[ink], colors[fill]):.2f}")
    for surface in (*SURFACES, colors["--brand-soft"]):
        if contrast(colors["--brand"], surface) < 4.5:
            found.append(f"--brand on {surface}: {contrast(colors['--brand'], surface):.2f}")
    return found


def test_bright_yellow_is_darkened_for_text_and_gets_black_ink() -> None:
    colors = palette("#ffff00")

    assert colors["--brand-fill"] == "#ffff00"  # buttons keep the business's own yellow
    assert colors["--brand-ink"] == "#000000"
    assert colors["--brand"] != "#ffff00"  # links and borders: a darker yellow
    assert _meets_aa(colors) == []


def test_very_dark_navy_is_kept_and_gets_white_ink() -> None:
    colors = palette("#000033")

    assert colors["--brand"] == colors["--brand-fill"] == "#000033"
    assert colors["--brand-ink"] == "#ffffff"
    assert _meets_aa(colors) == []


def test_every_colour_of_a_coarse_rgb_sweep_reaches_aa() -> None:
    steps = ("00", "33", "66", "99", "cc", "ff")
    failures = {
        color: problems
        for color in ("#" + "".join(c) for c in itertools.product(steps, repeat=3))
        if (problems := _meets_aa(palette(color)))
    }

    assert failures == {}


def test_a_colour_already_readable_is_not_changed() -> None:
    assert palette("#1f5f8b")["--brand"] == "#1f5f8b"


def test_stylesheet_sets_the_four_properties_and_its_version_follows_the_colour() -> None:
    css = stylesheet("#000033")

    assert css == (
        ":root { --brand: #000033; --brand-fill: #000033; --brand-ink: #ffffff; "
        f"--brand-soft: {palette('#000033')['--brand-soft']}; }}\n"
    )
    assert stylesheet_version("#000033") != stylesheet_version("#ffff00")


@pytest.mark.parametrize(("raw", "color"), [("#ABC", "#aabbcc"), ("1f5f8b", "#1f5f8b")])
def test_brand_color_setting_accepts_hex_forms(raw: str, color: str) -> None:
    assert brand_color(raw) == color
    assert normalise(raw) == color


@pytest.mark.parametrize("raw", ["red", "#12345", "rgb(0,0,0)", "#ggg"])
def test_brand_color_setting_refuses_anything_else(raw: str) -> None:
    with pytest.raises(ImproperlyConfigured, match="BRAND_COLOR"):
        brand_color(raw)


def test_brand_logo_url_is_an_http_url_or_a_local_path() -> None:
    assert brand_logo_url("https://cdn.example.com/logo.png") == "https://cdn.example.com/logo.png"
    assert brand_logo_url("/static/logo.png") == "/static/logo.png"
    assert brand_logo_url(None) is None
    for bad in ("javascript:alert(1)", "logo.png", "//evil.example/logo.png"):
        with pytest.raises(ImproperlyConfigured, match="BRAND_LOGO_URL"):
            brand_logo_url(bad)


def test_a_logo_on_another_host_is_allowed_by_the_csp() -> None:
    sources = image_sources("https://static.wixstatic.com/media/", "https://cdn.example.com/l.png")

    assert sources == ["'self'", "data:", "https://static.wixstatic.com", "https://cdn.example.com"]
    assert image_sources("/_wix-sandbox/media/", "/static/l.png") == ["'self'", "data:"]


def test_embed_return_url_must_be_on_an_allowed_origin() -> None:
    allowed = ["https://studio.example"]

    assert embed_return_url("https://studio.example/book", allowed) == "https://studio.example/book"
    assert embed_return_url(None, allowed) is None
    with pytest.raises(ImproperlyConfigured, match="EMBED_RETURN_URL"):
        embed_return_url("https://elsewhere.example/", allowed)
