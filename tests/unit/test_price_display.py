"""Prices as the pages print them: currency symbols, pence, grouping and the rate type's words."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.utils import translation

from booking_site.templatetags.booking_tags import amount_in, money, service_price
from booking_site.wix import Money

from .builders import massage, pottery, yoga


@pytest.fixture(autouse=True)
def _british_english() -> Iterator[None]:
    with translation.override("en-gb"):
        yield


@pytest.mark.parametrize(
    ("amount", "currency", "text"),
    [
        ("60", "GBP", "£60"),
        ("60.00", "GBP", "£60"),  # whole amounts without pence
        ("60.5", "GBP", "£60.50"),
        ("10.05", "EUR", "€10.05"),
        ("1234.5", "USD", "$1,234.50"),
        ("1000000", "AUD", "A$1,000,000"),
        ("12.3", "CHF", "12.30 CHF"),  # no symbol known: the ISO code after the amount
        ("0", "GBP", "£0"),
    ],
)
def test_money_formats_amount_and_currency(amount: str, currency: str, text: str) -> None:
    assert money(Money.from_api({"value": amount, "currency": currency})) == text


def test_money_ignores_wix_display_string() -> None:
    # Wix formats in the site's locale; the page formats in the visitor's language.
    price = Money.from_api({"value": "60", "currency": "GBP", "formattedValue": "60,00 £"})

    assert money(price) == "£60"


def test_money_of_nothing_is_empty() -> None:
    assert money(None) == ""


@pytest.mark.parametrize(
    ("amount", "currency", "text"),
    [
        ("36.00", "GBP", "£36"),
        ("36.50", "NZD", "NZ$36.50"),
        ("", "GBP", ""),
        ("36.00", "", ""),
        (None, "GBP", ""),
        ("lots", "GBP", "lots GBP"),  # a stored value that isn't a number is shown as it is
    ],
)
def test_amount_in_formats_a_stored_pair_like_money(
    amount: str | None, currency: str, text: str
) -> None:
    assert amount_in(amount, currency) == text


def test_service_price_follows_the_rate_type() -> None:
    custom = massage(payment={"rateType": "CUSTOM", "custom": {"description": "Ask us"}})
    unpriced = massage(payment={"rateType": "CUSTOM"})

    assert service_price(massage()) == "£60"
    assert service_price(yoga()) == "from £10"  # VARIED: the minimum price
    assert service_price(pottery()) == "Free"
    assert service_price(custom) == "Ask us"
    assert service_price(unpriced) == "Price on request"
