"""Several app servers sharing PostgreSQL and Redis: a customer may land on any of them.

Real processes on loopback (see conftest): PostgreSQL, Redis, one standalone Wix sandbox and two
gunicorn instances A and B with production settings. The tests run in file order; the journey
kills instance A, and the outage tests then stop and restart Redis and PostgreSQL under B.
"""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

import httpx
import pytest

from tests.scaleout.conftest import Stack
from tests.scaleout.customer import Customer, csrf_token, local_path, page
from tests.scaleout.servers import AppInstance, wait_until

SERVICE = "deep-tissue-massage"
NAME = {"first_name": "Ada", "last_name": "Okafor"}
SLOTS_USED = 4  # one per booking test below
# The staff sign-in is limited to 10 attempts per client per 5 minutes (owner/views/auth.py).
LOGIN_LIMIT, LOGIN_WINDOW = 10, 300


@pytest.fixture
def customer() -> Any:
    made: list[Customer] = []

    def make(*instances: AppInstance) -> Customer:
        made.append(Customer(list(instances)))
        return made[-1]

    yield make
    for one in made:
        one.close()


@pytest.fixture(scope="module")
def booking_day(stack: Stack) -> str:
    """A coming day (the site and sandbox run on real time) with a full day of massage slots."""
    looker = Customer([stack.instance("B")])
    today = datetime.now(ZoneInfo("Europe/London")).date()
    try:
        for ahead in range(1, 10):
            day = (today + timedelta(days=ahead)).isoformat()
            if len(_starts(looker.get(f"/services/{SERVICE}/?date={day}"))) >= 2 * SLOTS_USED:
                return day
    finally:
        looker.close()
    raise AssertionError("no day with enough massage slots in the coming days")


def _starts(service_page: httpx.Response) -> dict[str, str]:
    """Slot start time → the first slot key offered at that time."""
    starts: dict[str, str] = {}
    for button in page(service_page).select("button[name=slot]"):
        key = str(button["value"])
        starts.setdefault(key.split("|")[1], key)
    return starts


def walk_to_review(customer: Customer, email: str, *, day: str, slot: int) -> None:
    """Service page on ``day`` → its ``slot``-th start time → details (``email``), each
    request on the next instance. Stops after the details are saved and the review shows them.

    Each test books its own start time, an hour after the previous test's (slots start every
    30 minutes and last 60), so that no test finds its time taken by another.
    """
    service = customer.get(f"/services/{SERVICE}/?date={day}")
    assert service.status_code == 200, service.text[:500]
    starts = list(_starts(service).values())
    assert len(starts) > 2 * slot, "the service page offers enough slots"
    chosen = customer.post(
        f"/services/{SERVICE}/choose/",
        {"slot": starts[2 * slot], "csrfmiddlewaretoken": csrf_token(service)},
    )
    assert chosen.status_code == 302, chosen.text[:500]
    details_path = local_path(chosen.headers["location"])
    assert details_path == "/book/details/"
    details = customer.get(details_path)
    assert details.status_code == 200, details.text[:500]
    saved = customer.post(
        details_path,
        {**NAME, "email": email, "participants": "1", "csrfmiddlewaretoken": csrf_token(details)},
    )
    assert saved.status_code == 302, page(saved).select(".errorlist")
    assert local_path(saved.headers["location"]) == "/book/review/"
    assert_review_of(customer.get("/book/review/"), email)


def assert_review_of(review: httpx.Response, email: str) -> None:
    """The review page shows the draft with these contact details, ready to submit."""
    assert review.status_code == 200, review.text[:500]
    text = page(review).get_text(" ")
    assert "Ada" in text
    assert "Okafor" in text
    assert email in text
    assert page(review).select_one("form[action='/book/submit/']") is not None


def bookings_for(stack: Stack, email: str) -> list[dict[str, Any]]:
    bookings = stack.sandbox.state()["bookings"]
    assert isinstance(bookings, list)
    return [b for b in bookings if b["contactDetails"].get("email") == email]


def carts_with(stack: Stack, booking_id: str) -> list[dict[str, Any]]:
    carts = stack.sandbox.state()["carts"]
    assert isinstance(carts, list)
    return [c for c in carts if booking_id in str(c.get("lineItems"))]


def test_double_submit_split_across_instances_creates_one_booking(
    stack: Stack, customer: Any, booking_day: str
) -> None:
    a, b = stack.instance("A"), stack.instance("B")
    buyer: Customer = customer(a, b)
    walk_to_review(buyer, "double.submit@example.com", day=booking_day, slot=0)
    review = buyer.get("/book/review/")
    token = csrf_token(review)

    # Six presses of "Book" at once, three landing on each instance.
    with ThreadPoolExecutor(max_workers=6) as pool:
        results = list(
            pool.map(
                lambda via: buyer.post("/book/submit/", {"csrfmiddlewaretoken": token}, via=via),
                [a, b, a, b, a, b],
            )
        )

    statuses = sorted(r.status_code for r in results)
    assert set(statuses) <= {302, 202}, statuses
    checkout_urls = {r.headers["location"] for r in results if r.status_code == 302}
    assert checkout_urls, "at least one press reaches the checkout"
    assert all(url.startswith(stack.sandbox.url + "/checkout/") for url in checkout_urls)
    made = bookings_for(stack, "double.submit@example.com")
    assert len(made) == 1, made
    assert len(carts_with(stack, made[0]["id"])) == 1
    print(f"\ndouble submit: statuses {statuses}, one booking, one cart")


def test_rate_limit_counts_attempts_on_every_instance(stack: Stack, customer: Any) -> None:
    a, b = stack.instance("A"), stack.instance("B")
    visitor: Customer = customer(a, b)
    _avoid_window_edge(LOGIN_WINDOW)
    form = visitor.get("/owner/login/", via=a)
    attempt = {"username": "nobody", "password": "wrong", "csrfmiddlewaretoken": csrf_token(form)}

    allowed = [visitor.post("/owner/login/", attempt).status_code for _ in range(LOGIN_LIMIT)]
    over_on_a = visitor.post("/owner/login/", attempt, via=a)
    over_on_b = visitor.post("/owner/login/", attempt, via=b)

    # Each instance saw only half of the attempts: only a shared counter reaches the limit.
    assert visitor.served_by["A"] >= LOGIN_LIMIT // 2
    assert visitor.served_by["B"] >= LOGIN_LIMIT // 2
    assert allowed == [200] * LOGIN_LIMIT
    assert (over_on_a.status_code, over_on_b.status_code) == (429, 429)
    assert over_on_b.headers["retry-after"] == str(LOGIN_WINDOW)


def _avoid_window_edge(window: int) -> None:
    """Start in a fresh fixed window when the current one ends within seconds."""
    if window - time.time() % window < 5:
        start = time.time()
        wait_until(lambda: time.time() % window < window - 5, timeout=6, what="a new window")
        assert time.time() - start < 6


def test_customer_alternating_instances_books_and_survives_losing_one(
    stack: Stack, customer: Any, booking_day: str
) -> None:
    a, b = stack.instance("A"), stack.instance("B")
    ada: Customer = customer(a, b)

    walk_to_review(ada, "ada.okafor@example.com", day=booking_day, slot=1)
    before_kill = dict(ada.served_by)
    a.kill()  # mid-flow: details saved on one instance, not yet reviewed or submitted
    with pytest.raises(httpx.ConnectError):
        ada.get("/book/review/", via=a)
    ada.mark_down(a)

    review = ada.get("/book/review/")
    assert_review_of(review, "ada.okafor@example.com")  # the draft is intact on B
    submitted = ada.post("/book/submit/", {"csrfmiddlewaretoken": csrf_token(review)})
    assert submitted.status_code == 302, submitted.text[:500]
    checkout_url = submitted.headers["location"]
    assert checkout_url.startswith(stack.sandbox.url + "/checkout/")
    back_from_wix = _pay_on_hosted_checkout(ada.http, checkout_url)
    ref = parse_qs(urlsplit(back_from_wix).query)["ref"][0]
    returned = ada.get(local_path(back_from_wix))
    assert returned.status_code == 302
    status = ada.get(local_path(returned.headers["location"]))

    assert min(before_kill["A"], before_kill["B"]) >= 2, before_kill
    assert status.status_code == 200
    heading = page(status).select_one("h1")
    assert heading is not None
    assert heading.get_text(strip=True) == "You're booked"
    made = bookings_for(stack, "ada.okafor@example.com")
    assert [(m["status"], m["externalUserId"]) for m in made] == [("CONFIRMED", ref)]
    print(f"\nrequests per instance: before killing A {before_kill}, in all {dict(ada.served_by)}")


def _pay_on_hosted_checkout(http: httpx.Client, checkout_url: str) -> str:
    """Press "Pay" on the sandbox's hosted checkout; return where Wix sends the browser."""
    checkout = http.get(checkout_url)
    assert checkout.status_code == 200
    for form in page(checkout).select("form"):
        button = form.find("button")
        if button is not None and button.get_text(strip=True).startswith("Pay"):
            data = {str(i["name"]): str(i.get("value", "")) for i in form.select("input[name]")}
            action = httpx.URL(checkout_url).join(str(form["action"]))
            paid = http.post(action, data=data)
            assert paid.status_code == 303, paid.text[:300]
            return paid.headers["location"]
    raise AssertionError("no Pay button on the hosted checkout")


def test_losing_redis_answers_503_and_recovers_without_restart(
    stack: Stack, customer: Any, booking_day: str
) -> None:
    b = stack.instance("B")
    pid = b.process.pid if b.process else 0
    eve: Customer = customer(b)
    walk_to_review(eve, "redis.outage@example.com", day=booking_day, slot=2)

    stack.redis.stop()
    down = eve.get("/book/review/")
    health = httpx.get(b.url + "/healthz", timeout=5)
    stack.redis.start()  # same port, empty: Redis kept nothing on disk
    recovered_in = wait_until(
        lambda: eve.get("/book/review/").status_code == 200, timeout=20, what="recovery"
    )
    after = eve.get("/book/review/")

    _assert_unavailable_page(down, retry_url="/book/review/")
    assert (health.status_code, health.json()) == (
        503,
        {"status": "unavailable", "database": "ok", "cache": "down"},
    )
    assert_review_of(after, "redis.outage@example.com")  # from PostgreSQL (cached_db sessions)
    assert_same_process(b, pid)
    print(
        f"\nRedis: 503 answered in {down.elapsed.total_seconds():.3f}s; "
        f"back to 200 {recovered_in:.2f}s after Redis was up again"
    )


def test_losing_postgres_answers_503_and_recovers_without_restart(
    stack: Stack, customer: Any, booking_day: str
) -> None:
    b = stack.instance("B")
    pid = b.process.pid if b.process else 0
    pat: Customer = customer(b)
    walk_to_review(pat, "postgres.outage@example.com", day=booking_day, slot=3)
    token = csrf_token(pat.get("/book/review/"))
    changed = {
        **NAME,
        "email": "pat@example.com",
        "participants": "1",
        "csrfmiddlewaretoken": token,
    }

    stack.postgres.stop()
    down = pat.post("/book/submit/", {"csrfmiddlewaretoken": token})
    # The view succeeds; saving the changed session afterwards is what fails.
    down_on_save = pat.post("/book/details/", changed, referer="/book/details/")
    # A new visitor choosing a time starts a draft: creating its session is what fails.
    newcomer: Customer = customer(b)
    service_page = f"/services/{SERVICE}/?date={booking_day}"
    browsing = newcomer.get(service_page)
    down_on_create = newcomer.post(
        f"/services/{SERVICE}/choose/",
        {
            "slot": next(iter(_starts(browsing).values())),
            "csrfmiddlewaretoken": csrf_token(browsing),
        },
        referer=service_page,
    )
    health = httpx.get(b.url + "/healthz", timeout=5)
    stack.postgres.start()
    recovered_in = wait_until(
        lambda: httpx.get(b.url + "/healthz", timeout=5).status_code == 200,
        timeout=20,
        what="recovery",
    )
    submitted = pat.post("/book/submit/", {"csrfmiddlewaretoken": token})

    _assert_unavailable_page(down, retry_url="/")
    _assert_unavailable_page(down_on_save, retry_url="https://localhost/book/details/")
    _assert_unavailable_page(down_on_create, retry_url="https://localhost" + service_page)
    assert (health.status_code, health.json()) == (
        503,
        {"status": "unavailable", "database": "down", "cache": "ok"},
    )
    assert submitted.status_code == 302, submitted.text[:500]
    assert submitted.headers["location"].startswith(stack.sandbox.url + "/checkout/")
    assert len(bookings_for(stack, "postgres.outage@example.com")) == 1
    assert_same_process(b, pid)
    print(
        f"\nPostgreSQL: 503 answered in {down.elapsed.total_seconds():.3f}s; "
        f"healthy {recovered_in:.2f}s after PostgreSQL was up again"
    )


def _assert_unavailable_page(response: httpx.Response, *, retry_url: str) -> None:
    assert response.status_code == 503, response.text[:500]
    assert response.headers["retry-after"] == "15"
    assert response.headers["cache-control"] == "no-store"
    html = page(response)
    heading = html.select_one("h1")
    assert heading is not None
    assert heading.get_text(strip=True) == "Temporarily unavailable"
    retry = html.select_one("a.button")
    assert retry is not None
    assert retry.get_text(strip=True) == "Try again"
    assert retry["href"] == retry_url


def assert_same_process(instance: AppInstance, pid: int) -> None:
    """The instance recovered by itself: still the gunicorn master it was, still running."""
    assert instance.process is not None
    assert instance.process.pid == pid
    assert instance.alive()
