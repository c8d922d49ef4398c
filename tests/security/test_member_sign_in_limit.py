"""The member sign-in callback is limited per client like the other sign-ins (strict)."""

from __future__ import annotations

import pytest
from django.test import Client

from booking_site.views.account import SIGN_IN_LIMIT_PER_MINUTE
from tests.integration.helpers import follow_to
from tests.integration.members_helpers import as_redirect, login_redirect, press_login
from wix_sandbox import Sandbox

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("fresh_rate_window"),
]


def test_guessing_states_is_stopped_and_a_real_sign_in_waits(sandbox: Sandbox) -> None:
    attacker = Client(REMOTE_ADDR="192.0.2.60")
    callback = press_login(attacker, login_redirect(attacker))
    guesses = [
        attacker.get("/account/callback/", {"code": "x", "state": f"guess-{n}"}).status_code
        for n in range(SIGN_IN_LIMIT_PER_MINUTE)
    ]
    real = follow_to(attacker, as_redirect(callback))
    someone_else = Client(REMOTE_ADDR="192.0.2.61").get("/account/callback/", {"state": "x"})

    assert guesses == [400] * SIGN_IN_LIMIT_PER_MINUTE
    assert real.status_code == 429  # even the right answer waits: nothing is tried
    assert "booking_site.member" not in attacker.session
    assert someone_else.status_code == 400
