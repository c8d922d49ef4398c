"""The import rules of README "Architecture": views → services → wix, and wix free of Django.

One test per rule, each over every file the rule covers; a failure lists every offending file,
line and import in one message. Imports under ``if TYPE_CHECKING:`` are annotations only and
don't count.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "booking_site"


@dataclass(frozen=True)
class Import:
    """One imported module (``from m import a, b`` gives module ``m`` and names ``a, b``)."""

    path: Path
    line: int
    module: str
    names: tuple[str, ...]
    in_function: bool

    def __str__(self) -> str:
        return f"{self.path.relative_to(ROOT)}:{self.line} imports {self.module}"


@cache
def _imports(path: Path) -> tuple[Import, ...]:
    """Every import in ``path``, noting whether it sits inside a function."""
    tree = ast.parse(path.read_text(), filename=str(path))
    found: list[Import] = []

    def visit(node: ast.AST, nested: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and ast.unparse(child.test) == "TYPE_CHECKING":
                continue  # annotations only: no runtime dependency
            inner = nested or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef)
            if isinstance(child, ast.Import):
                found.extend(Import(path, child.lineno, a.name, (), inner) for a in child.names)
            elif isinstance(child, ast.ImportFrom) and child.module:
                names = tuple(a.name for a in child.names)
                found.append(Import(path, child.lineno, child.module, names, inner))
            visit(child, inner)

    visit(tree, False)
    return tuple(found)


def _modules(folder: Path, pattern: str = "*.py") -> list[Path]:
    return sorted(folder.rglob(pattern))


def _offences(paths: Iterable[Path], offends: Callable[[Import], bool]) -> list[str]:
    return [str(imp) for path in paths for imp in _imports(path) if offends(imp)]


def _message(rule: str, offences: list[str]) -> str:
    return f"{rule}:\n  " + "\n  ".join(offences)


def _is_wix(module: str) -> bool:
    return module == "booking_site.wix" or module.startswith("booking_site.wix.")


# --- What reaches Wix ------------------------------------------------------------------------


def _source_of(module: str) -> Path | None:
    """The file of a ``booking_site`` module (a package's ``__init__.py``), if there is one."""
    if not module.startswith("booking_site"):
        return None
    base = ROOT.joinpath(*module.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def _site_dependencies(path: Path) -> set[Path]:
    """The ``booking_site`` files ``path`` imports, outside the Wix client."""
    found = set()
    for imp in _imports(path):
        if _is_wix(imp.module):
            continue
        for module in (imp.module, *(f"{imp.module}.{name}" for name in imp.names)):
            source = _source_of(module)
            if source is not None:
                found.add(source)
    return found


def _calls_wix_directly(path: Path) -> bool:
    """Whether ``path`` takes the Wix client (``get_client``, the client or its resources)."""
    return any(
        (imp.module == "booking_site.wix" and ("get_client" in imp.names or not imp.names))
        or imp.module.startswith(("booking_site.wix.client", "booking_site.wix.resources"))
        for imp in _imports(path)
    )


@cache
def _reaches_wix(path: Path) -> bool:
    """Whether ``path``, or anything of the site it imports (transitively), calls Wix."""
    seen, todo = set(), [path]
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        if _calls_wix_directly(current):
            return True
        todo.extend(_site_dependencies(current))
    return False


# --- The rules -------------------------------------------------------------------------------


def test_wix_client_imports_django_only_inside_functions() -> None:
    files = _modules(PACKAGE / "wix")
    offences = _offences(
        files, lambda imp: imp.module.split(".")[0] == "django" and not imp.in_function
    )

    assert files
    assert offences == [], _message("booking_site/wix imports Django at module level", offences)


def test_wix_client_does_not_import_the_site() -> None:
    files = _modules(PACKAGE / "wix")
    offences = _offences(
        files, lambda imp: imp.module.startswith("booking_site") and not _is_wix(imp.module)
    )

    assert offences == [], _message("booking_site/wix imports the site", offences)


# Owner mode's views (``booking_site/owner/views``) follow the same rules as the customer's.
VIEW_FOLDERS = (PACKAGE / "views", PACKAGE / "owner" / "views")


def _is_views(module: str) -> bool:
    return module.startswith(("booking_site.views", "booking_site.owner.views"))


def test_views_do_not_call_wix_directly() -> None:
    files = [path for folder in VIEW_FOLDERS for path in _modules(folder)]
    offences = _offences(files, lambda imp: _is_wix(imp.module))

    assert PACKAGE / "owner" / "views" / "booking.py" in files
    assert offences == [], _message("views import booking_site.wix (use services)", offences)


def test_nothing_imports_views() -> None:
    files = [
        path
        for path in _modules(PACKAGE)
        if "views" not in path.relative_to(PACKAGE).parts and path.name != "urls.py"
    ]
    offences = _offences(files, lambda imp: _is_views(imp.module))

    assert offences == [], _message("only urls.py imports views", offences)


def test_sandbox_is_plain_wsgi_without_django() -> None:
    files = _modules(ROOT / "wix_sandbox")
    offences = _offences(files, lambda imp: imp.module.split(".")[0] in {"django", "booking_site"})

    assert files
    assert offences == [], _message("wix_sandbox imports Django or the site", offences)


def test_forms_do_not_import_wix_or_services() -> None:
    files = _modules(PACKAGE, "*forms*.py")
    offences = _offences(
        files,
        lambda imp: _is_wix(imp.module) or imp.module.startswith("booking_site.services"),
    )

    assert PACKAGE / "forms.py" in files
    assert offences == [], _message("forms import booking_site.wix or services", offences)


def _template_tag_offends(imp: Import) -> bool:
    """A template tag may import presentation helpers, never the Wix client or code that
    reaches it (a services module that, directly or through its imports, calls Wix)."""
    if _is_wix(imp.module):
        return True
    sources = [_source_of(imp.module), *(_source_of(f"{imp.module}.{n}") for n in imp.names)]
    return any(source is not None and _reaches_wix(source) for source in sources)


def _template_tag_offences(files: list[Path]) -> list[tuple[str, Import]]:
    return [
        (path.name, imp) for path in files for imp in _imports(path) if _template_tag_offends(imp)
    ]


def test_template_tags_do_not_reach_wix() -> None:
    files = _modules(PACKAGE / "templatetags")
    offences = [str(imp) for _name, imp in _template_tag_offences(files)]

    assert files
    assert offences == [], _message("template tags import Wix or what calls it", offences)


def test_reaches_wix_follows_imports_through_services() -> None:
    # Guards the rule above against a resolver that finds nothing.
    services = PACKAGE / "services"

    assert _reaches_wix(services / "availability.py")  # calls get_client itself
    assert _reaches_wix(services / "calendar_view.py")  # through availability
    assert not _reaches_wix(services / "wix_errors.py")  # exceptions only
    assert not _reaches_wix(PACKAGE / "embed.py")
