"""BookingError's catalogue: every code the site raises, shows or branches on has a message."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from booking_site.errors import MESSAGES, BookingError

PACKAGE = Path(__file__).resolve().parents[2] / "booking_site"
_BOOKING_CODE = re.compile(r"^[a-z][a-z_]*$")  # ours; Wix's codes are UPPER_CASE


def _strings(node: ast.AST) -> Iterator[str]:
    for child in ast.walk(node):
        if isinstance(child, ast.Constant) and isinstance(child.value, str):
            yield child.value


def _is_code(node: ast.AST) -> bool:
    return isinstance(node, ast.Attribute) and node.attr == "code"


def _codes_used(tree: ast.Module) -> Iterator[tuple[int, str]]:
    """Literal booking codes: ``BookingError("x")``, ``MESSAGES["x"]``, the literals a
    ``….code`` is compared with or looked up in (directly or via a module-level constant),
    and the values of a module-level table indexed by a ``….code``."""
    constants = {
        target.id: node.value
        for node in tree.body
        if isinstance(node, ast.Assign)
        for target in node.targets
        if isinstance(target, ast.Name)
    }
    for node in ast.walk(tree):
        found: list[ast.AST] = []
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "BookingError":
            found = node.args[:1]
        elif isinstance(node, ast.Subscript) and getattr(node.value, "id", None) == "MESSAGES":
            found = [node.slice]
        elif isinstance(node, ast.Subscript) and _is_code(node.slice):
            table = constants.get(getattr(node.value, "id", ""))  # e.g. Wix code → ours
            found = [ast.Tuple(elts=table.values)] if isinstance(table, ast.Dict) else []
        elif isinstance(node, ast.Compare) and _is_code(node.left):
            found = list(node.comparators)
        elif isinstance(node, ast.Call) and node.args and _is_code(node.args[0]):
            found = [node.func.value] if isinstance(node.func, ast.Attribute) else []  # X.get
        for expr in found:
            if isinstance(expr, ast.Name) and expr.id in constants:
                expr = constants[expr.id]
            if isinstance(expr, ast.Dict):
                expr = ast.Tuple(elts=[k for k in expr.keys if k is not None])
            for text in _strings(expr):
                if _BOOKING_CODE.match(text):
                    yield node.lineno, text


def test_every_booking_code_used_has_a_message() -> None:
    missing = [
        f"{path.relative_to(PACKAGE.parent)}:{line} {code!r}"
        for path in sorted(PACKAGE.rglob("*.py"))
        if "wix" not in path.relative_to(PACKAGE).parts
        for line, code in _codes_used(ast.parse(path.read_text()))
        if code not in MESSAGES
    ]

    assert missing == [], "codes without a MESSAGES entry:\n" + "\n".join(missing)


def test_the_code_scan_sees_raised_shown_and_branched_codes() -> None:
    # Guards the scan above against finding nothing at all.
    source = (
        'X = frozenset({"gone_a"})\n'
        'raise BookingError("raised_b")\n'
        'MESSAGES["shown_c"]\n'
        'if error.code in X or error.code == "cmp_d": pass\n'
        'BY = {"looked_up_e": 1}\n'
        "BY.get(error.code)\n"
        'if exc.code == "WIX_CODE": pass\n'
        'TABLE = {"WIX_CODE": "mapped_f"}\n'
        "BookingError(TABLE[exc.code])\n"
    )

    codes = {code for _, code in _codes_used(ast.parse(source))}

    assert codes == {"gone_a", "raised_b", "shown_c", "cmp_d", "looked_up_e", "mapped_f"}


def test_booking_error_refuses_a_code_without_a_message() -> None:
    with pytest.raises(ValueError, match="unknown booking error code 'slot_gone'"):
        BookingError("slot_gone")


def test_booking_error_message_is_the_catalogue_text() -> None:
    error = BookingError("class_full", wix_request_id="rid-1")

    assert error.message == "Sorry, there aren't enough places left in that class."
    assert (error.code, error.wix_request_id, str(error)) == ("class_full", "rid-1", "class_full")


def test_booking_error_retryable_only_when_waiting_may_help() -> None:
    retryable = {code for code in MESSAGES if BookingError(code).retryable}

    # booking_held: the booking exists and a passing failure stopped its payment step.
    assert retryable == {
        "temporarily_unavailable",
        "rate_limited",
        "outcome_pending",
        "booking_held",
        # Managing a booking while Wix is down or throttling: nothing was changed, try later.
        "manage_try_later",
    }
