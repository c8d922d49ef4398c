"""The funnel as data: step order, the first incomplete step, and the step guard's redirects."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.messages import get_messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.contrib.sessions.backends.cache import SessionStore
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory
from django_htmx.middleware import HtmxDetails

from booking_site.flow import STEPS, first_incomplete_step, requires_step
from booking_site.session import SESSION_KEY, BookingDraft, ChosenSlot, Contact

SLOT = ChosenSlot("svc-massage", "2026-12-09T10:00:00", "2026-12-09T11:00:00", "Europe/London")
CONTACT = Contact("Ann", "Lee", "ann@example.com")
CHOSEN = BookingDraft(
    service_id="svc-massage", service_slug="deep-tissue-massage", service_type="APPOINTMENT"
)
TIMED = CHOSEN.with_changes(slot=SLOT)
DETAILED = TIMED.with_changes(contact=CONTACT, participants=1, payment_option="ONLINE")
COURSE = BookingDraft(service_id="svc-course", service_slug="pottery", service_type="COURSE")


def test_steps_run_service_slot_details_review() -> None:
    assert [step.name for step in STEPS] == ["service", "slot", "details", "review"]


@pytest.mark.parametrize(
    ("draft", "step"),
    [
        (BookingDraft(), "service"),
        (BookingDraft(service_id="svc-massage"), "service"),  # no slug: no page to return to
        (CHOSEN, "slot"),
        (CHOSEN.with_changes(slot=ChosenSlot("svc-yoga", "a", "b", "UTC")), "slot"),
        (TIMED, "details"),
        (TIMED.with_changes(contact=CONTACT, participants=1), "details"),  # no payment choice
        (TIMED.with_changes(contact=CONTACT, payment_option="ONLINE"), "details"),  # nobody
        (
            TIMED.with_changes(contact=CONTACT, variant_counts={}, payment_option="ONLINE"),
            "details",
        ),
        (
            TIMED.with_changes(
                contact=CONTACT, variant_counts={"Adult": 1}, payment_option="OFFLINE"
            ),
            "review",
        ),
        (DETAILED, "review"),
        (COURSE, "details"),  # a course has no slot to choose
        (COURSE.with_changes(contact=CONTACT, participants=2, payment_option="OFFLINE"), "review"),
    ],
    ids=[
        "empty",
        "service-without-slug",
        "service-chosen",
        "slot-of-another-service",
        "slot-chosen",
        "no-payment-option",
        "no-participants",
        "empty-variant-counts",
        "variant-counts",
        "details-done",
        "course",
        "course-details-done",
    ],
)
def test_first_incomplete_step(draft: BookingDraft, step: str) -> None:
    assert first_incomplete_step(draft).name == step


def _request(stored: Any = None, *, htmx: bool = False) -> HttpRequest:
    headers = {"HX-Request": "true"} if htmx else {}
    request = RequestFactory().get("/book/review/", headers=headers)
    request.session = SessionStore()  # the cache backend: no database needed
    if stored is not None:
        request.session[SESSION_KEY] = stored
    request._messages = CookieStorage(request)  # type: ignore[attr-defined]
    request.htmx = HtmxDetails(request)  # type: ignore[attr-defined]
    return request


@requires_step("review")
def _review(request: HttpRequest, draft: BookingDraft, extra: str = "") -> HttpResponse:
    return HttpResponse(f"review {draft.ref} {extra}")


@pytest.mark.parametrize(
    ("draft", "location"),
    [
        (BookingDraft(), "/"),
        (CHOSEN, "/services/deep-tissue-massage/"),
        (TIMED, "/book/details/"),
        (COURSE, "/book/details/"),
    ],
    ids=["to-services", "to-the-calendar", "to-details", "course-to-details"],
)
def test_guard_redirects_to_the_first_incomplete_step(draft: BookingDraft, location: str) -> None:
    response = _review(_request(draft.to_json()))

    assert (response.status_code, response["Location"]) == (302, location)


def test_guard_answers_htmx_with_a_whole_page_redirect() -> None:
    response = _review(_request(CHOSEN.to_json(), htmx=True))

    assert response.status_code == 200
    assert response["HX-Redirect"] == "/services/deep-tissue-massage/"
    assert not response.has_header("Location")


def test_guard_calls_the_view_with_the_draft_once_earlier_steps_are_done() -> None:
    response = _review(_request(DETAILED.to_json()), "x")

    assert response.content.decode() == f"review {DETAILED.ref} x"


def test_guard_replaces_a_corrupt_draft_and_tells_the_customer() -> None:
    request = _request({"version": 3, "ref": 42})

    response = _review(request)

    assert response["Location"] == "/"
    assert [str(m) for m in get_messages(request)] == [
        "Your booking session expired, so we started a fresh one."
    ]
    assert BookingDraft.from_json(request.session[SESSION_KEY]).service_id is None


def test_guard_on_the_first_step_always_calls_the_view() -> None:
    @requires_step("service")
    def services(request: HttpRequest, draft: BookingDraft) -> HttpResponse:
        return HttpResponse("services")

    assert services(_request()).content == b"services"


def test_guard_for_an_unknown_step_fails_at_import_time() -> None:
    with pytest.raises(KeyError):
        requires_step("payment")
