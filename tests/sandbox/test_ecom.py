"""Carts and checkouts priced from bookings; orders without payment
(docs/wix-contract.md §9, §11)."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from wix_sandbox import Sandbox

from .conftest import APP_ID, app_code, appointment_slot, create_booking, event_ids, new_visitor


def _item(booking_id: str) -> dict[str, Any]:
    return {"catalogReference": {"appId": APP_ID, "catalogItemId": booking_id}, "quantity": 1}


def _booking(api: httpx.Client, headers: dict[str, str], entity: dict, **kw: Any) -> str:
    response = create_booking(api, headers, entity, **kw)
    assert response.status_code == 200, response.text
    return str(response.json()["booking"]["id"])


def _checkout(api: httpx.Client, headers: dict[str, str], booking_id: str) -> httpx.Response:
    return api.post(
        "/ecom/v1/checkouts",
        json={"lineItems": [_item(booking_id)], "channelType": "WEB"},
        headers=headers,
    )


def _cart(api: httpx.Client, headers: dict[str, str], booking_id: str) -> dict[str, Any]:
    response = api.post(
        "/ecom/v2/carts",
        json={"catalogItems": [_item(booking_id)], "cart": {"source": {"channelType": "WEB"}}},
        headers=headers,
    )
    assert response.status_code == 200, response.text
    return dict(response.json()["cart"])


def _free_slot(sandbox: Sandbox) -> dict[str, Any]:
    return appointment_slot(
        sandbox, service="consultation", start="2026-03-02T11:00:00", end="2026-03-02T11:45:00"
    )


def test_checkout_prices_a_fixed_price_booking(
    api: httpx.Client, visitor: dict[str, str], sandbox: Sandbox
) -> None:
    booking_id = _booking(api, visitor, {"slot": appointment_slot(sandbox)})

    checkout = _checkout(api, visitor, booking_id).json()["checkout"]

    line = checkout["lineItems"][0]
    assert line["catalogReference"] == {"appId": APP_ID, "catalogItemId": booking_id}
    assert line["rootCatalogItemId"] == sandbox.demo.service("massage")
    assert line["productName"] == {
        "original": "Deep tissue massage",
        "translated": "Deep tissue massage",
    }
    assert line["price"]["amount"] == "65.00"
    assert line["itemType"] == {"preset": "SERVICE"}
    assert line["paymentOption"] == "FULL_PAYMENT_ONLINE"
    assert line["availability"]["status"] == "AVAILABLE"
    assert line["serviceProperties"] == {
        "scheduledDate": "2026-03-02T10:00:00.000Z",
        "numberOfParticipants": 1,
    }
    assert checkout["priceSummary"]["total"]["amount"] == "65.00"
    assert checkout["priceSummary"]["total"]["formattedAmount"] == "£65.00"
    assert checkout["payNow"]["total"]["amount"] == "65.00"
    assert checkout["currency"] == "GBP"
    assert checkout["calculationErrors"] == {}
    assert checkout["completed"] is False
    assert checkout["buyerInfo"]["visitorId"]


def test_price_is_fixed_price_times_participants(
    api: httpx.Client, visitor: dict[str, str], sandbox: Sandbox
) -> None:
    service = sandbox.demo.service("yoga")
    entity = {"slot": {"serviceId": service, "eventId": event_ids(api, visitor, service)[1]}}
    booking_id = _booking(api, visitor, entity, participants=3)

    assert _cart(api, visitor, booking_id)["subtotal"]["amount"] == "54.00"


def test_price_is_the_sum_of_variant_prices(
    api: httpx.Client, visitor: dict[str, str], sandbox: Sandbox
) -> None:
    service, option = sandbox.demo.service("family_yoga"), sandbox.demo.option("family_yoga")
    choices = {
        "serviceChoices": [
            {"numberOfParticipants": 2, "choices": [{"optionId": option, "custom": "Adult"}]},
            {"numberOfParticipants": 3, "choices": [{"optionId": option, "custom": "Child"}]},
        ]
    }
    entity = {"slot": {"serviceId": service, "eventId": event_ids(api, visitor, service)[0]}}
    booking_id = _booking(api, visitor, entity, participants=None, participantsChoices=choices)

    cart = _cart(api, visitor, booking_id)
    summary = api.post(f"/ecom/v2/carts/{cart['id']}/calculate", json={}, headers=visitor).json()

    assert summary["summary"]["priceSummary"]["total"]["amount"] == "52.00"
    assert summary["summary"]["lineItems"][0]["serviceProperties"]["numberOfParticipants"] == 5
    assert summary["summary"]["priceVerificationToken"]


def test_free_booking_places_order_without_payment(
    api: httpx.Client, visitor: dict[str, str], sandbox: Sandbox
) -> None:
    booking_id = _booking(api, visitor, {"slot": _free_slot(sandbox)}, option="OFFLINE")
    cart = _cart(api, visitor, booking_id)

    placed = api.post(f"/ecom/v2/carts/{cart['id']}/place-order", json={}, headers=visitor)
    again = api.post(f"/ecom/v2/carts/{cart['id']}/place-order", json={}, headers=visitor)

    assert cart["subtotal"]["amount"] == "0.00"
    assert placed.status_code == 200
    assert placed.json()["completed"] is True
    booking = next(b for b in sandbox.bookings() if b["id"] == booking_id)
    assert (booking["status"], booking["paymentStatus"], booking["revision"]) == (
        "CONFIRMED",
        "EXEMPT",
        "2",
    )
    order = sandbox.orders()[0]
    assert order["id"] == placed.json()["orderId"]
    assert order["paymentStatus"] == "PAID"
    assert again.status_code == 428


def test_calculating_an_ordered_cart_names_the_order(
    api: httpx.Client, visitor: dict[str, str], sandbox: Sandbox
) -> None:
    booking_id = _booking(api, visitor, {"slot": _free_slot(sandbox)}, option="OFFLINE")
    cart = _cart(api, visitor, booking_id)
    open_cart = api.post(f"/ecom/v2/carts/{cart['id']}/calculate", json={}, headers=visitor)
    placed = api.post(f"/ecom/v2/carts/{cart['id']}/place-order", json={}, headers=visitor)

    ordered = api.post(f"/ecom/v2/carts/{cart['id']}/calculate", json={}, headers=visitor)

    assert open_cart.status_code == 200
    assert ordered.status_code == 428
    assert app_code(ordered) == "CART_ALREADY_ORDERED"
    assert ordered.json()["details"]["applicationError"]["data"] == {
        "cartId": cart["id"],
        "orderId": placed.json()["orderId"],
    }


def test_pay_in_person_order_is_not_paid(
    api: httpx.Client, visitor: dict[str, str], sandbox: Sandbox
) -> None:
    slot = appointment_slot(
        sandbox,
        service="posture",
        start="2026-03-02T11:00:00",
        end="2026-03-02T11:45:00",
        staff="priya",
    )
    booking_id = _booking(api, visitor, {"slot": slot}, option="OFFLINE")
    checkout = _checkout(api, visitor, booking_id).json()["checkout"]

    created = api.post(
        f"/ecom/v1/checkouts/{checkout['id']}/create-order", json={}, headers=visitor
    )

    assert checkout["payLater"]["total"]["amount"] == "25.00"
    assert checkout["payNow"]["total"]["amount"] == "0.00"
    assert created.status_code == 200, created.text
    booking = next(b for b in sandbox.bookings() if b["id"] == booking_id)
    assert (booking["status"], booking["paymentStatus"]) == ("CONFIRMED", "NOT_PAID")
    assert sandbox.orders()[0]["paymentStatus"] == "NOT_PAID"
    assert sandbox.checkouts()[0]["completed"] is True


def test_online_booking_of_free_service_is_insufficient_inventory(
    api: httpx.Client, visitor: dict[str, str], sandbox: Sandbox
) -> None:
    booking_id = _booking(api, visitor, {"slot": _free_slot(sandbox)}, option="ONLINE")
    cart = _cart(api, visitor, booking_id)

    calculated = api.post(f"/ecom/v2/carts/{cart['id']}/calculate", json={}, headers=visitor)
    placed = api.post(f"/ecom/v2/carts/{cart['id']}/place-order", json={}, headers=visitor)

    assert cart["lineItems"][0]["availability"]["status"] == "NOT_AVAILABLE"
    assert calculated.status_code == 428
    assert app_code(calculated) == "INSUFFICIENT_INVENTORY"
    assert app_code(placed) == "INSUFFICIENT_INVENTORY"


def test_paid_online_booking_cannot_be_placed_without_payment(
    api: httpx.Client, visitor: dict[str, str], sandbox: Sandbox
) -> None:
    booking_id = _booking(api, visitor, {"slot": appointment_slot(sandbox)})
    cart = _cart(api, visitor, booking_id)

    placed = api.post(f"/ecom/v2/carts/{cart['id']}/place-order", json={}, headers=visitor)

    assert placed.status_code == 428
    assert app_code(placed) == "PAYMENT_ERROR"
    assert next(b for b in sandbox.bookings() if b["id"] == booking_id)["status"] == "CREATED"


def test_unknown_booking_line_is_not_found(api: httpx.Client, visitor: dict[str, str]) -> None:
    checkout = _checkout(api, visitor, "no-such-booking").json()["checkout"]

    assert checkout["lineItems"][0]["availability"]["status"] == "NOT_FOUND"
    assert checkout["calculationErrors"]["orderValidationErrors"][0]["code"] == (
        "INSUFFICIENT_INVENTORY"
    )


@pytest.mark.parametrize(
    "body",
    [
        {"lineItems": [_item("x")]},
        {"channelType": "WEB", "lineItems": []},
        {"channelType": "WEB", "lineItems": [{"catalogReference": {"catalogItemId": "x"}}]},
    ],
)
def test_checkout_validation(api: httpx.Client, visitor: dict[str, str], body: dict) -> None:
    assert api.post("/ecom/v1/checkouts", json=body, headers=visitor).status_code == 400


def test_checkouts_belong_to_their_visitor(
    api: httpx.Client, visitor: dict[str, str], admin: dict[str, str], sandbox: Sandbox
) -> None:
    booking_id = _booking(api, visitor, {"slot": appointment_slot(sandbox)})
    checkout_id = _checkout(api, visitor, booking_id).json()["checkout"]["id"]
    path = f"/ecom/v1/checkouts/{checkout_id}"

    assert api.get(path, headers=visitor).status_code == 200
    assert api.get(path, headers=new_visitor(api, sandbox)).status_code == 403
    assert api.get(path, headers=admin).status_code == 200
    assert (
        api.get(f"{path}/checkout-url", headers=visitor)
        .json()["checkoutUrl"]
        .endswith(f"checkoutId={checkout_id}")
    )
    assert api.get("/ecom/v1/checkouts/unknown", headers=visitor).status_code == 404


def test_site_not_accepting_payments_knob(
    api: httpx.Client, visitor: dict[str, str], sandbox: Sandbox
) -> None:
    booking_id = _booking(api, visitor, {"slot": appointment_slot(sandbox)})
    sandbox.set_misconfiguration("site_not_accepting_payments")

    response = _checkout(api, visitor, booking_id)

    assert response.status_code == 428
    assert app_code(response) == "SITE_MUST_ACCEPT_PAYMENTS"


def test_custom_checkout_order(api: httpx.Client, admin: dict[str, str], sandbox: Sandbox) -> None:
    order = {
        "channelInfo": {"type": "WEB", "externalOrderId": "django-1"},
        "lineItems": [
            {
                **_item("b-1"),
                "productName": {"original": "Deep tissue massage"},
                "itemType": {"preset": "SERVICE"},
                "price": {"amount": "65.00"},
            }
        ],
        "priceSummary": {"subtotal": {"amount": "65.00"}, "total": {"amount": "65.00"}},
        "paymentStatus": "PAID",
    }

    created = api.post("/ecom/v1/orders", json={"order": order}, headers=admin)
    invalid = api.post("/ecom/v1/orders", json={"order": {"lineItems": [{}]}}, headers=admin)

    assert created.status_code == 200
    assert created.json()["order"]["status"] == "APPROVED"
    assert created.json()["order"]["number"] == "10001"
    fields = {v["field"] for v in invalid.json()["details"]["validationError"]["fieldViolations"]}
    assert {"order.channelInfo", "order.priceSummary", "order.lineItems[0].price"} <= fields
