"""Visitor tokens, API keys and permissions (docs/wix-contract.md §1, §17.2)."""

from __future__ import annotations

import httpx

from wix_sandbox import Sandbox

from .conftest import Clock, app_code, booking_cart, create_booking, event_ids, new_visitor

QUERY = {"query": {}}
SERVICES = "/bookings/v2/services/query"


def test_token_anonymous_grant_issues_four_hour_token(api: httpx.Client, sandbox: Sandbox) -> None:
    response = api.post(
        "/oauth2/token", json={"clientId": sandbox.client_id, "grantType": "anonymous"}
    )

    body = response.json()
    assert response.status_code == 200
    assert set(body) == {"access_token", "expires_in", "refresh_token"}
    assert body["expires_in"] == 14400
    assert api.post(
        SERVICES, json=QUERY, headers={"Authorization": body["access_token"]}
    ).is_success


def test_token_accepts_form_encoded_body(api: httpx.Client, sandbox: Sandbox) -> None:
    response = api.post(
        "/oauth2/token", data={"clientId": sandbox.client_id, "grantType": "anonymous"}
    )

    assert response.status_code == 200
    assert response.json()["access_token"].startswith("sbx-v.")


def test_token_unknown_client_id_is_rejected(api: httpx.Client) -> None:
    response = api.post("/oauth2/token", json={"clientId": "nope", "grantType": "anonymous"})

    assert response.status_code == 400
    assert app_code(response) == "INVALID_CLIENT"


def test_refresh_keeps_the_visitor_identity(
    api: httpx.Client, sandbox: Sandbox, clock: Clock
) -> None:
    first = api.post(
        "/oauth2/token", json={"clientId": sandbox.client_id, "grantType": "anonymous"}
    ).json()
    headers = {"Authorization": first["access_token"]}
    slot = {"serviceId": sandbox.demo.service("yoga"), "eventId": _yoga_event(api, headers)}
    booking = create_booking(api, headers, {"slot": slot}).json()["booking"]
    cart_id = booking_cart(api, headers, booking["id"])["id"]
    clock.advance(seconds=14400)

    expired = api.get(f"/ecom/v2/carts/{cart_id}", headers=headers)
    refreshed = api.post(
        "/oauth2/token",
        json={
            "clientId": sandbox.client_id,
            "grantType": "refresh_token",
            "refreshToken": first["refresh_token"],
        },
    ).json()
    again = api.get(
        f"/ecom/v2/carts/{cart_id}", headers={"Authorization": refreshed["access_token"]}
    )
    stranger = api.get(f"/ecom/v2/carts/{cart_id}", headers=new_visitor(api, sandbox))

    assert expired.status_code == 401
    assert refreshed["access_token"] != first["access_token"]
    assert refreshed["refresh_token"] == first["refresh_token"]
    assert again.status_code == 200
    assert stranger.status_code == 403
    assert booking["createdBy"]["anonymousVisitorId"]


def _yoga_event(api: httpx.Client, headers: dict[str, str]) -> str:
    service = api.post(
        SERVICES, json={"query": {"filter": {"name": "Vinyasa flow"}}}, headers=headers
    )
    return event_ids(api, headers, service.json()["services"][0]["id"])[1]


def test_refresh_with_unknown_token_is_rejected(api: httpx.Client, sandbox: Sandbox) -> None:
    response = api.post(
        "/oauth2/token",
        json={"clientId": sandbox.client_id, "grantType": "refresh_token", "refreshToken": "x"},
    )

    assert response.status_code == 400
    assert app_code(response) == "INVALID_GRANT"


def test_token_is_valid_until_just_before_expiry(
    api: httpx.Client, visitor: dict[str, str], clock: Clock
) -> None:
    clock.advance(seconds=14399)
    assert api.post(SERVICES, json=QUERY, headers=visitor).status_code == 200
    clock.advance(seconds=1)
    assert api.post(SERVICES, json=QUERY, headers=visitor).status_code == 401


def test_missing_authorization_is_401(api: httpx.Client) -> None:
    response = api.post(SERVICES, json=QUERY)

    assert response.status_code == 401
    assert app_code(response) == "UNAUTHENTICATED"


def test_bearer_prefix_is_401(api: httpx.Client, visitor: dict[str, str]) -> None:
    headers = {"Authorization": f"Bearer {visitor['Authorization']}"}

    assert api.post(SERVICES, json=QUERY, headers=headers).status_code == 401


def test_unknown_token_is_401(api: httpx.Client) -> None:
    assert api.post(SERVICES, json=QUERY, headers={"Authorization": "made-up"}).status_code == 401


def test_api_key_needs_site_id(api: httpx.Client, sandbox: Sandbox) -> None:
    response = api.post(SERVICES, json=QUERY, headers={"Authorization": sandbox.api_key})

    assert response.status_code == 401


def test_api_key_with_wrong_site_id_is_meta_site_not_found(
    api: httpx.Client, sandbox: Sandbox
) -> None:
    headers = {"Authorization": sandbox.api_key, "wix-site-id": "00000000-0000-0000-0000-0000"}

    response = api.post(SERVICES, json=QUERY, headers=headers)

    assert response.status_code == 404
    assert "meta-site" in response.json()["message"]


def test_api_key_with_site_id_is_admin(api: httpx.Client, admin: dict[str, str]) -> None:
    response = api.post(
        "/_api/bookings-reader/v2/extended-bookings/query", json={"query": {}}, headers=admin
    )

    assert response.status_code == 200


def test_visitor_calling_admin_methods_gets_403(
    api: httpx.Client, visitor: dict[str, str], sandbox: Sandbox
) -> None:
    booking_id = sandbox.bookings()[0]["id"]
    calls = [
        ("/_api/bookings-reader/v2/extended-bookings/query", {"query": {}}),
        ("/_api/bookings-reader/v2/extended-bookings/count", {}),
        (f"/bookings/v2/bookings/{booking_id}/confirm", {"revision": "2"}),
        (f"/bookings/v2/bookings/{booking_id}/decline", {"revision": "2"}),
        (f"/bookings/v2/bookings/{booking_id}/cancel", {"revision": "2"}),
        (f"/bookings/v2/bookings/{booking_id}/mark_booking_as_pending", {}),
        (f"/bookings/v2/confirmation/{booking_id}:confirmOrDecline", {}),
        ("/ecom/v1/orders", {"order": {}}),
    ]

    statuses = {path: api.post(path, json=body, headers=visitor) for path, body in calls}

    assert {p: r.status_code for p, r in statuses.items()} == {p: 403 for p, _ in calls}
    assert {app_code(r) for r in statuses.values()} == {"PERMISSION_DENIED"}


def test_site_properties_admin_only_knob(
    api: httpx.Client, sandbox: Sandbox, visitor: dict[str, str]
) -> None:
    path = "/site-properties/v4/properties"
    assert api.get(path, headers=visitor).status_code == 200

    sandbox.set_misconfiguration("site_properties_admin_only")

    assert api.get(path, headers=visitor).status_code == 403
