"""Wix failures translated into BookingError codes: application code first, status second.

Exceptions are built the way the client builds them, from Wix's documented error envelope
(docs/wix-contract.md §14.1) with the status each method page gives it (§6.4, §31).
"""

from __future__ import annotations

import logging

import httpx
import pytest

from booking_site.errors import MESSAGES, BookingError
from booking_site.services.wix_errors import translate, wix_errors
from booking_site.wix import (
    WixConfigurationError,
    WixConnectionError,
    WixError,
    WixResponseError,
    WixTimeout,
)
from booking_site.wix.errors import error_from_response

from .builders import payload

REQUEST_ID = "rid-42"


def _wix(status: int, code: str | None = None, message: str = "Wix says no") -> WixError:
    body: dict[str, object] = {"message": message, "details": {}}
    if code:
        body["details"] = {"applicationError": {"code": code, "description": message}}
    response = httpx.Response(status, json=body, headers={"x-wix-request-id": REQUEST_ID})
    return error_from_response(response)


@pytest.mark.parametrize(
    ("status", "code", "booking_code"),
    [
        (428, "SLOT_NOT_AVAILABLE", "slot_taken"),
        (404, "SLOT_NOT_FOUND", "slot_taken"),  # Get Availability Time Slot
        (428, "SESSION_CAPACITY_EXCEEDED", "class_full"),
        (428, "SCHEDULE_CAPACITY_EXCEEDED", "course_full"),
        (403, "BOOKING_POLICY_VIOLATION", "policy_violation"),
        (400, "INVALID_CHOICES", "invalid_choices"),
        (428, "INVALID_SERVICE_CHOICES", "invalid_choices"),
        (428, "FAILED_RESOLVING_CUSTOM_CHOICES", "invalid_choices"),
        (428, "SESSION_NOT_FOUND", "slot_not_found"),
        (428, "SCHEDULE_NOT_FOUND", "service_not_found"),
        (404, "SERVICE_NOT_FOUND", "service_not_found"),
        (404, "BOOKING_NOT_FOUND", "booking_not_found"),
        (428, "SITE_MUST_ACCEPT_PAYMENTS", "payment_unavailable"),
        (400, "SITE_NOT_ACCEPTING_PAYMENTS", "payment_unavailable"),
        (400, "INSUFFICIENT_INVENTORY", "payment_unavailable"),
    ],
)
def test_translate_maps_each_application_code(status: int, code: str, booking_code: str) -> None:
    error = translate(_wix(status, code))

    assert (error.code, error.wix_request_id) == (booking_code, REQUEST_ID)


def test_translate_reads_the_recorded_slot_not_available_envelope() -> None:
    response = httpx.Response(428, json=payload("error_slot_not_available"))

    assert translate(error_from_response(response)).code == "slot_taken"


def test_translate_application_code_wins_over_the_status() -> None:
    # A 429 or 503 carrying a business code still means that business rule failed.
    assert translate(_wix(429, "SLOT_NOT_AVAILABLE")).code == "slot_taken"
    assert translate(_wix(503, "SESSION_CAPACITY_EXCEEDED")).code == "class_full"


@pytest.mark.parametrize(
    ("status", "code", "booking_code"),
    [
        (429, None, "rate_limited"),
        (429, "RESOURCE_EXHAUSTED", "rate_limited"),
        (500, None, "temporarily_unavailable"),
        (502, None, "temporarily_unavailable"),
        (503, "UNAVAILABLE", "temporarily_unavailable"),
        (504, "DEADLINE_EXCEEDED", "temporarily_unavailable"),
        (404, None, "service_not_found"),
        (404, "NO_IMPLEMENTERS_FOUND", "service_not_found"),
    ],
)
def test_translate_falls_back_on_the_status_class(
    status: int, code: str | None, booking_code: str
) -> None:
    error = translate(_wix(status, code))

    assert (error.code, error.wix_request_id) == (booking_code, REQUEST_ID)


@pytest.mark.parametrize(
    ("exc", "booking_code"),
    [
        (WixConnectionError("refused"), "temporarily_unavailable"),
        (WixTimeout("read timeout"), "temporarily_unavailable"),
        (WixConfigurationError("no API key"), "admin_required"),
    ],
    ids=["connection", "timeout", "configuration"],
)
def test_translate_client_side_failures(exc: WixError, booking_code: str) -> None:
    error = translate(exc)

    assert (error.code, error.wix_request_id) == (booking_code, None)


@pytest.mark.parametrize(
    ("status", "code"),
    [
        (400, "SOME_FUTURE_CODE"),
        # Documented codes (VALIDATION_FAILURE, UNAUTHORIZED_OPERATION) have their own
        # messages now (tests/wix/test_documented_codes.py); these generic ones don't.
        (400, "INVALID_ARGUMENT"),
        (401, None),
        (403, "PERMISSION_DENIED"),
        (409, "ALREADY_EXISTS"),
        (428, "SOME_FUTURE_CODE"),
    ],
)
def test_translate_unknown_codes_get_the_generic_error_and_are_logged(
    status: int, code: str | None, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.ERROR, logger="booking_site.services.wix_errors"):
        error = translate(_wix(status, code))

    assert (error.code, error.wix_request_id) == ("unknown", REQUEST_ID)
    (record,) = caplog.records
    assert record.getMessage() == "unexpected Wix error"
    logged = {key: vars(record)[key] for key in ("wix_status", "wix_code", "wix_request_id")}
    synthesised = _wix(status).code  # a bare status gets a code from its reason phrase
    assert logged == {
        "wix_status": status,
        "wix_code": code or synthesised,
        "wix_request_id": REQUEST_ID,
    }


def test_translate_unparseable_answer_is_the_generic_error() -> None:
    assert translate(WixResponseError("Service payload lacks id")).code == "unknown"


def test_translate_slot_hold_unavailable_is_a_taken_slot() -> None:
    assert translate(_wix(428, "SLOT_HOLD_UNAVAILABLE")).code == "slot_taken"


def test_translated_message_never_repeats_what_wix_said() -> None:
    error = translate(_wix(428, "SLOT_NOT_AVAILABLE", message="internal detail rid-42 key=abc"))

    assert error.message == str(MESSAGES["slot_taken"])
    assert "internal detail" not in error.message


def test_wix_errors_reraises_the_translation_from_the_original() -> None:
    original = _wix(503)

    with pytest.raises(BookingError) as caught, wix_errors():
        raise original

    assert caught.value.code == "temporarily_unavailable"
    assert caught.value.__cause__ is original


def test_wix_errors_leaves_other_exceptions_alone() -> None:
    with pytest.raises(KeyError), wix_errors():
        raise KeyError("not Wix")
