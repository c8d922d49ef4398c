"""Django admin's sign-in is limited like the staff sign-in; password checks are capped.

Issue 14, point 4: 40 wrong passwords on /admin/login/ were all answered and sign-in then
worked; 12 clients posting bogus logins (each a PBKDF2 hash) starved every other page.
"""

from __future__ import annotations

import threading

import pytest
from django.contrib.auth.models import User
from django.test import Client
from pytest_django.fixtures import Settings

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("fresh_rate_window"),
]

PASSWORD = "a-long-test-passphrase"


@pytest.fixture
def admin_user(db: None, settings: Settings) -> User:
    # A fast hasher for counting attempts; the cap test below switches to the real one.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return User.objects.create_superuser("boss", "boss@example.com", PASSWORD)


def _admin_login(client: Client, password: str) -> int:
    answer = client.post("/admin/login/", {"username": "boss", "password": password})
    return answer.status_code


def test_admin_sign_in_stops_after_ten_attempts(admin_user: User) -> None:
    attacker = Client(REMOTE_ADDR="192.0.2.50")

    wrong = [_admin_login(attacker, f"guess-{n}") for n in range(10)]
    right_after_limit = attacker.post(
        "/admin/login/", {"username": "boss", "password": PASSWORD, "next": "/admin/"}
    )
    someone_else = _admin_login(Client(REMOTE_ADDR="192.0.2.51"), "guess")

    assert wrong == [200] * 10  # the form again, with its error
    assert right_after_limit.status_code == 429
    assert right_after_limit["Retry-After"] == "300"
    assert "_auth_user_id" not in attacker.session
    assert someone_else == 200
    assert attacker.get("/admin/login/").status_code == 200  # the page itself still shows


def test_admin_and_staff_sign_in_share_one_allowance(admin_user: User) -> None:
    attacker = Client(REMOTE_ADDR="192.0.2.60")
    attempt = {"username": "boss", "password": "wrong"}

    on_owner = [attacker.post("/owner/login/", attempt).status_code for _ in range(6)]
    on_admin = [attacker.post("/admin/login/", attempt).status_code for _ in range(6)]

    assert on_owner == [200] * 6
    assert on_admin == [200] * 4 + [429] * 2


@pytest.mark.parametrize("path", ["/admin/login/", "/owner/login/"])
def test_concurrent_password_checks_beyond_the_cap_are_turned_away(
    admin_user: User, settings: Settings, path: str
) -> None:
    settings.PASSWORD_CHECKS_MAX_CONCURRENT = 1
    settings.PASSWORD_CHECKS_WAIT_SECONDS = 0.0
    # The real PBKDF2 hasher (tens of milliseconds or more per check), as in production.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    start = threading.Barrier(4)
    answers: list[tuple[int, str | None]] = []

    def bogus_login(n: int) -> None:
        client = Client(REMOTE_ADDR=f"198.51.100.{n}")  # many clients: no rate limit applies
        start.wait()
        # An unknown user still costs one hash (Django evens out the timing).
        answer = client.post(path, {"username": f"nobody-{n}", "password": f"wrong-{n}"})
        answers.append((answer.status_code, answer.get("Retry-After")))

    threads = [threading.Thread(target=bogus_login, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    statuses = sorted(status for status, _ in answers)
    assert len(answers) == 4
    assert 200 in statuses  # one check ran
    assert 503 in statuses  # and the others did not queue up behind it
    assert set(statuses) <= {200, 503}
    assert {after for status, after in answers if status == 503} == {"5"}
