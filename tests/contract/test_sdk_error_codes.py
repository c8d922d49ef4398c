"""Wix's own declared error codes, held against our table and our tests of it.

The pinned SDK packages declare, per method, the application error codes in a
``<Method>ApplicationErrors`` type (``meta.d.ts``). Every code declared for Create Booking and
for the Cart V2 methods the client calls must have its entry in ``WIX_CODES`` (so it never
becomes "unknown") and its case in ``tests/wix/test_documented_codes.py`` (so its customer
message and log line are checked). A Wix release that adds a code fails here until it is mapped.
"""

from __future__ import annotations

import re

import pytest

from booking_site.services.wix_codes import WIX_CODES
from tests.contract import sdk_spec
from tests.wix.test_documented_codes import DOCUMENTED_CODES

# (package, the ``…ApplicationErrors`` types of the methods the client calls).
CALLED = {
    "@wix/auto_sdk_bookings_bookings": ("CreateBookingApplicationErrors",),
    "@wix/auto_sdk_ecom_cart-v-2": (
        "CreateCartApplicationErrors",
        "CalculateCartApplicationErrors",
        "GetCheckoutUrlApplicationErrors",
        "PlaceOrderApplicationErrors",
    ),
}
_CODE = re.compile(r"code\?: '([A-Z0-9_]+)'")


def declared_codes(meta_dts: str, type_name: str) -> set[str]:
    """The codes of one ``type X = {code?: '…'} | …;`` declaration."""
    start = meta_dts.find(f"\ntype {type_name} = ")
    if start < 0:
        raise LookupError(type_name)
    body_start = start + len(f"\ntype {type_name} = ")
    end = re.search(r"\n(type|interface|declare|export) ", meta_dts[body_start:])
    return set(_CODE.findall(meta_dts[body_start : body_start + (end.start() if end else None)]))


def _sdk_codes() -> dict[str, set[str]]:
    versions = dict(sdk_spec.pins())
    found: dict[str, set[str]] = {}
    for package, types in CALLED.items():
        path = sdk_spec.package_dir(package, versions[package]) / "package/build/cjs/meta.d.ts"
        if not path.exists():
            pytest.fail(f"Wix SDK package not unpacked ({path.name}); run `make contract-packages`")
        text = path.read_text()
        for type_name in types:
            found[type_name] = declared_codes(text, type_name)
    return found


def test_every_declared_code_is_mapped_and_tested() -> None:
    codes = _sdk_codes()
    every = set().union(*codes.values())

    assert len(codes["CreateBookingApplicationErrors"]) == 19  # §6.4 lists the same 19
    assert sorted(every - set(WIX_CODES)) == []
    assert sorted(every - DOCUMENTED_CODES) == []


def test_the_check_would_notice_a_new_code() -> None:
    sample = (
        "\ntype PlaceOrderApplicationErrors = {\n    code?: 'EMPTY_CART';\n} | {\n"
        "    code?: 'A_CODE_FROM_THE_FUTURE';\n};\ninterface Next {\n}\n"
    )

    found = declared_codes(sample, "PlaceOrderApplicationErrors")

    assert found == {"EMPTY_CART", "A_CODE_FROM_THE_FUTURE"}
    assert found - set(WIX_CODES) == {"A_CODE_FROM_THE_FUTURE"}
