"""Redirect sessions and the hosted checkout page (docs/wix-contract.md §10, §17.9)."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from wix_sandbox import Sandbox
from wix_sandbox.hosted import STATIC_DIR as STATIC

from .conftest import (
    APP_ID,
    HOLDING,
    Clock,
    app_code,
    appointment_slot,
    create_booking,
    new_visitor,
)

RETURN = "http://testserver/booking/return?ref=abc"
THANKS = "http://testserver/booking/thanks"


def _cart_for(api: httpx.Client, headers: dict[str, str], sandbox: Sandbox, **slot: Any) -> tuple:
    option = slot.pop("option", "ONLINE")
    booking = create_booking(
        api, headers, {"slot": appointment_slot(sandbox, **slot)}, option=option
    ).json()["booking"]
    item = {"catalogReference": {"appId": APP_ID, "catalogItemId": booking["id"]}, "quantity": 1}
    cart = api.post("/ecom/v2/carts", json={"catalogItems": [item]}, headers=headers).json()
    return booking["id"], cart["cart"]["id"]


def _session(
    api: httpx.Client, headers: dict[str, str], basket_id: str, **callbacks: str
) -> httpx.Response:
    callbacks = {"postFlowUrl": RETURN, "thankYouPageUrl": THANKS} | callbacks
    return api.post(
        "/redirect-session/v1/redirect-session",
        json={"ecomCheckout": {"checkoutId": basket_id}, "callbacks": callbacks},
        headers=headers,
    )


def _path(full_url: str) -> str:
    """The hosted page's path on the sandbox app itself (the site strips its mount path)."""
    return urlsplit(full_url).path.removeprefix("/_wix-sandbox")


def _booking(sandbox: Sandbox, booking_id: str) -> dict[str, Any]:
    return next(b for b in sandbox.bookings() if b["id"] == booking_id)


def test_redirect_session_points_at_the_mounted_hosted_page(
    api: httpx.Client, visitor: dict[str, str], sandbox: Sandbox
) -> None:
    _, cart_id = _cart_for(api, visitor, sandbox)

    session = _session(api, visitor, cart_id).json()["redirectSession"]

    assert session["fullUrl"] == f"http://testserver/_wix-sandbox/checkout/{session['id']}"
    assert session["urlDetails"]["endpoint"] == session["fullUrl"]


@pytest.mark.parametrize(
    "path",
    [
        "/redirect-session/v1/redirect-session",
        "/headless/v1/redirect-session",
        "/_api/redirects-api/v1/redirect-session",
    ],
)
def test_redirect_session_aliases(
    api: httpx.Client, visitor: dict[str, str], sandbox: Sandbox, path: str
) -> None:
    _, cart_id = _cart_for(api, visitor, sandbox)

    response = api.post(path, json={"ecomCheckout": {"checkoutId": cart_id}}, headers=visitor)

    assert response.status_code == 200


def test_hosted_page_shows_the_booking(
    api: httpx.Client, visitor: dict[str, str], sandbox: Sandbox
) -> None:
    _, cart_id = _cart_for(api, visitor, sandbox)
    session = _session(api, visitor, cart_id).json()["redirectSession"]

    page = api.get(_path(session["fullUrl"]))

    html = page.text
    base = "http://testserver/_wix-sandbox"
    assert page.status_code == 200
    assert page.headers["content-type"] == "text/html; charset=utf-8"
    assert page.headers["x-wix-request-id"]
    assert '<html lang="en-GB">' in html
    assert "<title>Checkout · Fernleigh Wellbeing Studio</title>" in html
    assert "Deep tissue massage" in html
    assert "Monday 2 March 2026, 10:00-11:00 (Europe/London, GMT)" in html
    assert "<dt>Participants</dt><dd>1</dd>" in html
    assert '<button type="submit" class="primary">Pay £65.00</button>' in html
    assert ">Cancel and go back</button>" in html
    assert f'href="{base}/static/checkout.css"' in html
    assert f'action="{base}/checkout/{session["id"]}/pay"' in html
    assert f'src="{base}/media/fernleigh-deep-tissue-massage.svg"' in html
    assert "<script" not in html
    assert "style=" not in html


def test_paying_confirms_the_booking_and_returns_with_order_id(
    api: httpx.Client, visitor: dict[str, str], sandbox: Sandbox
) -> None:
    booking_id, cart_id = _cart_for(api, visitor, sandbox)
    session = _session(api, visitor, cart_id).json()["redirectSession"]
    path = _path(session["fullUrl"])

    paid = api.post(f"{path}/pay")
    reused = api.get(path)
    paid_again = api.post(f"{path}/pay")

    assert paid.status_code == 303
    target = urlsplit(paid.headers["location"])
    order_id = sandbox.orders()[0]["id"]
    assert f"{target.scheme}://{target.netloc}{target.path}" == THANKS
    assert parse_qs(target.query) == {"orderId": [order_id], "wixMemberLoggedIn": ["false"]}
    booking = _booking(sandbox, booking_id)
    assert (booking["status"], booking["paymentStatus"], booking["revision"]) == (
        "CONFIRMED",
        "PAID",
        "2",
    )
    assert sandbox.orders()[0]["paymentStatus"] == "PAID"
    assert sandbox.carts()[0]["lineItems"][0]["availability"]["status"] == "AVAILABLE"
    assert reused.status_code == 410
    assert "already been used" in reused.text
    assert paid_again.status_code == 410


def test_paying_without_thank_you_page_returns_to_post_flow(
    api: httpx.Client, visitor: dict[str, str], sandbox: Sandbox
) -> None:
    _, cart_id = _cart_for(api, visitor, sandbox)
    session = api.post(
        "/redirect-session/v1/redirect-session",
        json={"ecomCheckout": {"checkoutId": cart_id}, "callbacks": {"postFlowUrl": RETURN}},
        headers=visitor,
    ).json()["redirectSession"]

    paid = api.post(f"{_path(session['fullUrl'])}/pay")

    assert paid.headers["location"] == f"{RETURN}&wixMemberLoggedIn=false"


def test_cancelling_leaves_the_booking_created(
    api: httpx.Client, visitor: dict[str, str], sandbox: Sandbox
) -> None:
    booking_id, cart_id = _cart_for(api, visitor, sandbox)
    session = _session(api, visitor, cart_id).json()["redirectSession"]

    cancelled = api.post(f"{_path(session['fullUrl'])}/cancel")

    assert cancelled.status_code == 303
    assert cancelled.headers["location"] == f"{RETURN}&wixMemberLoggedIn=false"
    assert _booking(sandbox, booking_id)["status"] == "CREATED"
    assert sandbox.orders() == []
    assert api.post(f"{_path(session['fullUrl'])}/pay").status_code == 410


def test_manual_approval_service_goes_pending_when_paid(
    api: httpx.Client, visitor: dict[str, str], sandbox: Sandbox
) -> None:
    booking_id, cart_id = _cart_for(
        api,
        visitor,
        sandbox,
        service="hot_stone",
        start="2026-03-04T10:00:00",
        end="2026-03-04T11:30:00",
        staff="tom",
        location="richmond",
    )
    session = _session(api, visitor, cart_id).json()["redirectSession"]

    api.post(f"{_path(session['fullUrl'])}/pay")

    booking = _booking(sandbox, booking_id)
    assert (booking["status"], booking["paymentStatus"]) == ("PENDING", "PAID")


def test_free_booking_page_offers_confirm(
    api: httpx.Client, visitor: dict[str, str], sandbox: Sandbox
) -> None:
    booking_id, cart_id = _cart_for(
        api,
        visitor,
        sandbox,
        service="consultation",
        start="2026-03-02T11:00:00",
        end="2026-03-02T11:45:00",
        option="OFFLINE",
    )
    session = _session(api, visitor, cart_id).json()["redirectSession"]
    path = _path(session["fullUrl"])

    page = api.get(path)
    api.post(f"{path}/pay")

    assert ">Confirm booking</button>" in page.text
    assert "Pay £" not in page.text
    assert _booking(sandbox, booking_id)["paymentStatus"] == "EXEMPT"


@HOLDING
def test_disallowed_callback_host_is_403(
    api: httpx.Client, visitor: dict[str, str], sandbox: Sandbox
) -> None:
    _, cart_id = _cart_for(api, visitor, sandbox)

    response = _session(api, visitor, cart_id, postFlowUrl="https://evil.example/return")

    assert response.status_code == 403
    assert app_code(response) == "PERMISSION_DENIED"


@HOLDING
def test_callback_host_knob_rejects_everything(
    api: httpx.Client, visitor: dict[str, str], sandbox: Sandbox
) -> None:
    _, cart_id = _cart_for(api, visitor, sandbox)
    sandbox.set_misconfiguration("callback_host_not_allowed")

    assert _session(api, visitor, cart_id).status_code == 403


def test_redirect_session_for_someone_elses_cart_is_403(
    api: httpx.Client, visitor: dict[str, str], sandbox: Sandbox
) -> None:
    _, cart_id = _cart_for(api, visitor, sandbox)

    assert _session(api, new_visitor(api, sandbox), cart_id).status_code == 403
    assert _session(api, visitor, "unknown").status_code == 404


def test_public_url_overrides_the_base(clock: Clock) -> None:
    sandbox = Sandbox(clock=clock, public_url="http://127.0.0.1:8001")
    transport = httpx.WSGITransport(app=sandbox.app)
    with httpx.Client(transport=transport, base_url="http://127.0.0.1:8001") as api:
        headers = new_visitor(api, sandbox)
        _, cart_id = _cart_for(api, headers, sandbox)
        session = _session(api, headers, cart_id).json()["redirectSession"]
        page = api.get(session["fullUrl"])

    assert session["fullUrl"].startswith("http://127.0.0.1:8001/checkout/")
    assert 'href="http://127.0.0.1:8001/static/checkout.css"' in page.text


def test_unknown_checkout_link_is_404(api: httpx.Client) -> None:
    response = api.get("/checkout/00000000-0000-0000-0000-000000000000")

    assert response.status_code == 404
    assert response.headers["x-wix-request-id"]


def test_static_css_and_media(api: httpx.Client, sandbox: Sandbox) -> None:
    css = api.get("/static/checkout.css")
    image = api.get("/media/fernleigh-family-yoga.svg")

    assert css.headers["content-type"] == "text/css; charset=utf-8"
    assert ":focus-visible" in css.text
    assert image.headers["content-type"] == "image/svg+xml"
    assert image.text.startswith("<svg")
    assert api.get("/media/../app.py").status_code == 404
    assert api.get("/media/nope.svg").status_code == 404


def test_every_demo_image_exists_and_is_small(api: httpx.Client, visitor: dict[str, str]) -> None:
    services = api.post("/bookings/v2/services/query", json={"query": {}}, headers=visitor).json()[
        "services"
    ]
    names = {s["media"]["mainMedia"]["image"]["url"] for s in services}
    names |= {"fernleigh-logo.svg"}

    sizes = {name: len(api.get(f"/media/{name}").content) for name in names}

    assert all(0 < size < 40_000 for size in sizes.values()), sizes
    assert all(re.fullmatch(r"[a-z0-9-]+\.svg", name) for name in names)


def test_standalone_links_can_follow_the_request_origin(clock: Clock) -> None:
    sandbox = Sandbox(clock=clock, public_url_from_request=True)
    transport = httpx.WSGITransport(app=sandbox.app)
    with httpx.Client(transport=transport, base_url="http://sandbox.internal:8001") as api:
        headers = new_visitor(api, sandbox)
        _, cart_id = _cart_for(api, headers, sandbox)
        session = _session(api, headers, cart_id).json()["redirectSession"]

    assert session["fullUrl"] == f"http://sandbox.internal:8001/checkout/{session['id']}"


def test_svg_and_css_travel_gzip_compressed_when_the_browser_accepts_it(
    api: httpx.Client, sandbox: Sandbox
) -> None:
    on_disk = len((STATIC / "media" / "fernleigh-family-yoga.svg").read_bytes())

    raw = api.get("/media/fernleigh-family-yoga.svg", headers={"Accept-Encoding": "identity"})
    packed = api.get("/media/fernleigh-family-yoga.svg", headers={"Accept-Encoding": "gzip, br"})
    css = api.get("/static/checkout.css", headers={"Accept-Encoding": "gzip"})

    assert "content-encoding" not in raw.headers
    assert len(raw.content) == on_disk
    assert packed.headers["content-encoding"] == "gzip"
    assert int(packed.headers["content-length"]) < on_disk / 2  # what travels, not what unpacks
    assert packed.text == raw.text  # httpx unpacks: the same image
    assert css.headers["content-encoding"] == "gzip"
    assert ":focus-visible" in css.text
    assert raw.headers["vary"] == packed.headers["vary"] == "Accept-Encoding"
