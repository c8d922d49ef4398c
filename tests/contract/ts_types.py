"""A small reader for the TypeScript declarations Wix generates (``build/cjs/meta.d.ts``).

It knows just enough TypeScript for these files: ``interface X extends A, B { f?: T; }``,
``type X = A | B;``, ``declare enum X {…}`` and field types built from names, ``T[]``,
``A | B | null``, string literals, inline ``{ … }`` objects and ``Record<string, T>``.
``oneof`` groups come out as ``…OneOf`` interfaces the owning interface extends, so a field of
any branch is a field of the owner. An unknown type name is an error, never "anything goes".

``violations(value, type)`` lists the JSON field paths of ``value`` the type does not have.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

_COMMENTS = re.compile(r"/\*.*?\*/|//[^\n]*", re.S)
_DECL = re.compile(
    r"^(?:export )?(?:declare )?(interface|type|enum) (\w+)(?:<[^>]*>)?"
    r"(?: extends ([\w$, ]+))?\s*(=|\{)",
    re.M,
)
# Types that hold no named fields we can check (leaves), or hold anything (OPEN).
LEAVES = frozenset({"string", "number", "boolean", "null", "undefined", "never", "bigint"})
OPEN = frozenset({"any", "unknown", "object", "Uint8Array", "Date"})


@dataclass
class Declarations:
    """Every interface (fields → type text), alias and enum of one ``.d.ts`` file."""

    interfaces: dict[str, dict[str, str]] = field(default_factory=dict)
    extends: dict[str, list[str]] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)
    enums: set[str] = field(default_factory=set)

    def fields(self, name: str) -> dict[str, str]:
        """The fields of interface ``name``, including those of every interface it extends."""
        found: dict[str, str] = {}
        for parent in self.extends.get(name, []):
            found |= self.fields(parent)
        return found | self.interfaces[name]


def _block(text: str, start: int, opening: str = "{", closing: str = "}") -> int:
    """Index just past the bracket that closes the one at ``start``."""
    depth = 0
    for i in range(start, len(text)):
        if text[i] == opening:
            depth += 1
        elif text[i] == closing:
            depth -= 1
            if depth == 0:
                return i + 1
    raise ValueError(f"unbalanced {opening} at {start}")


def _split_top(text: str, sep: str) -> list[str]:
    """Split on ``sep`` outside brackets and quotes."""
    parts, depth, current, quote = [], 0, "", ""
    for ch in text:
        if quote:
            quote = "" if ch == quote else quote
        elif ch in "'\"":
            quote = ch
        elif ch in "{<([":
            depth += 1
        elif ch in "}>)]":
            depth -= 1
        elif ch == sep and depth == 0:
            parts.append(current)
            current = ""
            continue
        current += ch
    return [*parts, current]


def parse_fields(body: str) -> dict[str, str]:
    """``name?: Type;`` members of an interface or inline object body (no braces)."""
    members: dict[str, str] = {}
    for member in _split_top(body, ";"):
        member = member.strip()
        match = re.match(r"^(readonly\s+)?['\"]?([\w$]+)['\"]?\??\s*:\s*(.+)$", member, re.S)
        if match:
            members[match.group(2)] = " ".join(match.group(3).split())
    return members


def parse_declarations(source: str) -> Declarations:
    """Read every interface, type alias and enum declared in ``source``."""
    text = _COMMENTS.sub("", source)
    decls = Declarations()
    for match in _DECL.finditer(text):
        kind, name, parents, opener = match.groups()
        if kind == "enum":
            decls.enums.add(name)
        elif kind == "interface":
            end = _block(text, match.end() - 1)
            decls.interfaces[name] = parse_fields(text[match.end() : end - 1])
            decls.extends[name] = [p.strip() for p in (parents or "").split(",") if p.strip()]
        elif opener == "=":
            decls.aliases[name] = _alias_text(text, match.end())
        else:  # `type X = {` is matched as `=`; a bare `{` cannot follow `type X`
            raise ValueError(f"cannot read type {name}")
    return decls


def _alias_text(text: str, start: int) -> str:
    """The right-hand side of ``type X = …;`` (up to the ``;`` outside brackets)."""
    depth = 0
    for i in range(start, len(text)):
        ch = text[i]
        if ch in "{<([":
            depth += 1
        elif ch in "}>)]":
            depth -= 1
        elif ch == ";" and depth == 0:
            return " ".join(text[start:i].split())
    raise ValueError("unterminated type alias")


@dataclass(frozen=True)
class Shape:
    """What a type expression allows: named fields, any key (a Record), array items, or all."""

    fields: dict[str, list[str]]
    record_values: list[str]
    items: list[str]
    open: bool
    objects: bool


def shape(type_text: str, decls: Declarations) -> Shape:
    """Resolve a type expression (a union of alternatives) into what its values may hold."""
    fields: dict[str, list[str]] = {}
    record_values: list[str] = []
    items: list[str] = []
    state = {"open": False, "objects": False}

    def visit(alt: str, seen: frozenset[str]) -> None:
        alt = alt.strip()
        if alt.startswith("(") and alt.endswith(")"):
            alt = alt[1:-1].strip()
        if "|" in alt and len(_split_top(alt, "|")) > 1:
            for part in _split_top(alt, "|"):
                visit(part, seen)
        elif alt.endswith("[]"):
            items.append(alt[:-2])
        elif alt.startswith("Array<") and alt.endswith(">"):
            items.append(alt[6:-1])
        elif alt.startswith("{"):
            state["objects"] = True
            for name, text in parse_fields(alt[1:-1]).items():
                fields.setdefault(name, []).append(text)
        elif alt.startswith("Record<"):
            state["objects"] = True
            record_values.append(_split_top(alt[7:-1], ",")[1])
        elif alt in LEAVES or alt in decls.enums or alt[:1] in "'\"" or alt[:1].isdigit():
            return
        elif alt in OPEN:
            state["open"] = True
        elif alt in decls.aliases and alt not in seen:
            visit(decls.aliases[alt], seen | {alt})
        elif alt in decls.interfaces:
            state["objects"] = True
            for name, text in decls.fields(alt).items():
                fields.setdefault(name, []).append(text)
        elif alt.startswith(("true", "false")):
            return
        else:
            raise KeyError(f"unknown TypeScript type {alt!r}")

    visit(type_text, frozenset())
    return Shape(fields, record_values, items, state["open"], state["objects"])


def violations(value: Any, type_text: str, decls: Declarations, path: str = "") -> list[str]:
    """Field paths in ``value`` (JSON) that ``type_text`` does not declare, at any depth."""
    found = shape(type_text, decls)
    if found.open:
        return []
    if isinstance(value, list):
        if not found.items:
            return [f"{path or '<body>'} (an array where {type_text} is expected)"]
        return [
            v
            for i, item in enumerate(value)
            for v in violations(item, " | ".join(found.items), decls, f"{path}[{i}]")
        ]
    if not isinstance(value, dict):
        return []
    if not found.objects:
        return [f"{path or '<body>'} (an object where {type_text} is expected)"]
    problems: list[str] = []
    for key, child in value.items():
        where = f"{path}.{key}" if path else key
        if key in found.fields:
            problems += violations(child, " | ".join(found.fields[key]), decls, where)
        elif found.record_values:
            problems += violations(child, " | ".join(found.record_values), decls, where)
        else:
            problems.append(where)
    return problems
