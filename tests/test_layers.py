"""The import rule of README "Architecture": views → services → wix, and wix free of Django."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "booking_site"


def _imports(path: Path) -> list[tuple[str, bool]]:
    """Every imported module of ``path`` and whether the import sits inside a function."""
    tree = ast.parse(path.read_text(), filename=str(path))
    found: list[tuple[str, bool]] = []

    def visit(node: ast.AST, nested: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and ast.unparse(child.test) == "TYPE_CHECKING":
                continue  # annotations only: no runtime dependency
            inner = nested or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef)
            if isinstance(child, ast.Import):
                found.extend((alias.name, inner) for alias in child.names)
            elif isinstance(child, ast.ImportFrom) and child.module:
                found.append((child.module, inner))
            visit(child, inner)

    visit(tree, False)
    return found


def _modules(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.py"))


@pytest.mark.parametrize("path", _modules(PACKAGE / "wix"), ids=lambda p: p.name)
def test_wix_client_imports_django_only_inside_functions(path: Path) -> None:
    top_level_django = [
        m for m, nested in _imports(path) if m.split(".")[0] == "django" and not nested
    ]

    assert top_level_django == []


@pytest.mark.parametrize("path", _modules(PACKAGE / "wix"), ids=lambda p: p.name)
def test_wix_client_does_not_import_the_site(path: Path) -> None:
    site_imports = [
        m
        for m, _ in _imports(path)
        if m.startswith("booking_site.") and not m.startswith("booking_site.wix")
    ]

    assert site_imports == []


@pytest.mark.parametrize("path", _modules(PACKAGE / "views"), ids=lambda p: p.name)
def test_views_do_not_call_wix_directly(path: Path) -> None:
    wix_imports = [
        m for m, _ in _imports(path) if m.startswith("booking_site.wix") and m != "booking_site.wix"
    ]
    direct_client = [m for m, _ in _imports(path) if m == "booking_site.wix"]

    assert wix_imports == []
    assert direct_client == []


def test_nothing_imports_views() -> None:
    importers = [
        path.relative_to(ROOT)
        for path in _modules(PACKAGE)
        if "views" not in path.parts and path.name != "urls.py"
        for module, _ in _imports(path)
        if module.startswith("booking_site.views")
    ]

    assert importers == []


@pytest.mark.parametrize("path", _modules(ROOT / "wix_sandbox"), ids=lambda p: p.name)
def test_sandbox_is_plain_wsgi_without_django(path: Path) -> None:
    assert [m for m, _ in _imports(path) if m.split(".")[0] in {"django", "booking_site"}] == []
