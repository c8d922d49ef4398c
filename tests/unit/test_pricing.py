"""Quotes recomputed from the catalogue: participants, variants, free and price-on-request."""

from __future__ import annotations

from decimal import Decimal

import pytest

from booking_site.errors import BookingError
from booking_site.services.pricing import (
    Quote,
    QuoteLine,
    participant_limit,
    payment_options,
    quote,
)
from booking_site.wix import Money, Service

from .builders import massage, participants_policy, pottery, yoga, yoga_variants

GBP = "GBP"


def _gbp(amount: str, formatted: str | None = None) -> Money:
    return Money(Decimal(amount), GBP, formatted)


def test_quote_fixed_price_multiplies_the_unit_price() -> None:
    service = massage(bookingPolicy=participants_policy(3))

    result = quote(service, participants=3)

    unit = _gbp("60", "£60.00")  # Wix's own display string stays on the unit price
    line = QuoteLine("Deep tissue massage", 3, unit, _gbp("180"))
    assert result == Quote(3, (line,), _gbp("180"), free=False)


def test_quote_without_participants_prices_one() -> None:
    assert quote(massage()).participants == 1
    assert quote(massage()).total == _gbp("60")


def test_quote_varied_price_uses_the_default_price_then_the_minimum() -> None:
    no_default = yoga(
        payment={
            "rateType": "VARIED",
            "varied": {"minPrice": {"value": "12.50", "currency": GBP}},
            "options": {"online": True},
        }
    )

    assert quote(yoga(), participants=2).total == _gbp("40.00")
    assert quote(no_default, participants=2).total == _gbp("25.00")


def test_quote_per_variant_counts_price_each_line() -> None:
    result = quote(yoga(), variants=yoga_variants(), variant_counts={"Adult": 2, "Child": 1})

    assert result == Quote(
        3,
        (
            QuoteLine("Adult", 2, _gbp("20.00"), _gbp("40.00")),
            QuoteLine("Child", 1, _gbp("10.50"), _gbp("10.50")),
        ),
        _gbp("50.50"),
        free=False,
    )


def test_quote_per_variant_leaves_out_zero_counts() -> None:
    result = quote(yoga(), variants=yoga_variants(), variant_counts={"Adult": 0, "Child": 2})

    assert [(line.label, line.count) for line in result.lines] == [("Child", 2)]
    assert (result.participants, result.total) == (2, _gbp("21.00"))


@pytest.mark.parametrize(
    "counts",
    [{"Senior": 1}, {"Adult": -1, "Child": 2}, {"Adult": 0, "Child": 0}, {}],
    ids=["unknown-variant", "negative", "all-zero", "empty"],
)
def test_quote_per_variant_refuses_counts_that_name_no_booking(counts: dict[str, int]) -> None:
    with pytest.raises(BookingError) as caught:
        quote(yoga(), variants=yoga_variants(), variant_counts=counts)

    assert caught.value.code == "invalid_choices"


def test_quote_per_variant_counts_everyone_against_the_limit() -> None:
    with pytest.raises(BookingError) as caught:
        quote(yoga(), variants=yoga_variants(), variant_counts={"Adult": 3, "Child": 2})

    assert caught.value.code == "too_many_participants"


@pytest.mark.parametrize(("capacity_left", "limit"), [(None, 4), (10, 4), (2, 2), (0, 0)], ids=str)
def test_participant_limit_is_the_policy_bounded_by_places_left(
    capacity_left: int | None, limit: int
) -> None:
    assert participant_limit(yoga(), capacity_left) == limit


@pytest.mark.parametrize(("participants", "capacity_left"), [(5, None), (3, 2), (1, 0)])
def test_quote_over_the_limit_is_refused(participants: int, capacity_left: int | None) -> None:
    with pytest.raises(BookingError) as caught:
        quote(yoga(), participants=participants, capacity_left=capacity_left)

    assert caught.value.code == "too_many_participants"


def test_quote_negative_participants_is_refused() -> None:
    with pytest.raises(BookingError) as caught:
        quote(yoga(), participants=-2)

    assert caught.value.code == "invalid_choices"


def test_quote_no_fee_service_is_free_without_lines() -> None:
    assert quote(pottery(bookingPolicy=participants_policy(2)), participants=2) == Quote(
        2, (), None, free=True
    )


def test_quote_fixed_price_of_zero_is_free_with_a_zero_total() -> None:
    service = massage(
        payment={"rateType": "FIXED", "fixed": {"price": {"value": "0", "currency": GBP}}}
    )

    result = quote(service)

    assert (result.free, result.total) == (True, _gbp("0"))


def test_quote_variants_priced_zero_are_free() -> None:
    variants = yoga_variants()
    free = type(variants).from_api(
        {
            "serviceVariants": {
                "id": variants.id,
                "serviceId": variants.service_id,
                "variants": {
                    "values": [
                        {
                            "choices": [{"optionId": "opt-age", "custom": "Child"}],
                            "price": {"value": "0", "currency": GBP},
                        }
                    ]
                },
            }
        }
    )

    result = quote(yoga(), variants=free, variant_counts={"Child": 2})

    assert (result.free, result.total) == (True, _gbp("0"))


@pytest.mark.parametrize(
    "payment",
    [
        {"rateType": "CUSTOM", "custom": {"description": "Ask us"}},
        {"rateType": "SOME_FUTURE_RATE", "custom": {"description": "Ask us"}},
        {"rateType": "VARIED", "varied": {}, "custom": {"description": "Ask us"}},
    ],
    ids=["custom", "unknown-rate-type", "varied-without-prices"],
)
def test_quote_price_on_request_has_no_total_and_keeps_the_text(payment: dict[str, object]) -> None:
    result = quote(massage(payment=payment))

    assert result == Quote(1, (), None, free=False, custom_text="Ask us")


def _fixed_nine(**options: bool) -> dict[str, object]:
    return {
        "rateType": "FIXED",
        "fixed": {"price": {"value": "9", "currency": GBP}},
        "options": options,
    }


@pytest.mark.parametrize(
    ("service", "options"),
    [
        (massage(), ("ONLINE",)),  # online only
        (yoga(), ("ONLINE", "OFFLINE")),  # both, online preferred
        (yoga(payment=_fixed_nine(inPerson=True)), ("OFFLINE",)),
        (yoga(payment=_fixed_nine()), ("OFFLINE",)),  # neither flag: pay at the venue
    ],
    ids=["online-only", "online-and-in-person", "in-person-only", "no-options"],
)
def test_payment_options_follow_the_service(service: Service, options: tuple[str, ...]) -> None:
    assert payment_options(service, quote(service)) == options


@pytest.mark.parametrize(
    "payment",
    [
        {"rateType": "NO_FEE", "options": {"online": True}},
        {"rateType": "CUSTOM", "custom": {"description": "Ask"}, "options": {"online": True}},
    ],
    ids=["free", "price-on-request"],
)
def test_payment_options_never_send_a_free_or_unpriced_booking_online(
    payment: dict[str, object],
) -> None:
    service = massage(payment=payment)

    assert payment_options(service, quote(service)) == ("OFFLINE",)
