"""The presentation rule (issue 15, point 3): services return typed values, presentation words them.

``services`` build no template contexts, labels, query strings, URLs or HTML and import neither
forms nor presentation; ``presentation`` turns services' typed values into all of those without
talking to Wix; template tags format values and never build markup (the calendar's grid and
slot list are template partials).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "booking_site"

# What only presentation (or views) may use: forms, labels made at import time, URLs, markup.
_NOT_IN_SERVICES = (
    "booking_site.forms",
    "booking_site.contact_forms",
    "booking_site.owner.forms",
    "booking_site.presentation",
    "booking_site.templatetags",
    "django.forms",
    "django.template",
    "django.urls",
    "django.utils.safestring",
    "django.utils.html",
    "html",
)
_NOT_IN_SERVICES_NAMES = {"gettext_lazy", "urlencode", "mark_safe", "format_html"}


def _imports(path: Path) -> list[tuple[str, set[str]]]:
    """Every module ``path`` imports at run time, with the names it takes from it."""
    tree = ast.parse(path.read_text(), filename=str(path))
    found: list[tuple[str, set[str]]] = []

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and ast.unparse(child.test) == "TYPE_CHECKING":
                continue  # annotations only: no runtime dependency
            if isinstance(child, ast.Import):
                found.extend((alias.name, set()) for alias in child.names)
            elif isinstance(child, ast.ImportFrom) and child.module:
                found.append((child.module, {alias.name for alias in child.names}))
            visit(child)

    visit(tree)
    return found


def _modules(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.py"))


def _within(module: str, packages: tuple[str, ...]) -> bool:
    return any(module == p or module.startswith(p + ".") for p in packages)


# Owner mode's services (``booking_site/owner/services``) follow the same rule.
SERVICES = _modules(PACKAGE / "services") + _modules(PACKAGE / "owner" / "services")


@pytest.mark.parametrize("path", SERVICES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_services_import_no_forms_presentation_urls_or_markup(path: Path) -> None:
    offending = [m for m, _ in _imports(path) if _within(m, _NOT_IN_SERVICES)]

    assert offending == []


@pytest.mark.parametrize("path", SERVICES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_services_make_no_lazy_labels_query_strings_or_html(path: Path) -> None:
    used = {name for _, names in _imports(path) for name in names}

    assert used & _NOT_IN_SERVICES_NAMES == set()


def test_presentation_package_exists() -> None:
    assert (PACKAGE / "presentation" / "__init__.py").is_file()


@pytest.mark.parametrize("path", _modules(PACKAGE / "presentation"), ids=lambda p: p.name)
def test_presentation_does_not_talk_to_wix_or_views(path: Path) -> None:
    offending = [
        m
        for m, _ in _imports(path)
        if _within(m, ("booking_site.wix", "booking_site.views", "httpx"))
    ]

    assert offending == []


def test_booking_tags_build_no_markup() -> None:
    """The calendar grid, slot buttons and zone options are template partials, not Python HTML.

    (``embed_tags`` builds its ``<head>`` tags with ``format_html`` on purpose: not covered.)
    """
    path = PACKAGE / "templatetags" / "booking_tags.py"
    used = {name for _, names in _imports(path) for name in names}
    modules = {m for m, _ in _imports(path)}

    assert used & {"mark_safe", "format_html", "SafeString"} == set()
    assert "html" not in modules
