"""What axe cannot see: the calendar's names and states, keyboard use, visible focus, the guard."""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.browser.journeys import DAY_NAME, SLOT_NAME, first_free_slot
from tests.browser.support import Tab, audit, snap

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

OpenTab = Callable[..., Tab]
MASSAGE = "/services/deep-tissue-massage/"
MAX_TABS = 120  # a bound on Tab presses, far above what any page here needs


def _luminance(rgb: str) -> float:
    channels = [int(c) / 255 for c in re.findall(r"\d+", rgb)[:3]]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a: str, b: str) -> float:
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _style(locator: Locator, *properties: str) -> dict[str, str]:
    return locator.evaluate(
        "(el, names) => Object.fromEntries(names.map(n => [n, getComputedStyle(el)[n]]))",
        list(properties),
    )


def tab_to(page: Page, target: Locator) -> int:
    """Press Tab until ``target`` has focus; return how many presses it took."""
    handle = target.element_handle()
    for presses in range(1, MAX_TABS + 1):
        page.keyboard.press("Tab")
        if page.evaluate("el => document.activeElement === el", handle):
            return presses
    raise AssertionError(f"Tab never reached {target} in {MAX_TABS} presses")


def expect_visible_focus(target: Locator) -> None:
    """The focused element has a solid outline of 2px or more, 3:1 against the white card."""
    expect(target).to_be_focused()
    style = _style(target, "outlineStyle", "outlineWidth", "outlineColor")
    assert style["outlineStyle"] not in ("none", "hidden"), style
    assert float(style["outlineWidth"].removesuffix("px")) >= 2, style
    assert _contrast(style["outlineColor"], "rgb(255, 255, 255)") >= 3, style


def test_calendar_is_a_table_of_days_named_in_full(open_tab: OpenTab) -> None:
    tab = open_tab("desktop")
    page = tab.page
    tab.goto(MASSAGE)
    first_free_slot(tab)  # moves on to next month when this one has no times left
    month = page.locator("#month-label").inner_text()
    # A table of days; with JavaScript, an ARIA grid (one Tab stop, arrow keys: issue 16).
    table = page.get_by_role("grid", name=month)
    expect(table).to_be_visible()
    expect(table.get_by_role("columnheader")).to_have_text(
        ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    )

    # Every day of the month carries its full date and availability (hidden from sight).
    names = table.locator("td .visually-hidden").all_inner_texts()
    month_date = re.match(r"(\w+) (\d{4})", month)
    year, month_number = int(month_date[2]), list(calendar.month_name).index(month_date[1])
    assert len(names) == calendar.monthrange(year, month_number)[1]
    assert [name for name in names if not DAY_NAME.match(name)] == []

    # Days with times are links named like "Tuesday 24 November 2026, 30 times available"; the
    # chosen one says so in words and with aria-current, not by colour alone.
    links = table.get_by_role("link")
    for link in links.all():
        expect(link).to_have_accessible_name(DAY_NAME)
    selected = table.locator("a[aria-current=date]")
    expect(selected).to_have_count(1)
    expect(selected).to_have_accessible_name(re.compile(r", selected$"))
    others = table.locator("a:not([aria-current])")
    if others.count():
        assert _style(selected, "boxShadow")["boxShadow"] != "none"
        assert _style(others.first, "boxShadow")["boxShadow"] == "none"
    # Available days are underlined; days without times are not (shape, not only colour).
    assert "underline" in _style(links.first, "textDecorationLine")["textDecorationLine"]
    plain = table.locator(".no-slots").first
    if plain.count():
        assert "underline" not in _style(plain, "textDecorationLine")["textDecorationLine"]

    # The day's times are buttons named like "13:00 to 14:00 with Maya Okafor at …".
    slots = page.get_by_role("region", name=page.locator("#day-heading").inner_text())
    buttons = slots.get_by_role("button")
    expect(buttons.first).to_be_visible()
    for button in buttons.all():
        expect(button).to_have_accessible_name(SLOT_NAME)


def test_class_times_are_named_with_spots_left(open_tab: OpenTab) -> None:
    tab = open_tab("desktop")
    tab.goto("/services/vinyasa-flow/")
    _, first = first_free_slot(tab)
    expect(first).to_have_accessible_name(
        re.compile(r"^\d\d:\d\d to \d\d:\d\d with [A-Z][\w ]+, \d+ spots? left$")
    )


def test_keyboard_alone_chooses_a_day_and_a_time(open_tab: OpenTab) -> None:
    tab = open_tab("desktop")
    page = tab.page
    tab.goto(MASSAGE)
    first_free_slot(tab)  # moves on to next month when this one has no times left
    grid = page.locator("table.month-grid")
    day = grid.locator("a:not([aria-current])").first
    if day.count() == 0:
        day = grid.locator("a[aria-current]")
    name = day.locator(".visually-hidden").inner_text()

    # The grid is one Tab stop (on the chosen day); arrow keys move to the others.
    tab_to(page, grid.locator("a[aria-current=date]"))
    page.keyboard.press("ArrowRight")
    expect_visible_focus(day)
    page.keyboard.press("Enter")

    chosen = grid.locator("a[aria-current=date]")
    expect(chosen).to_have_accessible_name(re.compile(f"^{re.escape(name)}(, selected)?$"))
    expect(page.locator("#day-heading")).to_have_text(name.split(",")[0])
    # Focus stays on the chosen day, not back at the top of the page.
    expect_visible_focus(chosen)
    audit(page, "calendar, day chosen by keyboard")

    slot = page.locator("#calendar button[name=slot]").first
    presses = tab_to(page, slot)
    assert presses <= 40, f"{presses} Tab presses from the chosen day to its first time"
    expect_visible_focus(slot)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/book/details/$"))

    # The details form: its first field is reached by keyboard and shows focus too (one
    # massage is for one person: no participants question).
    expect(page.get_by_label("Number of participants")).to_have_count(0)
    field = page.get_by_label("First name", exact=True)
    tab_to(page, field)
    expect_visible_focus(field)


def test_details_errors_are_tied_to_fields_and_not_shown_by_colour_alone(
    open_tab: OpenTab,
) -> None:
    tab = open_tab("desktop")
    page = tab.page
    tab.goto(MASSAGE)
    _, slot = first_free_slot(tab)
    slot.click()
    expect(page).to_have_url(re.compile(r"/book/details/$"))
    page.get_by_label("Email", exact=True).fill("not-an-email")
    page.get_by_role("button", name="Continue to review").click()

    email = page.get_by_label("Email", exact=True)
    expect(email).to_have_attribute("aria-invalid", "true")
    expect(email).to_have_accessible_description(
        re.compile(r"^⚠? ?Enter an email address like name@example\.com\.$")
    )
    first_name = page.get_by_label("First name", exact=True)
    expect(first_name).to_have_accessible_description(
        re.compile(r"^⚠? ?Please enter your first name\.$")
    )
    expect(first_name).to_be_focused()  # the first field to fix, not the top of the page
    # Besides the red: a thicker border and a warning sign before the message.
    assert _style(email, "borderTopWidth")["borderTopWidth"] == "2px"
    marker = page.locator("#id_email-error").evaluate(
        "el => getComputedStyle(el, '::before').content"
    )
    assert "⚠" in marker
    expect(page.get_by_label("Phone (optional)")).not_to_have_attribute("aria-invalid", "true")


def test_the_guard_catches_csp_violations(open_tab: OpenTab) -> None:
    """Proof that the console watch works: an inline script is refused and reported."""
    tab = open_tab("desktop")
    page = tab.page
    tab.goto("/")
    with page.expect_console_message(lambda m: m.text.startswith("CSP violation")):
        page.evaluate(
            "() => { const s = document.createElement('script');"
            " s.textContent = 'window.injected = 1'; document.body.append(s); }"
        )
    assert page.evaluate("window.injected") is None
    assert any("script-src" in problem for problem in tab.problems), tab.problems
    tab.problems.clear()  # the test passes because the guard caught it


@pytest.mark.parametrize("js", [True, False], ids=["javascript", "no-javascript"])
def test_hidden_controls_stay_hidden(open_tab: OpenTab, js: bool) -> None:
    """ "Use my time zone" only shows when a script can act on it and the zone differs."""
    tab = open_tab("desktop", js=js)
    tab.goto(MASSAGE)
    expect(tab.page.locator("#tz")).to_have_value("Europe/London")
    expect(tab.page.get_by_role("button", name=re.compile("Use my time zone"))).to_be_hidden()


def _rgb(hex_color: str) -> str:
    r, g, b = (int(hex_color[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgb({r}, {g}, {b})"


@pytest.mark.parametrize("brand", ["#ffff00", "#000033"], ids=["yellow", "navy"])
def test_any_brand_colour_keeps_aa_contrast(
    open_tab: OpenTab, settings: pytest.FixtureRequest, brand: str
) -> None:
    """Issue 16, point 17: the two extremes of BRAND_COLOR, as a person sees them."""
    settings.BRAND_COLOR = brand  # type: ignore[attr-defined]
    tab = open_tab("desktop")
    page = tab.page
    tab.goto(MASSAGE)
    first_free_slot(tab)

    # The header's stripe and the chosen day are the business's own colour...
    header = _style(page.locator(".site-header"), "borderTopColor")
    assert header["borderTopColor"] == _rgb(brand)
    chosen = page.locator("table.month-grid a[aria-current=date]")
    day = _style(chosen, "backgroundColor", "color")
    assert day["backgroundColor"] == _rgb(brand)
    # ...with text on it, and brand-coloured text on the page, at 4.5:1 or more.
    assert _contrast(day["color"], day["backgroundColor"]) >= 4.5, day
    other = page.locator("table.month-grid td.has-slots a:not([aria-current])").first
    available = _style(other, "color", "backgroundColor")
    assert _contrast(available["color"], available["backgroundColor"]) >= 4.5, available
    crumb = _style(page.get_by_role("link", name="All services"), "color")
    wash = _style(page.locator("html"), "backgroundColor")["backgroundColor"]
    assert _contrast(crumb["color"], wash) >= 4.5, (crumb, wash)
    audit(page, f"service page, brand {brand}")
    snap(page, f"brand-{brand.lstrip('#')}-service")

    tab.goto("/")
    button = _style(page.locator(".service-card .button").first, "color", "backgroundColor")
    assert button["backgroundColor"] == _rgb(brand)
    assert _contrast(button["color"], button["backgroundColor"]) >= 4.5, button
    tag = _style(page.locator(".service-card .tag").first, "color", "backgroundColor")
    assert _contrast(tag["color"], tag["backgroundColor"]) >= 4.5, tag
    audit(page, f"services list, brand {brand}")
    snap(page, f"brand-{brand.lstrip('#')}-services")
