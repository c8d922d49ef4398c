"""Wix's generated SDK packages as a contract: URL maps and REST request types.

Each ``@wix/auto_sdk_*`` package (pinned in ``sdk_packages.txt``, unpacked by
``fetch_sdk_packages.py``) holds, in ``build/cjs/``:

* ``index.js``: per method, the HTTP ``method`` and ``url: resolve…Url({protoPath})``; each
  ``resolve…Url`` has a ``domainToMappings`` table whose ``www.wixapis.com`` rows map a public
  prefix (``srcPath``) onto the proto path's ``destPath`` (docs/wix-contract.md §0.2, the path
  aliases);
* ``meta.js``: per public method, its ``httpMethod`` and proto ``path``;
* ``meta.d.ts``: per public method, ``__PublicMethodMetaInfo<METHOD, pathParams, SdkRequest,
  RestRequest, …>``; the fourth argument is the REST request type, declared in that file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from tests.contract.ts_types import Declarations, parse_declarations

HERE = Path(__file__).parent
PINS = HERE / "sdk_packages.txt"
PACKAGES_DIR = HERE / ".sdk-packages"
PUBLIC_HOST = "www.wixapis.com"

_RESOLVER = re.compile(r"function (resolve\w+Url)\(opts\) \{\s*const domainToMappings = \{")
_MAPPING = re.compile(r'srcPath: "([^"]*)",\s*destPath: "([^"]*)"')
_HTTP_CALL = re.compile(
    # The bundler sometimes wraps the resolver's argument onto its own line.
    r'method: "([A-Z]+)",(?:(?!method: ")[\s\S])*?url: (resolve\w+Url)\(\s*\{\s*'
    r'protoPath: "([^"]+)"'
)
_META_FN = re.compile(r'httpMethod: "([A-Z]+)",\s*path: "([^"]+)"')
_META_DECL = re.compile(
    r"declare function (\w+)\(\): __PublicMethodMetaInfo<'([A-Z]+)', \{[^}]*\}, "
    r"[\w$]+, (\w+), "
)
_META_JS_FN = re.compile(r"^function (\w+)\(\) \{\n  const payload", re.M)
_META_EXPORT = re.compile(r"^  (\w+): \(\) => (\w+),?$", re.M)


def pins() -> list[tuple[str, str]]:
    """(package, exact version) pairs from ``sdk_packages.txt`` (``name@version`` per line)."""
    found = []
    for line in PINS.read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, _, version = line.rpartition("@")
            found.append((name, version))
    return found


def package_dir(name: str, version: str) -> Path:
    """Where ``fetch_sdk_packages.py`` unpacks one pinned package."""
    return PACKAGES_DIR / f"{name.replace('/', '+')}@{version}"


@dataclass(frozen=True)
class Endpoint:
    """One REST method of one package, under one of its public path aliases."""

    package: str
    method: str
    template: str  # e.g. /bookings/v2/bookings/{bookingId}/confirm
    request_type: str | None  # None: the package declares no REST type for it
    decls: Declarations

    @property
    def pattern(self) -> re.Pattern[str]:
        parts = re.split(r"(\{[^}]+\})", self.template)
        regex = "".join("[^/]+?" if p.startswith("{") else re.escape(p) for p in parts)
        return re.compile(f"^{regex}$")


def _mappings(index_js: str) -> dict[str, list[tuple[str, str]]]:
    """resolver name → the (srcPath, destPath) rows Wix's public gateway serves."""
    found: dict[str, list[tuple[str, str]]] = {}
    for match in _RESOLVER.finditer(index_js):
        start = match.end() - 1
        depth, end = 0, start
        for end in range(start, len(index_js)):
            depth += {"{": 1, "}": -1}.get(index_js[end], 0)
            if depth == 0:
                break
        table = index_js[start : end + 1]
        domains = re.split(r'\n    (?:"([^"]+)"|(\w+)): \[', table)
        rows: dict[str, list[tuple[str, str]]] = {}
        for i in range(1, len(domains), 3):
            domain = domains[i] or domains[i + 1]
            rows[domain] = _MAPPING.findall(domains[i + 2])
        found[match.group(1)] = rows.get(PUBLIC_HOST) or rows.get("_", [])
    return found


def _request_types(meta_js: str, meta_dts: str) -> dict[tuple[str, str], str]:
    """(method, proto path) → REST request type name, joining meta.js and meta.d.ts by name."""
    types = {name: rest for name, _method, rest in _META_DECL.findall(meta_dts)}
    # The bundler may rename a function (``createBooking2``); its export keeps the public name.
    public = {local: name for name, local in _META_EXPORT.findall(meta_js)}
    found: dict[tuple[str, str], str] = {}
    starts = [(m.start(), m.group(1)) for m in _META_JS_FN.finditer(meta_js)]
    for (start, local), (end, _) in zip(starts, [*starts[1:], (len(meta_js), "")], strict=True):
        meta = _META_FN.search(meta_js, start, end)
        name = public.get(local, local)
        if meta and name in types:
            found[(meta.group(1), meta.group(2))] = types[name]
    return found


def load_package(name: str, version: str) -> list[Endpoint]:
    """Every (method, public path) of one unpacked package, with its REST request type."""
    cjs = package_dir(name, version) / "package" / "build" / "cjs"
    index_js = (cjs / "index.js").read_text()
    decls = parse_declarations((cjs / "meta.d.ts").read_text())
    request_types = _request_types((cjs / "meta.js").read_text(), (cjs / "meta.d.ts").read_text())
    mappings = _mappings(index_js)
    endpoints = []
    for method, resolver, proto in set(_HTTP_CALL.findall(index_js)):
        for src, dest in mappings[resolver]:
            if proto.startswith(dest):
                endpoints.append(
                    Endpoint(
                        name,
                        method,
                        src + proto[len(dest) :],
                        request_types.get((method, proto)),
                        decls,
                    )
                )
    return endpoints


def load_all() -> list[Endpoint]:
    """The endpoints of every pinned package (raises FileNotFoundError if not unpacked)."""
    return [e for name, version in pins() for e in load_package(name, version)]
