"""Shared by the browser tests: watched tabs, axe audits with a per-page record, screenshots."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import ConsoleMessage, Page

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-results"
SCREENS = ARTIFACTS / "screens"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
BLOCKING_IMPACTS = frozenset({"serious", "critical"})

# Page name → axe violations by impact and the rules behind them; printed at the end of the run.
AXE_RESULTS: dict[str, dict[str, list[str]]] = {}
_axe = Axe()

# Turn CSP violations into console errors, so they fail a test even when Chromium's own report
# is worded differently. Playwright injects this itself, so our CSP does not block it.
REPORT_CSP = """
document.addEventListener("securitypolicyviolation", (event) => {
  console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI}`);
});
"""


@dataclass
class Tab:
    """A page whose console errors, uncaught exceptions and CSP violations are collected."""

    page: Page
    base_url: str
    label: str
    js: bool = True
    touch: bool = False
    problems: list[str] = field(default_factory=list)

    def goto(self, path: str) -> None:
        self.page.goto(self.base_url + path)

    def watch(self) -> None:
        self.page.on("console", self._on_console)
        self.page.on("pageerror", lambda error: self.problems.append(f"page error: {error}"))

    def assert_clean(self) -> None:
        report = "\n".join(self.problems)
        assert not self.problems, f"{self.label}: console errors or CSP violations:\n{report}"

    def _on_console(self, message: ConsoleMessage) -> None:
        where = f"on {self.page.url} ({message.location.get('url')})"
        if message.type == "error" and not _is_sandbox_favicon_404(message):
            self.problems.append(f"console error {where}: {message.text}")
        elif "Content Security Policy" in message.text:
            self.problems.append(f"CSP report {where}: {message.text}")


def _is_sandbox_favicon_404(message: ConsoleMessage) -> bool:
    # The sandbox's stand-in for Wix's hosted checkout declares no icon, so Chromium asks our
    # origin for /favicon.ico. Real Wix checkout is on Wix's domain: sandbox-only noise.
    page_url = message.page.url if message.page else ""
    return "/_wix-sandbox/" in page_url and message.location.get("url", "").endswith("/favicon.ico")


def audit(page: Page, name: str) -> None:
    """Run axe on the page as it is; fail on serious or critical violations."""
    violations = _axe.run(page).response["violations"]
    by_impact: dict[str, list[str]] = {}
    for violation in violations:
        by_impact.setdefault(violation["impact"] or "unknown", []).append(violation["id"])
    AXE_RESULTS[name] = by_impact
    blocking = [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']]}"
        for v in violations
        if v["impact"] in BLOCKING_IMPACTS
    ]
    assert blocking == [], f"axe on {name} ({page.url})"


def axe_summary() -> list[str]:
    """One line per audited page: its violations by impact, with the rule ids."""
    lines = []
    for name in sorted(AXE_RESULTS):
        by_impact = AXE_RESULTS[name]
        counts = Counter({impact: len(rules) for impact, rules in by_impact.items()})
        summary = ", ".join(
            f"{impact} {counts[impact]} ({', '.join(by_impact[impact])})"
            for impact in ("critical", "serious", "moderate", "minor", "unknown")
            if counts[impact]
        )
        lines.append(f"{name}: {summary or 'no violations'}")
    return lines


def snap(page: Page, name: str) -> None:
    """Save full-page screenshots at desktop and phone widths (phone tabs: phone only).

    At phone width the page must not scroll sideways.
    """
    SCREENS.mkdir(parents=True, exist_ok=True)
    # caret="initial": hiding the caret leaves style="" on inputs, which htmx would later copy
    # onto swapped-in inputs and so trip our CSP (style-src-attr).
    shot = {"full_page": True, "caret": "initial"}
    current = page.viewport_size or DESKTOP
    if current != PHONE:
        page.screenshot(path=SCREENS / f"{name}-desktop.png", **shot)
        page.set_viewport_size(PHONE)
    overflow = page.evaluate("document.documentElement.scrollWidth")
    assert overflow <= PHONE["width"], f"{name} scrolls sideways at phone width ({overflow}px)"
    page.screenshot(path=SCREENS / f"{name}-phone.png", **shot)
    page.set_viewport_size(current)
