"""Identity per call: API key vs visitor tokens, minting, refreshing, and the visitor scope."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest

from booking_site.wix import (
    VisitorTokens,
    WixClient,
    WixConfigurationError,
    WixResponseError,
    WixServerError,
    WixUnauthorized,
)
from booking_site.wix.models import ContactDetails, TimeSlot

from .fakes import ADMIN_HEADERS, CLIENT_ID, NOW, Clock, FakeWix, auth_headers, one_service_page

TOKEN = "/oauth2/token"
SERVICES = "/bookings/v2/services/query"
BOOKINGS = "/bookings/v2/bookings"
EXTENDED = "/_api/bookings-reader/v2/extended-bookings/query"


def _create(scope: object) -> None:
    slot = TimeSlot(
        service_id="svc-massage",
        local_start="2026-03-02T10:00:00",
        local_end="2026-03-02T11:00:00",
        time_zone="Europe/London",
        bookable=True,
        schedule_id="sched-massage",
    )
    scope.bookings.create(  # type: ignore[attr-defined]
        slot=slot,
        contact=ContactDetails(first_name="Ann"),
        total_participants=1,
        payment_option="ONLINE",
    )


# --- tokens -------------------------------------------------------------------------------------


def test_anonymous_mints_tokens_with_the_client_id(wix: WixClient, fake: FakeWix) -> None:
    fake.add("POST", TOKEN, "token_anonymous")

    tokens = wix.auth.anonymous()

    assert tokens == VisitorTokens("visitor-access-1", "visitor-refresh-1", NOW + 14400)
    assert fake.body() == {"clientId": CLIENT_ID, "grantType": "anonymous"}
    assert auth_headers(fake.requests[0]) == {}


def test_refresh_keeps_old_refresh_token_when_response_omits_it(
    wix: WixClient, fake: FakeWix, tokens: VisitorTokens
) -> None:
    fake.add("POST", TOKEN, "token_refreshed")

    renewed = wix.auth.refresh(tokens)

    assert renewed == VisitorTokens("visitor-access-2", "visitor-refresh-0", NOW + 14400)
    assert fake.body() == {
        "clientId": CLIENT_ID,
        "grantType": "refresh_token",
        "refreshToken": "visitor-refresh-0",
    }


def test_refresh_rejected_with_4xx_mints_a_new_visitor(
    wix: WixClient, fake: FakeWix, tokens: VisitorTokens
) -> None:
    fake.add("POST", TOKEN, {"message": "invalid refresh token"}, status=400)
    fake.add("POST", TOKEN, "token_anonymous")

    renewed = wix.auth.refresh(tokens)

    assert renewed.access_token == "visitor-access-1"
    assert [b["grantType"] for b in fake.bodies(TOKEN)] == ["refresh_token", "anonymous"]


def test_token_minting_retries_once_on_5xx(
    wix: WixClient, fake: FakeWix, sleeps: list[float]
) -> None:
    fake.add("POST", TOKEN, {}, status=503)

    with pytest.raises(WixServerError):
        wix.auth.anonymous()

    assert len(fake.requests) == 2
    assert len(sleeps) == 1


def test_token_response_without_access_token_is_a_response_error(
    wix: WixClient, fake: FakeWix
) -> None:
    fake.add("POST", TOKEN, {"expires_in": 10})

    with pytest.raises(WixResponseError):
        wix.auth.anonymous()


def test_minting_without_client_id_raises_configuration_error(
    make_client: Callable[..., WixClient], fake: FakeWix
) -> None:
    wix = make_client(client_id=None)

    with pytest.raises(WixConfigurationError):
        wix.auth.anonymous()

    assert fake.requests == []


def test_visitor_tokens_round_trip_through_dict(tokens: VisitorTokens) -> None:
    assert VisitorTokens.from_dict(tokens.to_dict()) == tokens
    assert tokens.to_dict() == {
        "access_token": "visitor-access-0",
        "refresh_token": "visitor-refresh-0",
        "expires_at": NOW + 3600,
    }


@pytest.mark.parametrize(
    "data",
    [
        None,
        {},
        {"access_token": "", "refresh_token": "r", "expires_at": 1},
        {"access_token": "a", "refresh_token": None, "expires_at": 1},
        {"access_token": "a", "refresh_token": "r", "expires_at": "soon"},
        {"access_token": "a", "refresh_token": "r", "expires_at": True},
    ],
)
def test_visitor_tokens_from_bad_dict_raise_value_error(data: object) -> None:
    with pytest.raises(ValueError):  # noqa: PT011 -- the contract is exactly ValueError
        VisitorTokens.from_dict(data)  # type: ignore[arg-type]


def test_visitor_tokens_expire_soon_within_margin() -> None:
    tokens = VisitorTokens("a", "r", expires_at=1000.0)

    assert tokens.expires_soon(939.0) is False
    assert tokens.expires_soon(940.0) is True
    assert tokens.expires_soon(999.0, margin=0) is False


def test_visitor_tokens_repr_hides_the_tokens(tokens: VisitorTokens) -> None:
    assert "visitor-access-0" not in repr(tokens)
    assert "visitor-refresh-0" not in repr(tokens)


# --- which identity a call uses -----------------------------------------------------------------


def test_shared_read_with_api_key_sends_key_and_site_id(wix: WixClient, fake: FakeWix) -> None:
    fake.add("POST", SERVICES, one_service_page())

    wix.services.query()

    assert auth_headers(fake.requests[0]) == ADMIN_HEADERS
    assert wix.has_api_key is True


def test_shared_read_without_key_mints_one_shared_visitor_token(
    keyless: WixClient, fake: FakeWix
) -> None:
    fake.add("POST", TOKEN, "token_anonymous")
    fake.add("POST", SERVICES, one_service_page())

    keyless.services.query()
    keyless.services.query()

    assert [p for _, p in fake.calls()] == [TOKEN, SERVICES, SERVICES]
    # Raw token: no "Bearer" scheme and no wix-site-id (the token is bound to the site).
    assert auth_headers(fake.requests[1]) == {"authorization": "visitor-access-1"}
    assert keyless.has_api_key is False


def test_shared_visitor_token_is_refreshed_before_expiry(
    keyless: WixClient, fake: FakeWix, clock: Clock
) -> None:
    fake.add("POST", TOKEN, "token_anonymous")
    fake.add("POST", TOKEN, "token_refreshed")
    fake.add("POST", SERVICES, one_service_page())
    keyless.services.query()

    clock.now = NOW + 14400 - 30
    keyless.services.query()

    assert [b["grantType"] for b in fake.bodies(TOKEN)] == ["anonymous", "refresh_token"]
    assert auth_headers(fake.requests[-1]) == {"authorization": "visitor-access-2"}


def test_admin_call_without_api_key_raises_before_any_http(
    keyless: WixClient, fake: FakeWix
) -> None:
    with pytest.raises(WixConfigurationError):
        keyless.extended_bookings.query(booking_ids=["bkg-1"])
    with pytest.raises(WixConfigurationError):
        keyless.bookings.confirm(booking_id="b", revision="1", payment_status="EXEMPT")
    with pytest.raises(WixConfigurationError):
        keyless.for_visitor(None).bookings.cancel(booking_id="b", revision="1")

    assert fake.requests == []


def test_api_key_without_site_id_is_a_configuration_error() -> None:
    with pytest.raises(WixConfigurationError):
        WixClient(client_id="c", api_key="k")


def test_unknown_ecom_api_is_a_configuration_error() -> None:
    with pytest.raises(WixConfigurationError):
        WixClient(client_id="c", ecom_api="basket")


# --- the visitor scope ----------------------------------------------------------------------------


def test_scope_write_uses_the_customers_token_even_with_api_key(
    wix: WixClient, fake: FakeWix, tokens: VisitorTokens
) -> None:
    fake.add("POST", BOOKINGS, "booking_created")
    scope = wix.for_visitor(tokens)

    _create(scope)

    assert auth_headers(fake.requests[0]) == {"authorization": "visitor-access-0"}
    assert scope.tokens == tokens


def test_scope_admin_call_uses_the_api_key(
    wix: WixClient, fake: FakeWix, tokens: VisitorTokens
) -> None:
    fake.add("POST", EXTENDED, "extended_bookings_empty")

    wix.for_visitor(tokens).extended_bookings.query(booking_ids=["bkg-1"])

    assert auth_headers(fake.requests[0]) == ADMIN_HEADERS


def test_scope_catalogue_read_uses_shared_identity_without_minting(
    wix: WixClient, fake: FakeWix
) -> None:
    fake.add("POST", SERVICES, one_service_page())
    scope = wix.for_visitor(None)

    scope.services.query()

    assert auth_headers(fake.requests[0]) == ADMIN_HEADERS
    assert scope.tokens is None


def test_scope_without_tokens_mints_on_first_visitor_call(wix: WixClient, fake: FakeWix) -> None:
    fake.add("POST", TOKEN, "token_anonymous")
    fake.add("POST", BOOKINGS, "booking_created")
    scope = wix.for_visitor(None)

    _create(scope)

    assert scope.tokens == VisitorTokens("visitor-access-1", "visitor-refresh-1", NOW + 14400)
    assert auth_headers(fake.requests[1]) == {"authorization": "visitor-access-1"}


def test_scope_refreshes_proactively_within_a_minute_of_expiry(
    wix: WixClient, fake: FakeWix
) -> None:
    fake.add("POST", TOKEN, "token_refreshed")
    fake.add("POST", BOOKINGS, "booking_created")
    scope = wix.for_visitor(VisitorTokens("old-access", "old-refresh", NOW + 59))

    _create(scope)

    assert [p for _, p in fake.calls()] == [TOKEN, BOOKINGS]
    assert auth_headers(fake.requests[1]) == {"authorization": "visitor-access-2"}
    assert scope.tokens == VisitorTokens("visitor-access-2", "old-refresh", NOW + 14400)


def test_scope_401_refreshes_once_and_repeats_the_call(
    wix: WixClient, fake: FakeWix, tokens: VisitorTokens
) -> None:
    fake.add("POST", BOOKINGS, {"message": "token expired"}, status=401)
    fake.add("POST", BOOKINGS, "booking_created")
    fake.add("POST", TOKEN, "token_refreshed")
    scope = wix.for_visitor(tokens)

    _create(scope)

    assert [p for _, p in fake.calls()] == [BOOKINGS, TOKEN, BOOKINGS]
    assert auth_headers(fake.requests[0]) == {"authorization": "visitor-access-0"}
    assert auth_headers(fake.requests[2]) == {"authorization": "visitor-access-2"}
    assert fake.bodies(BOOKINGS)[0] == fake.bodies(BOOKINGS)[1]
    assert scope.tokens is not None
    assert scope.tokens.access_token == "visitor-access-2"


def test_scope_second_401_is_raised_not_looped(
    wix: WixClient, fake: FakeWix, tokens: VisitorTokens
) -> None:
    fake.add("POST", BOOKINGS, {"message": "nope"}, status=401)
    fake.add("POST", TOKEN, "token_refreshed")

    with pytest.raises(WixUnauthorized):
        _create(wix.for_visitor(tokens))

    assert [p for _, p in fake.calls()] == [BOOKINGS, TOKEN, BOOKINGS]


def test_api_key_401_is_raised_without_refresh(wix: WixClient, fake: FakeWix) -> None:
    fake.add("POST", SERVICES, {"message": "bad key"}, status=401)

    with pytest.raises(WixUnauthorized):
        wix.services.query()

    assert fake.calls() == [("POST", SERVICES)]


def test_shared_visitor_token_is_minted_once_under_concurrency(
    keyless: WixClient, fake: FakeWix
) -> None:
    fake.add("POST", TOKEN, "token_anonymous")
    fake.add("POST", SERVICES, one_service_page())
    threads = [threading.Thread(target=keyless.services.query) for _ in range(8)]

    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert [p for _, p in fake.calls()].count(TOKEN) == 1
    assert [p for _, p in fake.calls()].count(SERVICES) == 8
