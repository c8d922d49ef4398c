"""Simulated customers over real HTTP: each its own cookie jar and its own client address."""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin

import httpx

from tests.integration.helpers import CONTACT, slot_buttons, soup

BLOCKING = ("CREATED", "CONFIRMED", "PENDING")
# What a paying racer may end with: the one who got the place, and the honest page for a
# payment Wix kept on a time someone else had (doubleBooked, docs/wix-contract.md §24).
BOOKED = "You're booked"
DOUBLE_BOOKED = "Paid, but this time was taken"


@dataclass(frozen=True)
class Outcome:
    """How one submit ended for the customer."""

    kind: str  # "checkout", "slot_taken", "processing", "server_error" or "other"
    status: int
    alternatives: int = 0


class WebCustomer:
    """A browser: cookies, CSRF token, and redirects followed the way a browser would."""

    def __init__(self, site_url: str, number: int) -> None:
        # TEST-NET-2 addresses, told apart by the site behind its (trusted) proxy header.
        self.address = f"198.51.100.{number}"
        self.http = httpx.Client(
            base_url=site_url, headers={"X-Forwarded-For": self.address}, timeout=60
        )

    def close(self) -> None:
        self.http.close()

    def get(self, path: str, **params: str) -> httpx.Response:
        return self.http.get(path, params=params or None)

    def post(self, path: str, data: dict[str, Any] | None = None) -> httpx.Response:
        token = self.http.cookies.get("csrftoken", "")
        return self.http.post(path, data={**(data or {}), "csrfmiddlewaretoken": token})

    def choose(self, slug: str, key: str) -> None:
        """Open the service page (as a browser would first) and press a slot button."""
        page = self.get(f"/services/{slug}/")
        assert page.status_code == 200, page.text[:300]
        chosen = self.post(f"/services/{slug}/choose/", {"slot": key})
        assert chosen.status_code == 302, chosen.text[:300]
        assert chosen.headers["location"] == "/book/details/"

    def give_details(self, **fields: Any) -> None:
        """Fill the details form and land on the review step."""
        form = self.get("/book/details/")
        assert form.status_code == 200, form.text[:300]
        sent = self.post("/book/details/", {**CONTACT, "participants": 1, **fields})
        assert sent.status_code == 302, soup_text(sent)[:500]
        assert sent.headers["location"] == "/book/review/"

    checkout_url = ""

    def submit(self) -> Outcome:
        """Press "Book" on the review page and follow our own redirects (not Wix's)."""
        response = self.post("/book/submit/")
        outcome = classify(self, response)
        if outcome.kind == "checkout":
            self.checkout_url = response.headers["location"]
        return outcome

    def pay(self) -> str:
        """Pay on Wix's hosted checkout and come back: the status page's heading.

        Wix's page sends the customer back to our return URL, which hops to the status page;
        that heading is what the customer ends with ("You're booked", "Paid, but this time
        was taken" …), or "server error".
        """
        page = self.http.get(self.checkout_url)
        form = soup(page).select_one('form[action$="/pay"]')
        assert form is not None, page.text[:300]
        back = self.http.post(urljoin(self.checkout_url, str(form["action"])))
        if back.status_code != 303:
            return f"checkout answered {back.status_code}"
        status = self.http.get(back.headers["location"], follow_redirects=True)
        if status.status_code >= 500:
            return "server error"
        heading = soup(status).h1
        return heading.get_text(strip=True) if heading else f"status {status.status_code}"


def classify(customer: WebCustomer, response: httpx.Response) -> Outcome:
    """Where a submit's answer leaves the customer."""
    if response.status_code >= 500:
        return Outcome("server_error", response.status_code)
    if response.status_code == 202:
        return Outcome("processing", 202)
    location = response.headers.get("location", "")
    if response.status_code == 302 and "/checkout/" in location:
        return Outcome("checkout", 302)
    if response.status_code == 302 and location.startswith("/book/slot-taken/"):
        page = customer.http.get(location)
        if page.status_code >= 500:
            return Outcome("server_error", page.status_code)
        heading = soup(page).h1.get_text(strip=True) if soup(page).h1 else ""
        if page.status_code == 409 and heading == "That time was just taken":
            return Outcome("slot_taken", 409, len(slot_buttons(page)))
    return Outcome("other", response.status_code)


def soup_text(response: httpx.Response) -> str:
    return " ".join(soup(response).get_text(" ").split())


def spots(label: str) -> int | None:
    """Places left in a class session button's label ("…, 3 spots left")."""
    match = re.search(r"(\d+) spots? left", label)
    return int(match.group(1)) if match else None


def all_at_once(customers: list[WebCustomer], action: str) -> list[Any]:
    """Run ``customer.<action>()`` for every customer in its own thread, released together."""
    barrier = threading.Barrier(len(customers), timeout=60)
    results: list[Any] = [None] * len(customers)
    errors: list[BaseException] = []

    def run(index: int) -> None:
        try:
            barrier.wait()
            results[index] = getattr(customers[index], action)()
        except BaseException as exc:  # reported below; a thread must not swallow it
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(customers))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not [t for t in threads if t.is_alive()], "customers still waiting after 120 s"
    if errors:
        raise errors[0]
    return results
