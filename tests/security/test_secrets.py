"""The Wix API key and the visitors' tokens never reach a response or a log line."""

from __future__ import annotations

import logging

import pytest
from django.http import HttpResponse
from django.test import Client

from booking_site.logging import OneLineFormatter
from tests.integration.helpers import (
    choose_first_slot,
    fill_details,
    follow_to,
    hosted_checkout_action,
    status_after,
    submit,
)
from wix_sandbox import Sandbox

pytestmark = pytest.mark.django_db(transaction=True)


def _everything_sent(response: HttpResponse) -> str:
    headers = "\n".join(f"{k}: {v}" for k, v in response.items())
    cookies = "\n".join(m.OutputString() for m in response.cookies.values())
    return f"{headers}\n{cookies}\n{response.content.decode(errors='replace')}"


def test_a_whole_booking_never_shows_or_logs_a_secret(
    client: Client, sandbox: Sandbox, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)  # the worst case an operator can configure (LOG_LEVEL)
    caplog.set_level(logging.DEBUG, logger="booking_site")
    responses = [client.get("/"), choose_first_slot(client, "deep-tissue-massage")]
    responses.append(fill_details(client))
    responses.append(client.get("/book/review/"))
    to_wix = submit(client)
    checkout = follow_to(client, to_wix)
    paid = hosted_checkout_action(client, checkout, "Pay")
    responses += [to_wix, checkout, paid, status_after(client, paid)]
    tokens = client.session["booking_site.draft"]["visitor_tokens"]
    secrets = [sandbox.api_key, tokens["access_token"], tokens["refresh_token"]]
    formatter = OneLineFormatter()
    log_lines = [formatter.format(record) for record in caplog.records]

    assert responses[-1].status_code == 200
    assert "You're booked" in responses[-1].content.decode()
    assert any("wix POST /bookings/v2/bookings" in line for line in log_lines)
    for secret in secrets:
        assert len(secret) >= 8
        for response in responses:
            assert secret not in _everything_sent(response)
        assert [line for line in log_lines if secret in line] == []
        assert [r for r in caplog.records if secret in repr(vars(r))] == []
