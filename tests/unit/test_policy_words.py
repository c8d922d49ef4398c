"""The booking policy in plain words: what cancelling costs is Wix's ``cancellationFeePolicy``."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from booking_site.templatetags.booking_tags import policy_lines
from booking_site.wix import BookingPolicy, CancellationWindow, Money


def _policy(**parts: Any) -> BookingPolicy:
    payload = {"cancellationPolicy": {"enabled": True, "limitLatestCancellation": False}, **parts}
    return BookingPolicy.from_api(payload)


def test_fee_windows_are_parsed_widest_first() -> None:
    policy = _policy(
        cancellationFeePolicy={
            "enabled": True,
            "cancellationWindows": [
                {"percentage": "50", "startInMinutes": 1440},
                {"amount": {"value": "15.00", "currency": "GBP"}, "startInMinutes": 2880},
            ],
            "autoCollectFeeEnabled": True,
        }
    )
    assert policy.cancellation_fees == (
        CancellationWindow(2880, amount=Money(Decimal("15.00"), "GBP")),
        CancellationWindow(1440, percentage=Decimal("50")),
    )


def test_a_disabled_fee_policy_or_an_empty_window_charges_nothing() -> None:
    windows = [{"amount": {"value": "15", "currency": "GBP"}, "startInMinutes": 60}]
    off = _policy(cancellationFeePolicy={"enabled": False, "cancellationWindows": windows})
    empty = _policy(cancellationFeePolicy={"enabled": True, "cancellationWindows": [{}]})
    assert off.cancellation_fees == () == empty.cancellation_fees
    assert policy_lines(off) == ["You can cancel at any time before the start."]


def test_a_late_cancellation_fee_is_said_not_free_cancellation_at_any_time() -> None:
    policy = _policy(
        cancellationPolicy={
            "enabled": True,
            "limitLatestCancellation": True,
            "latestCancellationInMinutes": 1440,
        },
        cancellationFeePolicy={
            "enabled": True,
            "cancellationWindows": [
                {"amount": {"value": "15.00", "currency": "GBP"}, "startInMinutes": 2880}
            ],
        },
    )
    assert policy_lines(policy) == [
        "Free cancellation until 2 days before the start.",
        "Cancelling less than 2 days before the start costs £15.",
        "Online cancellation closes 1 day before the start.",
    ]


def test_a_percentage_fee_and_a_fee_at_any_time() -> None:
    policy = _policy(
        cancellationFeePolicy={
            "enabled": True,
            "cancellationWindows": [
                {"percentage": "12.5"},
                {"percentage": "50", "startInMinutes": 120},
            ],
        }
    )
    assert policy_lines(policy) == [
        "Cancelling costs 12.5% of the price.",
        "Cancelling less than 2 hours before the start costs 50% of the price.",
    ]


def test_no_cancelling_online_stays_one_sentence() -> None:
    assert policy_lines(BookingPolicy.from_api({})) == ["Bookings can't be cancelled online."]
