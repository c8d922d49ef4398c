"""Every documented Create Booking and Cart V2 error code, through the client and the error page.

Each case is Wix's documented envelope (docs/wix-contract.md §14.1) with the status the method
page gives (§6.4; Cart V2 statuses are unpublished, §31.2, so 400/428 as Wix's general table
suggests), answered by an ``httpx.MockTransport`` to the real client call. The test states,
independently of ``WIX_CODES``, which customer message each code must give; it checks the log
line names the code at a level above debug, and that the page shown is never the 502 page.
"""

from __future__ import annotations

import logging

import httpx
import pytest
from django.test import RequestFactory

from booking_site.errors import MESSAGES, BookingError
from booking_site.services.wix_errors import translate
from booking_site.views.common import error_page
from booking_site.wix import WixClient, WixError
from booking_site.wix.models import ContactDetails, TimeSlot

REQUEST_ID = "rid-documented"
ANN = ContactDetails(first_name="Ann", last_name="Lee", email="ann@example.com")
SLOT = TimeSlot(
    service_id="svc-1",
    local_start="2026-03-02T10:00:00",
    local_end="2026-03-02T11:00:00",
    time_zone="Europe/London",
    bookable=True,
    schedule_id="sched-1",
)

# (code, HTTP status on the method page, customer code): Create Booking, §6.4 / §31.1.
CREATE_BOOKING = [
    ("SLOT_NOT_AVAILABLE", 428, "slot_taken"),
    ("SLOT_HOLD_UNAVAILABLE", 428, "slot_taken"),
    ("SESSION_CAPACITY_EXCEEDED", 428, "class_full"),
    ("SCHEDULE_CAPACITY_EXCEEDED", 428, "course_full"),
    ("BOOKING_POLICY_VIOLATION", 403, "policy_violation"),
    ("FAILED_VALIDATING_AVAILABILITY", 428, "slot_not_found"),
    ("VALIDATION_FAILURE", 428, "booking_rejected"),
    ("SESSION_NOT_FOUND", 428, "slot_not_found"),
    ("SCHEDULE_NOT_FOUND", 428, "service_not_found"),
    ("INVALID_CHOICES", 400, "invalid_choices"),
    ("INVALID_SERVICE_CHOICES", 428, "invalid_choices"),
    ("FAILED_RESOLVING_CUSTOM_CHOICES", 428, "invalid_choices"),
    ("UNAUTHORIZED_OPERATION", 403, "not_permitted"),
    ("INVALID_DATE_FORMAT", 400, "booking_rejected"),
    ("INVALID_TIME_ZONE", 400, "booking_rejected"),
    ("CONTACT_DETAILS_CONFLICT", 400, "contact_conflict"),
    ("INVALID_FLOW_SELECTED_RESOURCES", 428, "staff_not_bookable"),
    ("CAN_NOT_SKIP_AVAILABILITY_VALIDATION_IF_RESOURCE_NOT_PROVIDED", 428, "booking_rejected"),
    ("CAN_NOT_CREATE_BOOKING_WITH_MULTI_SERVICE_BOOKING_INFO", 428, "booking_rejected"),
]

# (code, customer code): Create Cart, Calculate Cart, Get Checkout URL, Place Order (§31.2 and
# the cart-v-2 package's ``*ApplicationErrors``).
CART_V2 = [
    ("ITEM_NOT_FOUND_IN_CATALOG", "cart_item_missing"),
    ("INSUFFICIENT_INVENTORY", "payment_unavailable"),
    ("MAX_LINE_ITEMS_EXCEEDED", "cart_rejected"),
    ("MAX_ITEM_MODIFIERS_EXCEEDED", "cart_rejected"),
    ("DUPLICATE_MODIFIER_GROUP_IDS", "cart_rejected"),
    ("DUPLICATE_ITEM_MODIFIER_IDS", "cart_rejected"),
    ("LINE_ITEM_PRICE_CONFLICT", "cart_rejected"),
    ("FIXED_QUANTITY_ITEM", "cart_rejected"),
    ("DELIVERY_METHOD_NOT_FOUND", "cart_rejected"),
    ("DELIVERY_METHOD_MISSING_ADDRESS", "cart_rejected"),
    ("DELIVERY_METHOD_MISSING_LINE_ITEMS", "cart_rejected"),
    ("INVALID_MEMBERSHIP_PAYMENT_OPTION", "membership_unusable"),
    ("PLAN_LINE_ITEM_NOT_FOUND", "membership_unusable"),
    ("INVALID_MEMBERSHIP", "membership_unusable"),
    ("INVALID_COUPON_CODE", "discount_invalid"),
    ("INVALID_COUPON_STATUS", "discount_invalid"),
    ("INVALID_GIFT_CARD_CODE", "discount_invalid"),
    ("INVALID_GIFT_CARD_STATUS", "discount_invalid"),
    ("GIFT_CARD_REDEEM_ERROR", "discount_invalid"),
    ("CANNOT_PAY_FOR_GIFT_CARD_WITH_GIFT_CARD", "discount_invalid"),
    ("CANNOT_PAY_FOR_SUBSCRIPTION_WITH_GIFT_CARD", "discount_invalid"),
    ("CANNOT_REDEEM_COUPON_WHEN_PURCHASING_GIFT_CARD", "discount_invalid"),
    ("DEPOSIT_AMOUNT_GREATER_THAN_UNIT_PRICE", "deposit_misconfigured"),
    ("CART_ALREADY_ORDERED", "order_exists"),
    ("CHECKOUT_PAGE_NOT_FOUND", "checkout_unavailable"),
    ("SITE_NOT_PUBLISHED", "checkout_unavailable"),
    ("SITE_NOT_ACCEPTING_PAYMENTS", "payment_unavailable"),
    ("EMPTY_CART", "cart_item_missing"),
    ("LINE_ITEMS_OUT_OF_STOCK", "cart_out_of_stock"),
    ("CART_PRICES_OUT_OF_SYNC", "price_changed"),
    ("INVALID_PRICE_VERIFICATION_TOKEN", "price_changed"),
    ("INVALID_THIRD_PARTY_CHECKOUT_TOKEN", "payment_method_unavailable"),
    ("VIOLATIONS_WITH_ERROR_SEVERITY", "cart_blocked"),
    ("INVALID_CART", "cart_blocked"),
    ("CALCULATION_ERROR", "price_unavailable"),
    ("SUBSCRIPTION_WITH_INVALID_FREQUENCY", "cart_blocked"),
    ("SHIPPABLE_LINE_ITEM_CONTAINS_FREE_TRIAL_SUBSCRIPTION", "cart_blocked"),
    ("UNCONFIRMED_SAVE_PAYMENT_METHOD", "payment_method_unavailable"),
    ("DELIVERY_METHOD_NO_LONGER_AVAILABLE", "cart_blocked"),
    ("DELIVERY_METHOD_NOT_APPLIED_TO_ALL_LINE_ITEMS", "cart_blocked"),
    ("MISSING_DELIVERY_ADDRESS", "cart_blocked"),
    ("MISSING_DELIVERY_METHOD", "cart_blocked"),
    ("INVALID_PAYMENT_STATUS", "payment_method_unavailable"),
    ("PAYMENT_ALREADY_IN_PROGRESS", "payment_in_progress"),
    ("EMPTY_PAYMENT_TOKEN", "payment_method_unavailable"),
    ("MEMBERS_ONLY_ITEM", "members_only"),
    ("PLACE_ORDER_NOT_ALLOWED_FOR_DEMO_CART", "cart_blocked"),
    ("DEMO_ORDER_NOT_ALLOWED", "cart_blocked"),
    ("PAYMENT_ATTEMPT_EXPIRED", "payment_expired"),
    ("UNAVAILABLE_PAYMENT_METHOD", "payment_method_unavailable"),
]

DOCUMENTED_CODES = frozenset(code for code, *_ in CREATE_BOOKING) | {c for c, _ in CART_V2}


def _client(status: int, code: str) -> WixClient:
    body = {
        "message": "Wix's own words",
        "details": {"applicationError": {"code": code, "description": "…", "data": {}}},
    }

    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(status, json=body, headers={"x-wix-request-id": REQUEST_ID})

    return WixClient(
        client_id="client",
        api_key="key",
        site_id="site",
        transport=httpx.MockTransport(answer),
        sleep=lambda seconds: None,
    )


def _create_booking(client: WixClient) -> None:
    client.bookings.create(slot=SLOT, contact=ANN, total_participants=1, payment_option="ONLINE")


def _place_order(client: WixClient) -> None:
    client.ecom.place_order("cart-1")


def _refusal(call: object, client: WixClient) -> WixError:
    with pytest.raises(WixError) as caught:
        call(client)  # type: ignore[operator]
    return caught.value


def _assert_documented(
    error: BookingError, code: str, customer: str, caplog: pytest.LogCaptureFixture
) -> None:
    assert (error.code, error.wix_request_id) == (customer, REQUEST_ID)
    assert error.message == str(MESSAGES[customer])
    assert "Wix's own words" not in error.message
    (record,) = [r for r in caplog.records if r.name == "booking_site.services.wix_errors"]
    assert record.getMessage().startswith(f"Wix refused {code}: ")
    assert len(record.getMessage()) > len(f"Wix refused {code}: ") + 5
    assert record.levelno >= logging.INFO
    assert (vars(record)["wix_code"], vars(record)["wix_request_id"]) == (code, REQUEST_ID)
    page = error_page(RequestFactory().post("/book/submit/"), error, retry_url="/book/review/")
    assert page.status_code != 502
    assert error.message.split(".")[0].replace("'", "&#x27;") in page.content.decode()


@pytest.mark.parametrize(("code", "status", "customer"), CREATE_BOOKING)
def test_every_create_booking_code_has_its_own_message_and_log_line(
    code: str, status: int, customer: str, caplog: pytest.LogCaptureFixture
) -> None:
    client = _client(status, code)
    with caplog.at_level(logging.INFO, logger="booking_site.services.wix_errors"):
        error = translate(_refusal(_create_booking, client))

    _assert_documented(error, code, customer, caplog)


@pytest.mark.parametrize(("code", "customer"), CART_V2)
def test_every_cart_v2_code_has_its_own_message_and_log_line(
    code: str, customer: str, caplog: pytest.LogCaptureFixture
) -> None:
    client = _client(428 if code.startswith(("CART_", "LINE_", "PAYMENT_")) else 400, code)
    with caplog.at_level(logging.INFO, logger="booking_site.services.wix_errors"):
        error = translate(_refusal(_place_order, client))

    _assert_documented(error, code, customer, caplog)


def test_an_undocumented_code_is_the_generic_error_logged_as_unexpected(
    caplog: pytest.LogCaptureFixture,
) -> None:
    client = _client(428, "SOME_CODE_WIX_NEVER_DOCUMENTED")
    with caplog.at_level(logging.INFO, logger="booking_site.services.wix_errors"):
        error = translate(_refusal(_create_booking, client))

    assert (error.code, error.message) == ("unknown", str(MESSAGES["unknown"]))
    (record,) = [r for r in caplog.records if r.name == "booking_site.services.wix_errors"]
    assert (record.getMessage(), record.levelno) == ("unexpected Wix error", logging.ERROR)
    assert vars(record)["wix_code"] == "SOME_CODE_WIX_NEVER_DOCUMENTED"
    page = error_page(RequestFactory().post("/book/submit/"), error, retry_url="/book/review/")
    assert page.status_code == 502


def _validation(body: dict[str, object], status: int = 400) -> WixError:
    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(status, json=body, headers={"x-wix-request-id": REQUEST_ID})

    client = WixClient(
        client_id="c", api_key="k", site_id="s", transport=httpx.MockTransport(answer)
    )
    return _refusal(_create_booking, client)


def test_a_missing_form_field_lands_on_that_field() -> None:
    # [S] how-to-code-bookings.md: the validation error Wix gives a missing form target.
    error = translate(
        _validation(
            {
                "message": "INVALID_ARGUMENT: level must have required property 'level'",
                "details": {
                    "validationError": {
                        "fieldViolations": [
                            {
                                "field": "formSubmission",
                                "description": "level must have required property 'level'",
                                "violatedRule": "REQUIRED_FIELD",
                            },
                            {
                                "field": "booking.contactDetails.email",
                                "description": "must be a valid email",
                            },
                        ]
                    }
                },
            }
        )
    )

    assert error.code == "details_rejected"
    assert error.fields == {"level": "missing", "email": "invalid"}


def test_validation_failure_naming_form_paths_lands_on_the_fields() -> None:
    error = translate(
        _validation(
            {
                "message": "required booking fields",
                "details": {
                    "applicationError": {
                        "code": "VALIDATION_FAILURE",
                        "data": {"fields": ["formSubmission.experience"]},
                    }
                },
            },
            status=428,
        )
    )

    assert (error.code, error.fields) == ("details_rejected", {"experience": "missing"})


def test_validation_failure_about_slot_fields_is_ours_not_the_customers() -> None:
    error = translate(
        _validation(
            {
                "message": "missing slot fields",
                "details": {
                    "applicationError": {
                        "code": "VALIDATION_FAILURE",
                        "data": {"fields": ["booking.bookedEntity.slot.scheduleId"]},
                    }
                },
            },
            status=428,
        )
    )

    assert (error.code, error.fields) == ("booking_rejected", {})
