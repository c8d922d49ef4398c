"""A signed-in customer without staff access gets a clear answer, not a redirect loop.

Issue 14, point 13: /owner/ sent a signed-in non-staff user to the sign-in page, which sent
every signed-in user back to /owner/.
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client

from tests.integration.helpers import soup
from wix_sandbox import Sandbox

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def customer(client: Client, sandbox: Sandbox) -> Client:
    client.force_login(User.objects.create_user("customer", password="a-long-test-passphrase"))
    return client


def test_a_signed_in_customer_is_told_and_offered_to_sign_out(
    customer: Client, sandbox: Sandbox
) -> None:
    page = customer.get("/owner/", follow=True)

    assert [url for url, _ in page.redirect_chain] == ["/owner/login/?next=/owner/"]
    assert page.status_code == 403
    html = soup(page)
    assert "customer" in html.select_one("[role=alert]").get_text()
    assert "no staff access" in html.select_one("[role=alert]").get_text()
    sign_out = html.select_one("form[action='/owner/logout/']")
    assert sign_out["method"] == "post"
    assert sign_out.select_one("input[name=next]")["value"] == "/owner/login/"
    assert html.select_one("input[name=password]") is None


def test_a_customer_who_signs_in_on_the_staff_page_is_told_too(
    client: Client, sandbox: Sandbox
) -> None:
    User.objects.create_user("shopper", password="a-long-test-passphrase")

    page = client.post(
        "/owner/login/?next=/owner/",
        {"username": "shopper", "password": "a-long-test-passphrase"},
        follow=True,
    )

    assert page.status_code == 403
    assert "no staff access" in soup(page).select_one("[role=alert]").get_text()


def test_signing_out_leads_back_to_the_sign_in_form(customer: Client, sandbox: Sandbox) -> None:
    signed_out = customer.post("/owner/logout/", {"next": "/owner/login/"}, follow=True)

    assert signed_out.redirect_chain[-1][0] == "/owner/login/"
    assert signed_out.status_code == 200
    assert soup(signed_out).select_one("input[name=password]") is not None
    assert "_auth_user_id" not in customer.session


def test_staff_who_are_signed_in_still_go_straight_in(client: Client, sandbox: Sandbox) -> None:
    staff = User.objects.create_user("desk", password="a-long-test-passphrase", is_staff=True)
    client.force_login(staff)

    page = client.get("/owner/login/?next=/owner/links/")

    assert page.status_code == 302
    assert page["Location"] == "/owner/links/"
