"""A customer on this process's site (Django test client) whose Wix is the standalone sandbox."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

import httpx
from django.http import HttpResponse
from django.test import Client

from tests.integration.helpers import CONTACT, slot_buttons, soup
from tests.reliability.servers import SandboxControl
from wix_sandbox.demo import Demo

MASSAGE = "deep-tissue-massage"
STAFF = ("maya", "tom", "priya")
DEMO = Demo()
# What a customer may see while Wix misbehaves: pages, redirects, the slot-taken page, and
# the "temporarily unavailable" page (503). Never a 500 or a 502.
GRACEFUL = frozenset({200, 202, 302, 409, 503})


def wix_calls(wix: SandboxControl) -> int:
    """All API calls Wix (the sandbox) received so far; control calls are not counted."""
    return sum(wix.calls().values())


@dataclass
class Customer:
    """One customer's session, recording every answer and the Wix calls each one cost."""

    wix: SandboxControl
    number: int
    client: Client = field(init=False)
    statuses: list[int] = field(default_factory=list)
    calls_per_page: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.client = Client(REMOTE_ADDR=f"10.20.0.{self.number}")

    def request(
        self, method: str, path: str, data: dict[str, object] | None = None
    ) -> HttpResponse:
        """One page: checks that the answer is graceful, and that a 503 offers a retry."""
        before = wix_calls(self.wix)
        if method == "GET":
            response = self.client.get(path, data)
        else:
            response = self.client.post(path, data or {})
        self.calls_per_page.append(wix_calls(self.wix) - before)
        self.statuses.append(response.status_code)
        assert response.status_code in GRACEFUL, (path, response.status_code)
        if response.status_code == 503:
            assert_retry_page(response)
        return response

    def until_ok(
        self, method: str, path: str, data: dict[str, object] | None = None, tries: int = 6
    ) -> HttpResponse | None:
        """Press "Try again" (repeat the request) while the answer is a 503; None if it stays."""
        for _ in range(tries):
            response = self.request(method, path, data)
            if response.status_code != 503:
                return response
        return None

    def pick_slot(self) -> str | None:
        """The first massage slot of this customer's own therapist (so customers never race)."""
        staff = DEMO.staff(STAFF[(self.number - 1) % len(STAFF)])
        page = self.until_ok("GET", f"/services/{MASSAGE}/?staff={staff}")
        return slot_buttons(page)[0]["key"] if page is not None else None

    def choose(self, key: str) -> bool:
        chosen = self.until_ok("POST", f"/services/{MASSAGE}/choose/", {"slot": key})
        return chosen is not None and chosen["Location"] == "/book/details/"

    def give_details(self) -> bool:
        sent = self.until_ok("POST", "/book/details/", {**CONTACT, "participants": 1})
        return sent is not None and sent["Location"] == "/book/review/"

    def submit(self) -> HttpResponse | None:
        return self.until_ok("POST", "/book/submit/")

    @property
    def ref(self) -> str:
        return self.client.session["booking_site.draft"]["ref"]


def assert_retry_page(response: HttpResponse) -> None:
    """A 503 says what happened and how to try again."""
    page = soup(response)
    assert response["Retry-After"]
    assert page.select_one("[role=alert]").get_text(strip=True)
    retry = [a for a in page.select("a[href]") if a.get_text(strip=True) == "Try again"]
    assert retry, "a 503 page offers a way to try again"


def pay_on_hosted_page(client: Client, checkout_url: str) -> HttpResponse:
    """Pay on the sandbox's hosted checkout (over HTTP), then follow Wix's callback home."""
    with httpx.Client(timeout=10) as browser:
        page = browser.get(checkout_url)
        for form in soup(page).select("form"):
            button = form.find("button")
            if button and button.get_text(strip=True).startswith("Pay"):
                data = {i["name"]: i.get("value", "") for i in form.select("input[name]")}
                action = httpx.URL(checkout_url).join(form["action"])
                back = browser.post(action, data=data)
                break
        else:
            raise AssertionError("no Pay button on the hosted checkout page")
    assert back.status_code == 303, back.text[:300]
    callback = urlsplit(back.headers["location"])
    hop = client.get(callback.path + "?" + callback.query)
    while hop.status_code in (301, 302, 303):
        hop = client.get(hop["Location"])
    return hop
