"""A Wix answer too deeply nested to parse is unreadable, never a crash (RecursionError)."""

from __future__ import annotations

import pytest

from booking_site.wix import WixClient
from booking_site.wix.errors import WixBadRequest, WixResponseError

from .fakes import FakeWix

SERVICES = "/bookings/v2/services/query"
# Far beyond Python's recursion limit: json.loads raises RecursionError, not ValueError.
DEEP = 100_000


@pytest.mark.parametrize(
    "content",
    [
        b"[" * DEEP + b"]" * DEEP,
        b'{"services": ' + b"[" * DEEP + b"]" * DEEP + b"}",
        b'{"a":' * DEEP + b"1" + b"}" * DEEP,
    ],
    ids=["array", "inside an object", "objects"],
)
def test_deeply_nested_success_body_is_an_unreadable_answer(
    wix: WixClient, fake: FakeWix, content: bytes
) -> None:
    fake.add("POST", SERVICES, content=content)

    with pytest.raises(WixResponseError):
        wix.services.query()


def test_deeply_nested_error_body_is_still_the_status_error(wix: WixClient, fake: FakeWix) -> None:
    fake.add("POST", SERVICES, content=b"[" * DEEP + b"]" * DEEP, status=400)

    with pytest.raises(WixBadRequest) as caught:
        wix.services.query()

    assert caught.value.status == 400
