"""No raw values on any page (issue 16 point 4): every page state, customer and owner, is
rendered and read as a person would; none may show a SCREAMING_CASE token (a Wix enum such as
``UNDEFINED`` or ``NOT_PAID``) or an empty definition ("Participants:" with nothing), and none
may name Wix where the business should be named."""

from __future__ import annotations

import re
from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import User
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.template.loader import render_to_string
from django.test import Client, RequestFactory, override_settings
from django.views import defaults

from booking_site.errors import MESSAGES
from booking_site.models import Submission
from wix_sandbox import Sandbox

from .helpers import (
    CONTACT,
    fill_details,
    follow_to,
    hosted_checkout_action,
    slot_buttons,
    status_after,
    submit,
)
from .manage_helpers import book, manage_link

pytestmark = pytest.mark.django_db(transaction=True)

DAY = "2026-12-09"
# Real words and abbreviations a page may show in capitals.
ALLOWED = frozenset({"UK", "UTC", "GMT", "AM", "PM", "HTML", "CSS"})
SCREAMING = re.compile(r"\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b|\b[A-Z]{3,}\b")
# "Wix will email", "Wix emails you the change", "Wix's checkout opens": to customers the
# business acts, not the platform. Caught: Wix as the subject of a verb anywhere, and any
# sentence that opens with Wix (the business's name comes first; "…, on Wix's secure checkout"
# after it is fine). Staff pages may say what Wix's system does.
PLATFORM_FIRST = re.compile(
    r"\bWix(?:'s)? (?:will|has|have|is|emails?|sends?|confirms?|contacts?|charges?|notifies|"
    r"tells?|handles?|didn't|did|does|can|may|books?|keeps?)\b"
    r"|(?:^|[.!?:]\s+|\n\s*)Wix\b"
    r"|\b(?:handled|confirmed|emailed|sent|taken|managed)(?: securely)? by Wix\b"
)


def _visible(html: BeautifulSoup) -> tuple[str, list[str]]:
    """The text a person sees (and hears: aria-label, alt, title), and the empty definitions."""
    for hidden in html.select("script, style, template, [hidden], head"):
        hidden.decompose()
    empty = []
    for dd in html.select("dd"):
        if not dd.get_text(strip=True) and not dd.select("img, input, a"):
            dt = dd.find_previous_sibling("dt")
            empty.append(dt.get_text(strip=True) if dt else "?")
    for code in html.select("code"):  # ids and setting names, shown as code on purpose
        code.decompose()
    said = [
        str(el[attr])
        for attr in ("aria-label", "alt", "title", "placeholder")
        for el in html.select(f"[{attr}]")
    ]
    return " ".join([html.get_text(" "), *said]), empty


def check(pages: dict[str, Any], *, customer: bool = True) -> None:
    """Fail with every offending page and what it showed."""
    problems = {}
    for name, page in pages.items():
        content = page if isinstance(page, str) else page.content.decode()
        text, empty = _visible(BeautifulSoup(content, "html.parser"))
        shouting = sorted({t for t in SCREAMING.findall(text) if t not in ALLOWED})
        platform = [m.group().strip() for m in PLATFORM_FIRST.finditer(text)] if customer else []
        if shouting or empty or platform:
            problems[name] = {"screaming": shouting, "empty": empty, "platform": platform}
    assert problems == {}
    assert len(pages) >= 5  # the group rendered what it meant to


def _choose(client: Client, slug: str, *, tz: str = "Europe/London") -> Any:
    """The first time offered on the service page (its first day with times), in ``tz``."""
    page = client.get(f"/services/{slug}/", {"tz": tz})
    key = slot_buttons(page)[0]["key"]
    return client.post(f"/services/{slug}/choose/", {"slot": key, "tz": tz}, follow=True)


def _status(client: Client, *, pay: str | None = None) -> Any:
    answer = submit(client)
    if pay is None:
        return follow_to(client, answer)
    checkout = follow_to(client, answer)
    return status_after(client, hosted_checkout_action(client, checkout, pay))


def test_browsing_pages(client: Client, sandbox: Sandbox) -> None:
    slugs = (
        "deep-tissue-massage",
        "wellbeing-consultation",
        "hot-stone-massage",
        "corporate-wellbeing-morning",
        "vinyasa-flow",
        "family-yoga",
        "mindfulness-foundations-6-weeks",
    )
    pages: dict[str, Any] = {"services": client.get("/")}
    for kind in ("appointment", "class", "course"):
        pages[f"services ?type={kind}"] = client.get("/", {"type": kind})
    for slug in slugs:
        pages[slug] = client.get(f"/services/{slug}/")
        assert pages[slug].status_code == 200, slug
    massage = "/services/deep-tissue-massage/"
    pages["calendar, a far month"] = client.get(massage, {"month": "2027-06"})
    pages["calendar, New York"] = client.get(massage, {"tz": "America/New_York", "date": DAY})
    pages["calendar, one staff"] = client.get(massage, {"staff": "nobody", "date": DAY})
    pages["calendar, htmx"] = client.get(
        massage, {"date": DAY}, headers={"HX-Request": "true", "HX-Target": "calendar"}
    )
    pages["calendar, deep link notes"] = client.get(massage, {"date": "1999-01-01", "tz": "Mars"})
    check(pages)


def test_details_and_review_pages(client: Client, sandbox: Sandbox) -> None:
    pages: dict[str, Any] = {}
    for slug in (
        "deep-tissue-massage",
        "vinyasa-flow",
        "family-yoga",
        "corporate-wellbeing-morning",
    ):
        pages[f"details {slug}"] = _choose(client, slug, tz="America/New_York")
        pages[f"details {slug} errors"] = client.post(
            "/book/details/", {"email": "x", "phone": "?", "participants": ""}
        )
        pages[f"details {slug} htmx errors"] = client.post(
            "/book/details/", {"email": "x"}, headers={"HX-Request": "true"}
        )
    course = client.post("/services/mindfulness-foundations-6-weeks/book-course/", follow=True)
    pages["details course"] = course
    pages["review course"] = fill_details(client)
    for slug, extra in (
        ("deep-tissue-massage", {"payment_option": "ONLINE"}),
        ("hot-stone-massage", {"payment_option": "OFFLINE"}),
        ("wellbeing-consultation", {}),
        ("corporate-wellbeing-morning", {}),
    ):
        _choose(client, slug, tz="Asia/Tokyo")
        pages[f"review {slug}"] = fill_details(client, **extra)
    _choose(client, "family-yoga")
    pages["review variants"] = client.post(
        "/book/details/", {**CONTACT, "variant_0": "1", "variant_1": "2"}, follow=True
    )
    pages["slot taken"] = client.get("/book/slot-taken/", {"reason": "slot_taken"})
    pages["processing"] = render_to_string(
        "booking/processing.html", request=RequestFactory().get("/")
    )
    pages["checkout handoff (framed)"] = render_to_string(
        "booking/handoff.html",
        {"continue_url": "/embed/continue/"},
        request=RequestFactory().get("/"),
    )
    check(pages)


def test_confirmation_variants(client: Client, sandbox: Sandbox) -> None:
    pages: dict[str, Any] = {}
    cases = (
        ("paid", "deep-tissue-massage", {"payment_option": "ONLINE"}, "Pay"),
        ("unpaid", "deep-tissue-massage", {"payment_option": "ONLINE"}, "Cancel"),
        ("pending", "hot-stone-massage", {"payment_option": "OFFLINE"}, None),
        ("free", "wellbeing-consultation", {}, None),
        ("price on request", "corporate-wellbeing-morning", {}, None),
        ("pay at venue", "deep-tissue-massage", {"payment_option": "OFFLINE"}, None),
    )
    for name, slug, extra, pay in cases:
        one = Client()
        _choose(one, slug, tz="America/New_York")
        fill_details(one, **extra)
        pages[name] = _status(one, pay=pay)
        assert pages[name].status_code == 200, name
    course = Client()
    course.post("/services/mindfulness-foundations-6-weeks/book-course/")
    fill_details(course)
    pages["course"] = _status(course, pay="Pay")
    classes = Client()
    _choose(classes, "family-yoga")
    classes.post("/book/details/", {**CONTACT, "variant_0": "1", "variant_1": "1"})
    pages["class with variants"] = _status(classes, pay="Pay")

    declined = Client()
    _choose(declined, "hot-stone-massage")
    fill_details(declined, payment_option="OFFLINE")
    status = _status(declined)
    booking_id = Submission.objects.exclude(booking_id="").latest("created_at").booking_id
    with sandbox._lock:  # as if the business declined it in Wix's dashboard
        sandbox._state.bookings[booking_id].doc["status"] = "DECLINED"
    cache.clear()  # the status read is cached for a moment
    pages["declined"] = declined.get(status.wsgi_request.get_full_path())
    assert "Booking declined" in pages["declined"].content.decode()
    sandbox.inject_faults(kind="503", rate=1.0, endpoints=["extended_bookings.query"])
    unchecked = Client()
    _choose(unchecked, "wellbeing-consultation")
    fill_details(unchecked)
    pages["unchecked"] = _status(unchecked)
    sandbox.clear_faults()
    check(pages)


def test_manage_pages(client: Client, sandbox: Sandbox) -> None:
    pages: dict[str, Any] = {}
    for slug in ("deep-tissue-massage", "corporate-wellbeing-morning", "wellbeing-consultation"):
        one = Client()
        url = manage_link(book(one, slug, DAY, tz="America/New_York"))
        pages[f"manage {slug}"] = one.get(url)
        pages[f"cancel {slug}"] = one.get(url + "cancel/")
        pages[f"reschedule {slug}"] = one.get(url + "reschedule/", {"date": "2026-12-10"})
        pages[f"rescheduled {slug}"] = one.get(url, {"done": "rescheduled"})
        if slug == "wellbeing-consultation":
            revision = BeautifulSoup(pages[f"cancel {slug}"].content, "html.parser").select_one(
                "input[name=revision]"
            )["value"]
            done = one.post(url + "cancel/", {"revision": revision})
            pages["cancelled"] = one.get(done["Location"])
    pages["manage unknown"] = client.get("/manage/not-a-token/")
    check(pages)


def test_customer_error_messages() -> None:
    """Every message a customer may be shown for a failed booking step (the owner's and the
    set-up ones speak to staff)."""
    staff_only = ("owner_", "admin_")
    check(
        {
            code: f"<p>{message}</p>"
            for code, message in MESSAGES.items()
            if not code.startswith(staff_only)
        }
    )


@override_settings(DEBUG=False)
def test_error_and_limit_pages(client: Client, sandbox: Sandbox) -> None:
    request = RequestFactory().get("/")
    pages: dict[str, Any] = {
        "404": client.get("/no-such-page/"),
        "service gone": client.get("/services/no-such-service/"),
        "csrf": Client(enforce_csrf_checks=True).post("/book/submit/"),
        "403": defaults.permission_denied(request, PermissionDenied()),
        "500": defaults.server_error(request),
        "rate limited": render_to_string("rate_limited.html", {"retry_after": 30}, request=request),
        "unavailable": render_to_string("unavailable.html", {"retry_after": 5, "retry_url": "/"}),
    }
    sandbox.inject_faults(kind="503", rate=1.0, endpoints=["services.query"])
    pages["wix down"] = Client().get("/services/deep-tissue-massage/?nocache=1")
    sandbox.clear_faults()
    check(pages)


def test_owner_pages(client: Client, sandbox: Sandbox) -> None:
    staff = User.objects.create_user("desk", password="a-long-test-passphrase", is_staff=True)
    client.force_login(staff)
    pages: dict[str, Any] = {
        "owner home": client.get("/owner/"),
        "owner links": client.get("/owner/links/"),
        "owner book": client.get("/owner/book/"),
        "owner day": client.get("/owner/book/service/deep-tissue-massage/", {"date": DAY}),
    }
    day = pages["owner day"]
    key = BeautifulSoup(day.content, "html.parser").select_one("button[name=slot]")["value"]
    client.post("/owner/book/service/deep-tissue-massage/slot/", {"slot": key})
    pages["owner details"] = client.get("/owner/book/details/")
    pages["owner details errors"] = client.post("/owner/book/details/", {"email": "x"})
    for payment in ("link", "in_person", "free"):
        data = {**CONTACT, "participants": 1, "payment": payment}
        saved = client.post("/owner/book/details/", data)
        if saved.status_code != 302:
            continue  # a choice this service doesn't offer
        pages[f"owner review {payment}"] = client.get("/owner/book/review/")
    result = client.post("/owner/book/submit/")
    assert result.status_code == 302, result.content[:500]
    pages["owner result"] = client.get(result["Location"])
    check(pages, customer=False)
