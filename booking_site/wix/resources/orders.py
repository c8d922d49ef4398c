"""eCom Orders API: record a booking paid through our own checkout (API key only)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from booking_site.wix.constants import BOOKINGS_APP_ID
from booking_site.wix.models.ecom import Order
from booking_site.wix.resources._base import Resource


class OrdersAPI(Resource):
    """Create eCom orders for custom-checkout bookings."""

    def create(
        self,
        *,
        booking_id: str,
        product_name: str,
        amount: Decimal,
        currency: str,
        buyer_email: str,
        contact_id: str | None,
        payment_status: str = "PAID",
        external_order_id: str | None,
    ) -> Order:
        """Create an order for one booking line item (API key only).

        https://dev.wix.com/docs/api-reference/business-solutions/bookings/handle-payments-with-a-custom-checkout
        """
        price = {"amount": format(amount, "f")}
        buyer = {"email": buyer_email}
        if contact_id:
            buyer["contactId"] = contact_id
        channel = {"type": "WEB"}
        if external_order_id:
            channel["externalOrderId"] = external_order_id
        body: dict[str, Any] = {
            "order": {
                "channelInfo": channel,
                "lineItems": [
                    {
                        "catalogReference": {"appId": BOOKINGS_APP_ID, "catalogItemId": booking_id},
                        "productName": {"original": product_name},
                        "itemType": {"preset": "SERVICE"},
                        "quantity": 1,
                        "price": price,
                    }
                ],
                "priceSummary": {"subtotal": price, "total": price},
                "buyerInfo": buyer,
                "currency": currency,
                "paymentStatus": payment_status,
            },
            "settings": {
                "orderApprovalStrategy": "DEFAULT",
                "notifications": {
                    "sendNotificationToBuyer": False,
                    "sendNotificationsToBusiness": False,
                },
            },
        }
        # Not retried: a repeat after a lost answer would record the sale twice.
        response = self._caller.request(
            "POST", "/ecom/v1/orders", json=body, identity="admin", retry=False
        )
        return Order.from_api(response)
