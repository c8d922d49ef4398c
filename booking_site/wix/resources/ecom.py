"""eCom purchase flow for a booking: Cart V2 (default) or Checkout V1, behind one interface."""

from __future__ import annotations

from typing import Any, Protocol

from booking_site.wix.constants import BOOKINGS_APP_ID, PRICING_PLANS_APP_ID
from booking_site.wix.errors import WixConfigurationError
from booking_site.wix.models._parse import obj, req_str
from booking_site.wix.models.ecom import EcomCheckout, PlacedOrder
from booking_site.wix.resources._base import Resource, segment

# Place/create order only charges nothing here (free or pay-in-person bookings).
_ORDER_BODY = {"savePaymentMethod": False, "delayCapture": False}


class EcomAPI(Protocol):
    """What the booking flow needs from eCom, whichever API implements it."""

    def create(
        self, *, booking_id: str, buyer_email: str | None = None, membership_id: str | None = None
    ) -> EcomCheckout: ...

    def calculate(self, ecom_id: str) -> EcomCheckout: ...

    def place_order(self, ecom_id: str, *, price_token: str | None = None) -> PlacedOrder: ...

    def checkout_url(self, ecom_id: str) -> str: ...


def _catalog_reference(booking_id: str) -> dict[str, str]:
    # A booking id is itself a catalog item of the Wix Bookings app (docs/wix-contract.md §9).
    return {"appId": BOOKINGS_APP_ID, "catalogItemId": booking_id}


class CartAPI(Resource):
    """Cart V2, Wix's current recommendation; the cart id doubles as the checkout id."""

    BASE = "/ecom/v2/carts"

    def create(
        self, *, booking_id: str, buyer_email: str | None = None, membership_id: str | None = None
    ) -> EcomCheckout:
        """Create a cart holding the booking (one call: totals come from ``calculate``).

        ``membership_id`` (a plan order id) pays the line with that plan: ``membershipPayment``
        (docs/wix-contract.md §28.3), for a booking made with ``MEMBERSHIP``.
        https://dev.wix.com/docs/api-reference/business-solutions/bookings/skills/end-to-end-booking-flow
        """
        # Cart V2 has no buyer email on creation; the hosted checkout asks for it.
        item: dict[str, Any] = {"catalogReference": _catalog_reference(booking_id), "quantity": 1}
        if membership_id:
            item["membershipPayment"] = {
                "existingMembership": {"appId": PRICING_PLANS_APP_ID, "membershipId": membership_id}
            }
        body = {"catalogItems": [item], "cart": {"source": {"channelType": "WEB"}}}
        # Not retried: a repeat after a lost answer would leave a second cart for the booking.
        response = self._caller.request(
            "POST", self.BASE, json=body, identity="visitor", retry=False
        )
        # No calculate here: the submit path only needs the id, and every Wix call on it is a
        # customer waiting (the budget is four sequential calls, the re-check included).
        return EcomCheckout.from_api(obj(response.get("cart")), kind="cart")

    def calculate(self, ecom_id: str) -> EcomCheckout:
        """Calculate the cart's totals (changes nothing, so it is retried like a read).

        https://dev.wix.com/docs/api-reference/business-solutions/bookings/skills/end-to-end-booking-flow
        """
        response = self._caller.request(
            "POST",
            f"{self.BASE}/{segment(ecom_id)}/calculate",
            json={"refreshCart": False},
            identity="visitor",
            retry=True,
        )
        return EcomCheckout.from_api(
            obj(response.get("cart")), kind="cart", summary=obj(response.get("summary"))
        )

    def place_order(self, ecom_id: str, *, price_token: str | None = None) -> PlacedOrder:
        """Place the order without payment (free, pay-in-person or plan-paid bookings).

        ``price_token`` is the last calculation's ``priceVerificationToken`` (§28.3 step 5).
        https://dev.wix.com/docs/api-reference/business-solutions/bookings/skills/end-to-end-booking-flow
        """
        body: dict[str, Any] = dict(_ORDER_BODY)
        if price_token:
            body["priceVerificationToken"] = price_token
        response = self._caller.request(
            "POST",
            f"{self.BASE}/{segment(ecom_id)}/place-order",
            json=body,
            identity="visitor",
            retry=False,  # a repeated order would be a second sale
        )
        return PlacedOrder.from_api(response)

    def checkout_url(self, ecom_id: str) -> str:
        """The site's own checkout page URL for this cart.

        https://dev.wix.com/docs/api-reference/business-solutions/bookings/skills/end-to-end-booking-flow
        """
        response = self._caller.request(
            "POST",
            f"{self.BASE}/{segment(ecom_id)}/get-checkout-url",
            json={},
            identity="visitor",
            retry=True,
        )
        return _url(response)


class CheckoutAPI(Resource):
    """Checkout V1 (deprecated by Wix for 2027-02-01; kept selectable)."""

    BASE = "/ecom/v1/checkouts"

    def create(
        self, *, booking_id: str, buyer_email: str | None = None, membership_id: str | None = None
    ) -> EcomCheckout:
        """Create a checkout holding the booking.

        Paying with a plan needs Cart V2: Checkout V1's membership fields are internal (§28.2).
        https://dev.wix.com/docs/api-reference/business-solutions/e-commerce/purchase-flow/checkout/checkout/create-checkout
        """
        if membership_id:
            raise WixConfigurationError("paying with a pricing plan needs WIX_ECOM_API=cart")
        body: dict[str, Any] = {
            "lineItems": [{"quantity": 1, "catalogReference": _catalog_reference(booking_id)}],
            "channelType": "WEB",
        }
        if buyer_email:
            body["checkoutInfo"] = {"buyerInfo": {"email": buyer_email}}
        # Not retried: a repeat after a lost answer would leave a second checkout.
        response = self._caller.request(
            "POST", self.BASE, json=body, identity="visitor", retry=False
        )
        return EcomCheckout.from_api(obj(response.get("checkout")), kind="checkout")

    def calculate(self, ecom_id: str) -> EcomCheckout:
        """Read the checkout with its current totals.

        https://dev.wix.com/docs/api-reference/business-solutions/e-commerce/purchase-flow/checkout/checkout/create-checkout
        """
        response = self._caller.request(
            "GET", f"{self.BASE}/{segment(ecom_id)}", identity="visitor", retry=True
        )
        return EcomCheckout.from_api(obj(response.get("checkout")), kind="checkout")

    def place_order(self, ecom_id: str, *, price_token: str | None = None) -> PlacedOrder:
        """Create the order from the checkout without payment (free or pay-in-person).

        https://dev.wix.com/docs/api-reference/business-solutions/e-commerce/purchase-flow/checkout/checkout/create-checkout
        """
        # Visitor permission for create-order is unconfirmed (docs/wix-contract.md §1.4): prefer the
        # key.
        response = self._caller.request(
            "POST",
            f"{self.BASE}/{segment(ecom_id)}/create-order",
            json=_ORDER_BODY,
            identity="prefer_admin",
            retry=False,  # a repeated order would be a second sale
        )
        return PlacedOrder.from_api(response)

    def checkout_url(self, ecom_id: str) -> str:
        """The site's own checkout page URL for this checkout.

        https://dev.wix.com/docs/api-reference/business-solutions/e-commerce/purchase-flow/checkout/checkout/create-checkout
        """
        response = self._caller.request(
            "GET", f"{self.BASE}/{segment(ecom_id)}/checkout-url", identity="visitor", retry=True
        )
        return _url(response)


def _url(response: dict[str, Any]) -> str:
    return req_str(response, "checkoutUrl", "Checkout URL")
