"""The one table of Wix application codes: what each means to the customer and to the operator.

``WIX_CODES`` holds every code Wix documents for Create Booking and for the Cart V2 methods the
site calls (Create Cart, Calculate Cart, Get Checkout URL, Place Order), as listed in
docs/wix-contract.md §6.4 / §31 and declared in the SDK packages' ``*ApplicationErrors`` types
(``tests/contract/test_sdk_error_codes.py`` holds the table to those declarations), plus the
codes of other methods the site already branches on. Each entry names the customer code (a key
of ``booking_site.errors.MESSAGES``) and one log line for the operator, at the level it deserves:
``info`` for a business answer (a taken slot), ``warning`` for the business's Wix set-up, ``error``
for a request this site should never have sent. Only codes missing here are "unknown".
``wix_errors.translate`` reads the table; nothing else does.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

INFO, WARNING, ERROR = logging.INFO, logging.WARNING, logging.ERROR


@dataclass(frozen=True)
class WixCode:
    """One application code: the customer code it becomes, the log line, or the work done.

    ``done`` codes are no failure to the caller that repeated the write: ``status_set``
    (Confirm-or-Decline on a settled booking, §14.4) and ``ordered`` (the cart or checkout was
    ordered already; its error data names the order, §31.2). ``customer`` is what a caller that
    does not expect the repeat tells the customer.
    """

    customer: str | None
    log: str = ""
    level: int = INFO
    done: Literal["status_set", "ordered"] | None = None


def _codes(customer: str, log: str, level: int, *codes: str) -> dict[str, WixCode]:
    """Several codes that mean the same to the customer, each logged under its own name."""
    return {code: WixCode(customer, log, level) for code in codes}


# Create Booking (§6.4, SDK ``CreateBookingApplicationErrors``), with the other bookings
# methods' codes the site already branches on.
_BOOKINGS: dict[str, WixCode] = {
    "SLOT_NOT_AVAILABLE": WixCode("slot_taken", "the slot was taken or is not offered", INFO),
    # §31.1: undescribed SDK-only code; the slot could not be held: re-list times.
    "SLOT_HOLD_UNAVAILABLE": WixCode("slot_taken", "the slot could not be held", INFO),
    "SLOT_NOT_FOUND": WixCode("slot_taken", "the slot is no longer offered", INFO),
    "FAILED_VALIDATING_AVAILABILITY": WixCode(
        "slot_not_found", "availability could not be validated (full or unavailable)", INFO
    ),
    "SESSION_CAPACITY_EXCEEDED": WixCode("class_full", "the class session is full", INFO),
    "SCHEDULE_CAPACITY_EXCEEDED": WixCode("course_full", "the course is full", INFO),
    "BOOKING_POLICY_VIOLATION": WixCode(
        "policy_violation", "outside the booking window or policy", INFO
    ),
    "INVALID_CHOICES": WixCode("invalid_choices", "participant choices are invalid", WARNING),
    "INVALID_SERVICE_CHOICES": WixCode(
        "invalid_choices", "participant choices don't match the service's variants", WARNING
    ),
    "FAILED_RESOLVING_CUSTOM_CHOICES": WixCode(
        "invalid_choices", "participant choices could not be resolved", WARNING
    ),
    "SESSION_NOT_FOUND": WixCode("slot_not_found", "the class session no longer exists", INFO),
    "SCHEDULE_NOT_FOUND": WixCode("service_not_found", "the schedule no longer exists", INFO),
    "SERVICE_NOT_FOUND": WixCode("service_not_found", "the service no longer exists", INFO),
    "BOOKING_NOT_FOUND": WixCode("booking_not_found", "no such booking", INFO),
    # Form data and required booking fields (§25): ``translate`` puts violations on fields.
    "VALIDATION_FAILURE": WixCode(
        "booking_rejected", "required booking fields are missing or invalid", ERROR
    ),
    "CONTACT_DETAILS_CONFLICT": WixCode(
        "contact_conflict", "contactDetails disagree with formSubmission", ERROR
    ),
    "UNAUTHORIZED_OPERATION": WixCode(
        "not_permitted", "the identity may not do this (status or flow settings)", ERROR
    ),
    "INVALID_FLOW_SELECTED_RESOURCES": WixCode(
        "staff_not_bookable", "the selected staff resource is invalid for this flow", WARNING
    ),
    "CAN_NOT_SKIP_AVAILABILITY_VALIDATION_IF_RESOURCE_NOT_PROVIDED": WixCode(
        "booking_rejected", "skipAvailabilityValidation sent without a resource", ERROR
    ),
    "CAN_NOT_CREATE_BOOKING_WITH_MULTI_SERVICE_BOOKING_INFO": WixCode(
        "booking_rejected", "multi-service info sent on a single booking", ERROR
    ),
    "INVALID_DATE_FORMAT": WixCode(
        "booking_rejected", "slot dates are not local YYYY-MM-DDThh:mm:ss", ERROR
    ),
    "INVALID_TIME_ZONE": WixCode("booking_rejected", "the slot's time zone is not IANA", ERROR),
    "BOOKING_STATUS_ALREADY_SET": WixCode(None, "status already set", INFO, done="status_set"),
}

# Cart V2 (§31.2, SDK ``CreateCart``/``CalculateCart``/``GetCheckoutUrl``/``PlaceOrder``
# ``ApplicationErrors``), the Checkout V1 twins, and the payment codes of Redirects.
_ECOM: dict[str, WixCode] = {
    # A cart or checkout is ordered once (the sandbox and Checkout V1 use the other two codes).
    "CART_ALREADY_ORDERED": WixCode(
        "order_exists", "the cart was already ordered", INFO, done="ordered"
    ),
    "CART_ALREADY_CHECKED_OUT": WixCode(
        "order_exists", "the cart was already checked out", INFO, done="ordered"
    ),
    "CHECKOUT_ALREADY_PAID": WixCode(
        "order_exists", "the checkout was already paid", INFO, done="ordered"
    ),
    # eCommerce and Redirects name the cart: never "service not found". Callers that can make
    # a new cart do so first; if Wix still says not found, the booking stays and a retry resumes.
    "CART_NOT_FOUND": WixCode("booking_held", "the cart is unknown", WARNING),
    "CHECKOUT_NOT_FOUND": WixCode("booking_held", "the checkout is unknown", WARNING),
    "SITE_MUST_ACCEPT_PAYMENTS": WixCode(
        "payment_unavailable", "the site does not accept payments", WARNING
    ),
    "SITE_NOT_ACCEPTING_PAYMENTS": WixCode(
        "payment_unavailable", "the site does not accept payments", WARNING
    ),
    "INSUFFICIENT_INVENTORY": WixCode(
        "payment_unavailable", "no stock: the payment option doesn't fit the service", WARNING
    ),
    "ITEM_NOT_FOUND_IN_CATALOG": WixCode(
        "cart_item_missing", "Wix Bookings' catalog doesn't return the booking", WARNING
    ),
    "EMPTY_CART": WixCode("cart_item_missing", "the cart has no line items", WARNING),
    "LINE_ITEMS_OUT_OF_STOCK": WixCode(
        "cart_out_of_stock", "the booking's line is no longer available", INFO
    ),
    **_codes(
        "cart_blocked",
        "the order has blocking violations",
        WARNING,
        "INVALID_CART",
        "VIOLATIONS_WITH_ERROR_SEVERITY",
        "MISSING_DELIVERY_ADDRESS",
        "MISSING_DELIVERY_METHOD",
        "DELIVERY_METHOD_NO_LONGER_AVAILABLE",
        "DELIVERY_METHOD_NOT_APPLIED_TO_ALL_LINE_ITEMS",
        "SHIPPABLE_LINE_ITEM_CONTAINS_FREE_TRIAL_SUBSCRIPTION",
        "SUBSCRIPTION_WITH_INVALID_FREQUENCY",
        "PLACE_ORDER_NOT_ALLOWED_FOR_DEMO_CART",
        "DEMO_ORDER_NOT_ALLOWED",
    ),
    **_codes(
        "price_changed",
        "prices changed since the cart was calculated",
        INFO,
        "CART_PRICES_OUT_OF_SYNC",
        "INVALID_PRICE_VERIFICATION_TOKEN",
    ),
    "CALCULATION_ERROR": WixCode("price_unavailable", "the cart could not be priced", WARNING),
    "PAYMENT_ALREADY_IN_PROGRESS": WixCode(
        "payment_in_progress", "a payment for the cart is already running", INFO
    ),
    "PAYMENT_ATTEMPT_EXPIRED": WixCode("payment_expired", "the payment attempt expired", INFO),
    **_codes(
        "payment_method_unavailable",
        "the payment method or its token can't be used",
        WARNING,
        "UNAVAILABLE_PAYMENT_METHOD",
        "EMPTY_PAYMENT_TOKEN",
        "UNCONFIRMED_SAVE_PAYMENT_METHOD",
        "INVALID_PAYMENT_STATUS",
        "INVALID_THIRD_PARTY_CHECKOUT_TOKEN",
    ),
    **_codes(
        "membership_unusable",
        "the membership or plan can't pay for this line",
        INFO,
        "INVALID_MEMBERSHIP",
        "INVALID_MEMBERSHIP_PAYMENT_OPTION",
        "PLAN_LINE_ITEM_NOT_FOUND",
    ),
    "MEMBERS_ONLY_ITEM": WixCode("members_only", "the service is for signed-in members", INFO),
    "DEPOSIT_AMOUNT_GREATER_THAN_UNIT_PRICE": WixCode(
        "deposit_misconfigured", "the service's deposit exceeds its price", WARNING
    ),
    **_codes(
        "discount_invalid",
        "a coupon or gift card on the cart can't be used",
        INFO,
        "INVALID_COUPON_CODE",
        "INVALID_COUPON_STATUS",
        "INVALID_GIFT_CARD_CODE",
        "INVALID_GIFT_CARD_STATUS",
        "GIFT_CARD_REDEEM_ERROR",
        "CANNOT_PAY_FOR_GIFT_CARD_WITH_GIFT_CARD",
        "CANNOT_PAY_FOR_SUBSCRIPTION_WITH_GIFT_CARD",
        "CANNOT_REDEEM_COUPON_WHEN_PURCHASING_GIFT_CARD",
    ),
    "CHECKOUT_PAGE_NOT_FOUND": WixCode(
        "checkout_unavailable", "the site has no checkout page", WARNING
    ),
    "SITE_NOT_PUBLISHED": WixCode(
        "checkout_unavailable", "the site is not published, so checkout can't open", WARNING
    ),
    **_codes(
        "cart_rejected",
        "Create Cart refused the line as sent",
        ERROR,
        "MAX_LINE_ITEMS_EXCEEDED",
        "MAX_ITEM_MODIFIERS_EXCEEDED",
        "DUPLICATE_MODIFIER_GROUP_IDS",
        "DUPLICATE_ITEM_MODIFIER_IDS",
        "LINE_ITEM_PRICE_CONFLICT",
        "FIXED_QUANTITY_ITEM",
        "DELIVERY_METHOD_NOT_FOUND",
        "DELIVERY_METHOD_MISSING_ADDRESS",
        "DELIVERY_METHOD_MISSING_LINE_ITEMS",
    ),
}

WIX_CODES: Mapping[str, WixCode] = {**_BOOKINGS, **_ECOM}
