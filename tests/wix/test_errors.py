"""The one response → exception mapping, for every documented error envelope."""

from __future__ import annotations

from email.utils import formatdate

import httpx
import pytest

from booking_site.wix import (
    FieldViolation,
    WixAPIError,
    WixBadRequest,
    WixClient,
    WixConflict,
    WixForbidden,
    WixNotFound,
    WixPreconditionFailed,
    WixRateLimited,
    WixServerError,
    WixUnauthorized,
)
from booking_site.wix.errors import error_from_response

from .fakes import API_KEY, FakeWix, load


def _response(status: int, body: object = None, *, content: bytes | None = None) -> httpx.Response:
    headers = {"x-wix-request-id": "rid-1"}
    if content is not None:
        return httpx.Response(status, content=content, headers=headers)
    return httpx.Response(status, json=body, headers=headers)


def test_application_error_gives_its_code_and_data() -> None:
    error = error_from_response(_response(428, load("error_slot_not_available")))

    assert type(error) is WixPreconditionFailed
    assert error.status == 428
    assert error.code == "SLOT_NOT_AVAILABLE"
    assert error.message == "Slot is not available"
    assert error.description == "The requested slot is no longer available"
    assert error.request_id == "rid-1"
    assert error.details["applicationError"]["data"] == {"slot": "2026-03-02T10:00:00"}
    assert error.field_violations == ()


def test_validation_error_keeps_field_violations() -> None:
    error = error_from_response(_response(400, load("error_validation")))

    assert type(error) is WixBadRequest
    assert error.code == "VALIDATION_ERROR"
    assert error.field_violations == (
        FieldViolation(
            field="booking.bookedEntity.slot.location.locationType",
            description="must be one of [UNDEFINED, OWNER_BUSINESS, OWNER_CUSTOM, CUSTOM]",
            rule_name="VALIDATION_ERROR",
            violated_rule="ENUM",
            data={"value": "BUSINESS"},
        ),
        FieldViolation(
            field="booking.contactDetails.email",
            description="must be a valid email",
            violated_rule="FORMAT",
        ),
    )


def test_application_error_code_wins_over_validation_error() -> None:
    error = error_from_response(_response(409, load("error_already_set")))

    assert type(error) is WixConflict
    assert error.code == "BOOKING_STATUS_ALREADY_SET"
    assert len(error.field_violations) == 1


@pytest.mark.parametrize(
    ("status", "cls", "code"),
    [
        (400, WixBadRequest, "BAD_REQUEST"),
        (401, WixUnauthorized, "UNAUTHORIZED"),
        (403, WixForbidden, "FORBIDDEN"),
        (404, WixNotFound, "NOT_FOUND"),
        (409, WixConflict, "CONFLICT"),
        (428, WixPreconditionFailed, "PRECONDITION_REQUIRED"),
        (429, WixRateLimited, "TOO_MANY_REQUESTS"),
        (500, WixServerError, "INTERNAL_SERVER_ERROR"),
        (504, WixServerError, "GATEWAY_TIMEOUT"),
        (402, WixAPIError, "PAYMENT_REQUIRED"),
    ],
)
def test_bare_status_synthesises_code(status: int, cls: type[WixAPIError], code: str) -> None:
    error = error_from_response(_response(status, load("error_system")))

    assert type(error) is cls
    assert error.code == code
    assert error.message == code


def test_non_json_body_does_not_crash() -> None:
    error = error_from_response(_response(502, content=b"<html>Bad gateway</html>"))

    assert type(error) is WixServerError
    assert error.code == "BAD_GATEWAY"
    assert error.details == {}
    assert error.request_id == "rid-1"


def test_json_array_body_is_treated_as_bare_status() -> None:
    error = error_from_response(_response(404, ["odd"]))

    assert error.code == "NOT_FOUND"


def test_unknown_status_gets_generic_code() -> None:
    error = error_from_response(_response(599, content=b""))

    assert type(error) is WixServerError
    assert error.code == "HTTP_599"


def test_retry_after_as_http_date_is_converted_to_seconds() -> None:
    now = 1_800_000_000.0
    response = httpx.Response(429, headers={"Retry-After": formatdate(now + 4, usegmt=True)})

    error = error_from_response(response, now=now)

    assert isinstance(error, WixRateLimited)
    assert error.retry_after == 4.0


def test_str_carries_code_and_request_id_but_no_key(wix: WixClient, fake: FakeWix) -> None:
    fake.add(
        "POST",
        "/bookings/v2/bookings/bkg-1/confirm",
        "error_already_set",
        status=409,
        headers={"x-wix-request-id": "rid-9"},
    )

    with pytest.raises(WixConflict) as caught:
        wix.bookings.confirm(booking_id="bkg-1", revision="1", payment_status="EXEMPT")

    text = str(caught.value)
    assert text == (
        "Wix 409 BOOKING_STATUS_ALREADY_SET: Booking.status is already set to CONFIRMED "
        "(request id rid-9)"
    )
    assert API_KEY not in text
    assert API_KEY not in repr(caught.value)
