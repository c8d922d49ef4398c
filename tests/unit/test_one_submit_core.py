"""One submit core: the customer and staff front ends only build a plan; no second code path.

The two submits drifted apart once (a staff retry after a lost answer was handled differently
from a customer's). These pin the shape that keeps them together: the Wix writes of a submit
(Create Booking, cart, redirect session, Confirm-or-Decline, Create Order, Place Order) live in
the core and its settlement helpers only, and the front ends import none of them.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "booking_site"
SERVICES = PACKAGE / "services"
FRONT_ENDS = ("services/booking.py", "owner/services/submit.py")
# The core and the helpers it settles through; the doctor makes its own test booking.
# plan_payment.py is settlement's plan step (a cart with ``membershipPayment``, Place Order).
WRITERS = {
    "submit_core.py",
    "settlement.py",
    "cart.py",
    "confirmation.py",
    "doctor_checkout.py",
    "plan_payment.py",
}
WIX_WRITES = re.compile(
    r"\.bookings\.create\(|\.confirm_or_decline\(|\.orders\.create\(|"
    r"\.create_for_checkout\(|\.place_order\(|\.ecom\.create\("
)


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def test_front_ends_submit_through_the_core_only() -> None:
    for name in FRONT_ENDS:
        imports = _imports(PACKAGE / name)
        assert "booking_site.services.submit_core.submit" in imports, name
        for helper in ("cart", "confirmation", "settlement", "recovery"):
            # Both "from booking_site.services import cart" and "from ….cart import x".
            assert f"booking_site.services.{helper}" not in imports, (name, helper)


def test_submit_writes_to_wix_only_in_the_core_and_its_settlement() -> None:
    modules = [*SERVICES.glob("*.py"), *(PACKAGE / "owner" / "services").glob("*.py")]
    writers = {path.name for path in modules if WIX_WRITES.search(path.read_text())}

    assert "submit_core.py" in writers
    assert writers <= WRITERS, sorted(writers - WRITERS)
