"""eCom (Cart V2 and Checkout V1), redirect sessions, custom orders and variants."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest

from booking_site.wix import (
    BOOKINGS_APP_ID,
    VisitorTokens,
    WixClient,
    WixResponseError,
    WixServerError,
)
from booking_site.wix.models import (
    EcomCheckout,
    Money,
    Order,
    PlacedOrder,
    RedirectSession,
    ServiceVariants,
    Variant,
)
from booking_site.wix.resources import CartAPI, CheckoutAPI

from .fakes import ADMIN_HEADERS, FakeWix, auth_headers

CARTS = "/ecom/v2/carts"
CHECKOUTS = "/ecom/v1/checkouts"
VISITOR = {"authorization": "visitor-access-0"}


@pytest.fixture
def checkout_client(make_client: Callable[..., WixClient]) -> WixClient:
    return make_client(ecom_api="checkout")


def test_ecom_api_is_chosen_by_setting(wix: WixClient, checkout_client: WixClient) -> None:
    assert isinstance(wix.ecom, CartAPI)
    assert isinstance(checkout_client.ecom, CheckoutAPI)


# --- Cart V2 ------------------------------------------------------------------------------------


def test_cart_create_is_one_call_as_the_visitor(
    wix: WixClient, fake: FakeWix, tokens: VisitorTokens
) -> None:
    fake.add("POST", CARTS, "cart_created")

    cart = wix.for_visitor(tokens).ecom.create(booking_id="bkg-1", buyer_email="ann@example.com")

    # One call only: on the submit path every Wix call is a customer waiting.
    assert fake.calls() == [("POST", CARTS)]
    assert fake.bodies(CARTS) == [
        {
            "catalogItems": [
                {
                    "catalogReference": {"appId": BOOKINGS_APP_ID, "catalogItemId": "bkg-1"},
                    "quantity": 1,
                }
            ],
            "cart": {"source": {"channelType": "WEB"}},
        }
    ]
    assert [auth_headers(r) for r in fake.requests] == [VISITOR]
    assert cart == EcomCheckout(
        id="cart-1",
        kind="cart",
        total=None,
        subtotal=None,
        currency="GBP",
        line_item_count=1,
        unavailable=False,
    )


def test_cart_calculate_reads_the_totals_as_the_visitor(
    wix: WixClient, fake: FakeWix, tokens: VisitorTokens
) -> None:
    fake.add("POST", f"{CARTS}/cart-1/calculate", "cart_calculated")

    cart = wix.for_visitor(tokens).ecom.calculate("cart-1")

    assert fake.calls() == [("POST", f"{CARTS}/cart-1/calculate")]
    assert fake.body() == {"refreshCart": False}
    assert [auth_headers(r) for r in fake.requests] == [VISITOR]
    assert cart == EcomCheckout(
        id="cart-1",
        kind="cart",
        total=Money(Decimal("60.00"), "GBP", "£60.00"),
        subtotal=Money(Decimal("60.00"), "GBP", "£60.00"),
        currency="GBP",
        line_item_count=1,
        unavailable=False,
        price_token="pvt-1",
    )


def test_cart_create_is_not_retried_on_503(
    wix: WixClient, fake: FakeWix, tokens: VisitorTokens
) -> None:
    fake.add("POST", CARTS, {}, status=503)

    with pytest.raises(WixServerError):
        wix.for_visitor(tokens).ecom.create(booking_id="bkg-1")

    assert len(fake.requests) == 1


def test_cart_calculate_is_retried_like_a_read(
    wix: WixClient, fake: FakeWix, tokens: VisitorTokens
) -> None:
    fake.add("POST", f"{CARTS}/cart-1/calculate", {}, status=503)
    fake.add("POST", f"{CARTS}/cart-1/calculate", "cart_calculated_unavailable")

    cart = wix.for_visitor(tokens).ecom.calculate("cart-1")

    assert len(fake.requests) == 2
    assert cart.unavailable is True
    assert cart.total == Money(Decimal("0"), "GBP")


def test_cart_place_order_and_checkout_url(
    wix: WixClient, fake: FakeWix, tokens: VisitorTokens
) -> None:
    fake.add("POST", f"{CARTS}/cart-1/place-order", "place_order")
    fake.add("POST", f"{CARTS}/cart-1/get-checkout-url", "checkout_url")
    scope = wix.for_visitor(tokens)

    order = scope.ecom.place_order("cart-1")
    url = scope.ecom.checkout_url("cart-1")

    assert order == PlacedOrder(order_id="order-1", payment_gateway_order_id=None)
    assert url == "https://site.example/checkout?checkoutId=abc"
    assert fake.bodies(f"{CARTS}/cart-1/place-order") == [
        {"savePaymentMethod": False, "delayCapture": False}
    ]
    assert fake.bodies(f"{CARTS}/cart-1/get-checkout-url") == [{}]
    assert [auth_headers(r) for r in fake.requests] == [VISITOR, VISITOR]


def test_cart_place_order_is_not_retried(
    wix: WixClient, fake: FakeWix, tokens: VisitorTokens
) -> None:
    fake.add("POST", f"{CARTS}/cart-1/place-order", {}, status=500)

    with pytest.raises(WixServerError):
        wix.for_visitor(tokens).ecom.place_order("cart-1")

    assert len(fake.requests) == 1


# --- Checkout V1 --------------------------------------------------------------------------------


def test_checkout_create_sends_line_item_channel_and_buyer(
    checkout_client: WixClient, fake: FakeWix, tokens: VisitorTokens
) -> None:
    fake.add("POST", CHECKOUTS, "checkout_created")

    checkout = checkout_client.for_visitor(tokens).ecom.create(
        booking_id="bkg-1", buyer_email="ann@example.com"
    )

    assert fake.body() == {
        "lineItems": [
            {
                "quantity": 1,
                "catalogReference": {"appId": BOOKINGS_APP_ID, "catalogItemId": "bkg-1"},
            }
        ],
        "channelType": "WEB",
        "checkoutInfo": {"buyerInfo": {"email": "ann@example.com"}},
    }
    assert auth_headers(fake.requests[0]) == VISITOR
    assert checkout == EcomCheckout(
        id="checkout-1",
        kind="checkout",
        total=Money(Decimal("60.00"), "GBP", "£60.00"),
        subtotal=Money(Decimal("60.00"), "GBP"),
        currency="GBP",
        line_item_count=1,
        unavailable=False,
    )


def test_checkout_calculate_reads_the_checkout(
    checkout_client: WixClient, fake: FakeWix, tokens: VisitorTokens
) -> None:
    fake.add("GET", f"{CHECKOUTS}/checkout-1", "checkout_created")

    checkout = checkout_client.for_visitor(tokens).ecom.calculate("checkout-1")

    assert fake.calls() == [("GET", f"{CHECKOUTS}/checkout-1")]
    assert checkout.id == "checkout-1"


def test_checkout_create_order_prefers_the_api_key(
    checkout_client: WixClient, fake: FakeWix, tokens: VisitorTokens
) -> None:
    fake.add("POST", f"{CHECKOUTS}/checkout-1/create-order", "create_order_from_checkout")

    order = checkout_client.for_visitor(tokens).ecom.place_order("checkout-1")

    assert order == PlacedOrder(order_id="order-2", payment_gateway_order_id="pg-order-2")
    assert fake.body() == {"savePaymentMethod": False, "delayCapture": False}
    assert auth_headers(fake.requests[0]) == ADMIN_HEADERS


def test_checkout_create_order_without_key_uses_the_visitor(
    make_client: Callable[..., WixClient], fake: FakeWix, tokens: VisitorTokens
) -> None:
    client = make_client(ecom_api="checkout", api_key=None, site_id=None)
    fake.add("POST", f"{CHECKOUTS}/checkout-1/create-order", "create_order_from_checkout")

    client.for_visitor(tokens).ecom.place_order("checkout-1")

    assert auth_headers(fake.requests[0]) == VISITOR


def test_checkout_url_is_a_get(
    checkout_client: WixClient, fake: FakeWix, tokens: VisitorTokens
) -> None:
    fake.add("GET", f"{CHECKOUTS}/checkout-1/checkout-url", "checkout_url")

    url = checkout_client.for_visitor(tokens).ecom.checkout_url("checkout-1")

    assert url == "https://site.example/checkout?checkoutId=abc"


def test_checkout_url_missing_is_a_response_error(
    checkout_client: WixClient, fake: FakeWix, tokens: VisitorTokens
) -> None:
    fake.add("GET", f"{CHECKOUTS}/checkout-1/checkout-url", {"other": 1})

    with pytest.raises(WixResponseError):
        checkout_client.for_visitor(tokens).ecom.checkout_url("checkout-1")


# --- redirect sessions, orders, variants ----------------------------------------------------------


def test_redirect_session_for_checkout(
    wix: WixClient, fake: FakeWix, tokens: VisitorTokens
) -> None:
    path = "/redirect-session/v1/redirect-session"
    fake.add("POST", path, "redirect_session")

    session = wix.for_visitor(tokens).redirects.create_for_checkout(
        checkout_id="cart-1",
        post_flow_url="https://book.example.com/booking/return?ref=abc",
        thank_you_url="https://book.example.com/booking/thanks",
    )

    assert fake.body() == {
        "ecomCheckout": {"checkoutId": "cart-1"},
        "callbacks": {
            "postFlowUrl": "https://book.example.com/booking/return?ref=abc",
            "thankYouPageUrl": "https://book.example.com/booking/thanks",
        },
        "preferences": {"useGenericWixPages": True, "maintainIdentity": True},
    }
    assert auth_headers(fake.requests[0]) == VISITOR
    assert session == RedirectSession(
        id="redirect-1",
        full_url="https://site.example/checkout?appSectionParams=abc&headlessExternalUrls=def",
    )


def test_redirect_session_without_thank_you_and_not_retried(
    wix: WixClient, fake: FakeWix, tokens: VisitorTokens
) -> None:
    path = "/redirect-session/v1/redirect-session"
    fake.add("POST", path, {}, status=503)

    with pytest.raises(WixServerError):
        wix.for_visitor(tokens).redirects.create_for_checkout(
            checkout_id="cart-1", post_flow_url="https://b.example/r", thank_you_url=None
        )

    assert len(fake.requests) == 1
    assert fake.body()["callbacks"] == {"postFlowUrl": "https://b.example/r"}


def test_orders_create_records_a_paid_booking(wix: WixClient, fake: FakeWix) -> None:
    fake.add("POST", "/ecom/v1/orders", "order_created")

    order = wix.orders.create(
        booking_id="bkg-1",
        product_name="Deep tissue massage",
        amount=Decimal("60.00"),
        currency="GBP",
        buyer_email="ann@example.com",
        contact_id="contact-ann",
        external_order_id="django-123",
    )

    price = {"amount": "60.00"}
    assert fake.body() == {
        "order": {
            "channelInfo": {"type": "WEB", "externalOrderId": "django-123"},
            "lineItems": [
                {
                    "catalogReference": {"appId": BOOKINGS_APP_ID, "catalogItemId": "bkg-1"},
                    "productName": {"original": "Deep tissue massage"},
                    "itemType": {"preset": "SERVICE"},
                    "quantity": 1,
                    "price": price,
                }
            ],
            "priceSummary": {"subtotal": price, "total": price},
            "buyerInfo": {"email": "ann@example.com", "contactId": "contact-ann"},
            "currency": "GBP",
            "paymentStatus": "PAID",
        },
        "settings": {
            "orderApprovalStrategy": "DEFAULT",
            "notifications": {
                "sendNotificationToBuyer": False,
                "sendNotificationsToBusiness": False,
            },
        },
    }
    assert auth_headers(fake.requests[0]) == ADMIN_HEADERS
    assert order == Order(id="order-3", number="10042", status="APPROVED", payment_status="PAID")


def test_variants_for_service_are_parsed(wix: WixClient, fake: FakeWix) -> None:
    path = "/bookings/v1/serviceOptionsAndVariants/service_id/svc-yoga"
    fake.add("GET", path, "service_variants")

    variants = wix.variants.get_for_service("svc-yoga")

    assert fake.calls() == [("GET", path)]
    assert variants == ServiceVariants(
        id="variants-yoga",
        service_id="svc-yoga",
        option_id="opt-age",
        option_name="Age group",
        variants=(
            Variant("opt-age", "Adult", Money(Decimal("20.00"), "GBP")),
            Variant("opt-age", "Child", Money(Decimal("10.50"), "GBP")),
        ),
        min_price=Money(Decimal("10.50"), "GBP"),
        max_price=Money(Decimal("20.00"), "GBP"),
    )


def test_variants_404_means_none(wix: WixClient, fake: FakeWix) -> None:
    path = "/bookings/v1/serviceOptionsAndVariants/service_id/svc-massage"
    fake.add("GET", path, {"message": "not found"}, status=404)

    assert wix.variants.get_for_service("svc-massage") is None
    assert len(fake.requests) == 1
