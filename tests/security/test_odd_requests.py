"""Odd but harmless requests get a proper answer, never a 500 (issue 14, point 12).

A superscript digit as participants, slot keys and owner dates at the ends of the calendar
(year 1, year 9999), and bodies declared in a charset no form uses (UTF-16).
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client

from tests.integration.helpers import soup
from wix_sandbox import Sandbox

pytestmark = pytest.mark.django_db(transaction=True)

SERVICE = "/services/deep-tissue-massage/"
EDGE_KEYS = [
    "a|0001-01-01T00:00:00|0001-01-01T01:00:00||*",
    "a|9999-12-31T23:00:00|9999-12-31T23:59:00||*",
    "e|0001-01-01T10:00:00|some-event",
    "e|9999-12-01T10:00:00|some-event",
]


@pytest.fixture
def strict() -> Client:
    client = Client(enforce_csrf_checks=True)
    client.raise_request_exception = False
    return client


def _wix_calls(sandbox: Sandbox) -> int:
    return sum(sandbox.call_counts().values())


def test_a_superscript_digit_as_participants_is_a_note_not_a_crash(
    client: Client, sandbox: Sandbox
) -> None:
    page = client.get(SERVICE, {"participants": "\u00b2"})

    assert page.status_code == 200
    assert "The number of participants in your link wasn't valid." in soup(page).get_text()


@pytest.mark.parametrize("key", EDGE_KEYS)
def test_slot_keys_at_the_ends_of_the_calendar_are_not_found(
    client: Client, sandbox: Sandbox, key: str
) -> None:
    client.get(SERVICE)  # catalogue, site properties and this month's slots cached
    gone = client.post(SERVICE + "choose/", {"slot": "a|2026-12-08T03:00:00|x||*"})
    before = _wix_calls(sandbox)

    chosen = client.post(SERVICE + "choose/", {"slot": key})

    # The same answer as for any slot that is gone: 409 and the calendar to choose again.
    assert gone.status_code == 409
    assert chosen.status_code == 409
    assert soup(chosen).h1.get_text() == soup(gone).h1.get_text()
    assert _wix_calls(sandbox) == before  # no Wix call for a month nobody can book


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
def test_owner_dates_at_the_ends_of_the_calendar_show_today(
    client: Client, sandbox: Sandbox, day: str
) -> None:
    staff = User.objects.create_user("desk", password="a-long-test-passphrase", is_staff=True)
    client.force_login(staff)
    page_url = f"/owner/book/service/deep-tissue-massage/?date={day}"

    page = client.get(page_url)
    slot = client.post(
        "/owner/book/service/deep-tissue-massage/slot/", {"slot": f"a|{day}T10:00:00|x||*"}
    )

    assert page.status_code == 200
    assert soup(page).select_one("input[name=date]")["value"] == "2026-12-07"  # sandbox today
    assert slot.status_code == 409  # as any slot that is gone


@pytest.mark.parametrize("charset", ["utf-16", "UTF-32", "utf-16-le", "cp037", "no-such"])
@pytest.mark.parametrize("path", [SERVICE + "choose/", "/owner/login/", "/admin/login/"])
def test_a_body_in_an_unreadable_charset_is_refused_with_400(
    strict: Client, sandbox: Sandbox, charset: str, path: str
) -> None:
    body = "slot=x&username=a&password=b".encode("utf-16" if "no-such" in charset else charset)

    # generic(), not post(): post() would re-encode the body from UTF-8 into the charset.
    answer = strict.generic(
        "POST", path, body, content_type=f"application/x-www-form-urlencoded; charset={charset}"
    )

    assert answer.status_code == 400
    assert answer["X-Content-Type-Options"] == "nosniff"
    assert answer["X-Frame-Options"] == "DENY"
    assert "default-src 'none'" in answer["Content-Security-Policy"]
    assert "camera=()" in answer["Permissions-Policy"]


@pytest.mark.parametrize("charset", ["us-ascii", "iso-8859-1", "utf8"])
def test_a_form_body_not_declared_utf8_is_refused_as_django_requires(
    strict: Client, sandbox: Sandbox, charset: str
) -> None:
    answer = strict.generic(
        "POST",
        "/owner/login/",
        b"username=a&password=b",
        content_type=f"application/x-www-form-urlencoded; charset={charset}",
    )

    assert answer.status_code == 400


def test_a_utf16_body_with_a_valid_csrf_token_is_refused_too(
    strict: Client, sandbox: Sandbox
) -> None:
    strict.get("/owner/login/")
    token = strict.cookies["csrftoken"].value
    body = f"csrfmiddlewaretoken={token}&username=a&password=b".encode("utf-16")

    answer = strict.generic(
        "POST",
        "/owner/login/",
        body,
        content_type="application/x-www-form-urlencoded; charset=utf-16",
        HTTP_X_CSRFTOKEN=token,
    )

    assert answer.status_code == 400
    assert answer["X-Content-Type-Options"] == "nosniff"


def test_multipart_in_utf16_is_refused(strict: Client, sandbox: Sandbox) -> None:
    answer = strict.generic(
        "POST",
        "/owner/login/",
        "--b\r\n".encode("utf-16"),
        content_type="multipart/form-data; boundary=b; charset=utf-16",
    )

    assert answer.status_code == 400


def test_utf8_and_undeclared_bodies_still_reach_csrf(strict: Client, sandbox: Sandbox) -> None:
    for content_type in (
        "application/x-www-form-urlencoded; charset=utf-8",
        "application/x-www-form-urlencoded; charset=UTF-8",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=b; charset=utf-8",
    ):
        answer = strict.generic("POST", SERVICE + "choose/", b"slot=x", content_type=content_type)
        assert answer.status_code == 403, content_type  # CSRF refuses: no token
