"""Create Booking: the happy paths and every documented error (docs/wix-contract.md §6, §17.6)."""

from __future__ import annotations

import threading
from typing import Any

import httpx
import pytest

from wix_sandbox import Sandbox

from .conftest import HOLDING, app_code, appointment_slot, booking_body, create_booking, event_ids

PATH = "/bookings/v2/bookings"


def _class_entity(api: httpx.Client, headers: dict[str, str], sandbox: Sandbox, n: int = 0) -> dict:
    service = sandbox.demo.service("yoga")
    return {"slot": {"serviceId": service, "eventId": event_ids(api, headers, service)[n]}}


def _course_entity(sandbox: Sandbox) -> dict[str, Any]:
    return {"schedule": {"scheduleId": sandbox.demo.schedule("mindfulness")}}


def test_appointment_booking_is_created(
    api: httpx.Client, visitor: dict[str, str], sandbox: Sandbox
) -> None:
    response = create_booking(
        api, visitor, {"slot": appointment_slot(sandbox)}, externalUserId="django-1"
    )

    booking = response.json()["booking"]
    assert response.status_code == 200
    assert booking["status"] == "CREATED"
    assert booking["paymentStatus"] == "UNDEFINED"
    assert booking["revision"] == "1"
    assert booking["startDate"] == "2026-03-02T10:00:00.000Z"
    assert booking["endDate"] == "2026-03-02T11:00:00.000Z"
    assert booking["totalParticipants"] == 1
    assert booking["selectedPaymentOption"] == "ONLINE"
    assert booking["externalUserId"] == "django-1"
    assert booking["bookedEntity"]["title"] == "Deep tissue massage"
    assert booking["bookedEntity"]["tags"] == ["INDIVIDUAL"]
    assert booking["bookedEntity"]["slot"]["resource"]["name"] == "Maya Okafor"
    assert booking["bookedEntity"]["slot"]["location"]["locationType"] == "OWNER_BUSINESS"
    assert booking["contactDetails"]["contactId"]
    assert booking["createdBy"]["anonymousVisitorId"]
    assert sandbox.bookings()[-1] == booking


def test_same_email_same_contact(
    api: httpx.Client, visitor: dict[str, str], sandbox: Sandbox
) -> None:
    one = create_booking(api, visitor, {"slot": appointment_slot(sandbox)}).json()["booking"]
    two = create_booking(
        api,
        visitor,
        {"slot": appointment_slot(sandbox, start="2026-03-02T12:00:00", end="2026-03-02T13:00:00")},
        email="Ann.Lee@example.com",
    ).json()["booking"]

    assert one["contactDetails"]["contactId"] == two["contactDetails"]["contactId"]
    assert one["createdBy"] == two["createdBy"]


@HOLDING
def test_any_staff_assigns_a_free_staff_member(
    api: httpx.Client, visitor: dict[str, str], sandbox: Sandbox
) -> None:
    first = create_booking(api, visitor, {"slot": appointment_slot(sandbox, staff=None)})
    second = create_booking(api, visitor, {"slot": appointment_slot(sandbox, staff=None)})
    third = create_booking(api, visitor, {"slot": appointment_slot(sandbox, staff=None)})

    names = [
        r.json()["booking"]["bookedEntity"]["slot"]["resource"]["name"] for r in (first, second)
    ]
    assert names == ["Maya Okafor", "Priya Shah"]
    assert third.status_code == 428
    assert app_code(third) == "SLOT_NOT_AVAILABLE"


def test_class_booking_derives_time_staff_and_location(
    api: httpx.Client, visitor: dict[str, str], sandbox: Sandbox
) -> None:
    entity = _class_entity(api, visitor, sandbox, 1)
    entity["slot"]["startDate"] = "1999-01-01T00:00:00"  # ignored: the event decides

    booking = create_booking(api, visitor, entity, participants=2).json()["booking"]

    assert booking["startDate"] == "2026-03-07T09:30:00.000Z"
    assert booking["bookedEntity"]["slot"]["resource"]["id"] == sandbox.demo.staff("leo")
    assert booking["bookedEntity"]["slot"]["location"]["name"] == "Fernleigh Islington"
    assert booking["bookedEntity"]["tags"] == ["GROUP"]


def test_course_booking_spans_the_course(
    api: httpx.Client, visitor: dict[str, str], sandbox: Sandbox
) -> None:
    booking = create_booking(api, visitor, _course_entity(sandbox), participants=2).json()[
        "booking"
    ]

    assert booking["startDate"] == "2026-03-12T19:00:00.000Z"
    assert booking["endDate"] == "2026-04-16T19:30:00.000Z"
    assert booking["bookedEntity"]["schedule"]["serviceId"] == sandbox.demo.service("mindfulness")
    assert booking["bookedEntity"]["tags"] == ["COURSE"]


def test_variant_booking(api: httpx.Client, visitor: dict[str, str], sandbox: Sandbox) -> None:
    service = sandbox.demo.service("family_yoga")
    option = sandbox.demo.option("family_yoga")
    choices = {
        "serviceChoices": [
            {"numberOfParticipants": 2, "choices": [{"optionId": option, "custom": "Adult"}]},
            {"numberOfParticipants": 1, "choices": [{"optionId": option, "custom": "Child"}]},
        ]
    }
    entity = {"slot": {"serviceId": service, "eventId": event_ids(api, visitor, service)[0]}}

    response = create_booking(api, visitor, entity, participants=None, participantsChoices=choices)

    assert response.status_code == 200
    assert response.json()["booking"]["participantsChoices"] == choices


def _violation(response: httpx.Response) -> dict[str, Any]:
    return dict(response.json()["details"]["validationError"]["fieldViolations"][0])


def test_business_location_type_is_rejected(
    api: httpx.Client, visitor: dict[str, str], sandbox: Sandbox
) -> None:
    slot = appointment_slot(sandbox)
    slot["location"]["locationType"] = "BUSINESS"

    response = create_booking(api, visitor, {"slot": slot})

    assert response.status_code == 400
    assert _violation(response)["field"] == "booking.bookedEntity.slot.location.locationType"
    assert _violation(response)["description"] == (
        "enum must be in [UNDEFINED, OWNER_BUSINESS, OWNER_CUSTOM, CUSTOM]"
    )


def test_missing_slot_fields_are_listed(
    api: httpx.Client, visitor: dict[str, str], sandbox: Sandbox
) -> None:
    slot = {"serviceId": sandbox.demo.service("massage"), "startDate": "2026-03-02T10:00:00"}

    response = create_booking(api, visitor, {"slot": slot})

    # VALIDATION_FAILURE is 428 on the Create Booking page (§6.4; [S][F] saw 400).
    assert response.status_code == 428
    assert app_code(response) == "VALIDATION_FAILURE"
    assert response.json()["details"]["applicationError"]["data"]["fields"] == [
        "booking.bookedEntity.slot.scheduleId",
        "booking.bookedEntity.slot.endDate",
        "booking.bookedEntity.slot.timezone",
        "booking.bookedEntity.slot.resource.id",
        "booking.bookedEntity.slot.location.locationType",
    ]


def test_slot_for_a_course_is_refused(
    api: httpx.Client, visitor: dict[str, str], sandbox: Sandbox
) -> None:
    slot = {"serviceId": sandbox.demo.service("mindfulness"), "eventId": "x" * 36}

    response = create_booking(api, visitor, {"slot": slot})

    assert (response.status_code, app_code(response)) == (428, "VALIDATION_FAILURE")
    assert response.json()["message"] == "Slot bookings are not allowed for course services"


@pytest.mark.parametrize("extra", [{"participantsChoices": {"serviceChoices": []}}, {}])
def test_exactly_one_participants_field(
    api: httpx.Client, visitor: dict[str, str], sandbox: Sandbox, extra: dict
) -> None:
    participants = 1 if extra else None

    response = create_booking(
        api, visitor, {"slot": appointment_slot(sandbox)}, participants=participants, **extra
    )

    assert response.status_code == 428
    assert app_code(response) == "VALIDATION_FAILURE"


def test_participants_over_the_policy_maximum_is_428(
    api: httpx.Client, visitor: dict[str, str], sandbox: Sandbox
) -> None:
    response = create_booking(api, visitor, _class_entity(api, visitor, sandbox, 1), participants=5)

    assert response.status_code == 428
    assert response.json()["details"]["applicationError"]["data"] == {
        "maxParticipantsPerBooking": 4
    }


@pytest.mark.parametrize(
    "choice",
    [{"optionId": "wrong", "custom": "Adult"}, {"custom": "Senior"}],
)
def test_unknown_variant_choice_is_428(
    api: httpx.Client, visitor: dict[str, str], sandbox: Sandbox, choice: dict
) -> None:
    service = sandbox.demo.service("family_yoga")
    choice = {"optionId": sandbox.demo.option("family_yoga"), **choice}
    entity = {"slot": {"serviceId": service, "eventId": event_ids(api, visitor, service)[0]}}
    choices = {"serviceChoices": [{"numberOfParticipants": 1, "choices": [choice]}]}

    response = create_booking(api, visitor, entity, participants=None, participantsChoices=choices)

    assert response.status_code == 428
    assert app_code(response) == "INVALID_SERVICE_CHOICES"


def test_choices_for_a_service_without_variants_is_400(
    api: httpx.Client, visitor: dict[str, str], sandbox: Sandbox
) -> None:
    choices = {"serviceChoices": [{"numberOfParticipants": 1, "choices": [{"custom": "Adult"}]}]}

    response = create_booking(
        api,
        visitor,
        {"slot": appointment_slot(sandbox)},
        participants=None,
        participantsChoices=choices,
    )

    assert app_code(response) == "INVALID_SERVICE_CHOICES"


@pytest.mark.parametrize(
    ("changes", "why"),
    [
        ({"start": "2026-03-03T10:00:00", "end": "2026-03-03T11:00:00"}, "seeded booking"),
        ({"staff": "leo"}, "not assigned to the service"),
        ({"start": "2026-03-02T10:15:00", "end": "2026-03-02T11:15:00"}, "not an offered start"),
        ({"start": "2026-03-02T10:00:00", "end": "2026-03-02T10:45:00"}, "wrong end"),
        ({"location": "richmond"}, "Maya is in Islington on Mondays"),
        ({"start": "2026-03-01T10:00:00", "end": "2026-03-01T11:00:00"}, "in the past"),
    ],
)
def test_unavailable_slot_is_428(
    api: httpx.Client, visitor: dict[str, str], sandbox: Sandbox, changes: dict, why: str
) -> None:
    response = create_booking(api, visitor, {"slot": appointment_slot(sandbox, **changes)})

    assert response.status_code == 428, why
    assert app_code(response) == "SLOT_NOT_AVAILABLE"


def test_multi_location_slot_without_location_id_is_428(
    api: httpx.Client, visitor: dict[str, str], sandbox: Sandbox
) -> None:
    slot = appointment_slot(sandbox)
    slot["location"] = {"locationType": "OWNER_BUSINESS"}

    assert app_code(create_booking(api, visitor, {"slot": slot})) == "SLOT_NOT_AVAILABLE"


def test_full_class_session_is_428(
    api: httpx.Client, visitor: dict[str, str], sandbox: Sandbox
) -> None:
    response = create_booking(api, visitor, _class_entity(api, visitor, sandbox), participants=2)

    assert response.status_code == 428
    assert app_code(response) == "SESSION_CAPACITY_EXCEEDED"


@HOLDING
def test_full_course_is_428(api: httpx.Client, visitor: dict[str, str], sandbox: Sandbox) -> None:
    for email in ("a@example.com", "b@example.com"):
        created = create_booking(api, visitor, _course_entity(sandbox), participants=2, email=email)
        assert created.status_code == 200

    response = create_booking(api, visitor, _course_entity(sandbox))

    assert response.status_code == 428
    assert app_code(response) == "SCHEDULE_CAPACITY_EXCEEDED"


def test_unknown_schedule_is_428(api: httpx.Client, visitor: dict[str, str]) -> None:
    response = create_booking(api, visitor, {"schedule": {"scheduleId": "nope"}})

    assert response.status_code == 428
    assert app_code(response) == "SCHEDULE_NOT_FOUND"


def test_policy_window_is_403_unless_skipped_with_api_key(
    api: httpx.Client, visitor: dict[str, str], admin: dict[str, str], sandbox: Sandbox
) -> None:
    slot = appointment_slot(sandbox, start="2026-03-02T09:00:00", end="2026-03-02T10:00:00")
    skip = {"flowControlSettings": {"skipAvailabilityValidation": True}}

    too_late = create_booking(api, visitor, {"slot": slot})
    as_admin = api.post(PATH, json=booking_body({"slot": slot}) | skip, headers=admin)

    assert too_late.status_code == 403
    assert app_code(too_late) == "BOOKING_POLICY_VIOLATION"
    assert too_late.json()["details"]["applicationError"]["data"]["tooLateToBook"] is True
    assert as_admin.status_code == 200


def test_too_early_is_428(api: httpx.Client, visitor: dict[str, str], sandbox: Sandbox) -> None:
    slot = appointment_slot(sandbox, start="2026-04-06T10:00:00", end="2026-04-06T11:00:00")

    assert app_code(create_booking(api, visitor, {"slot": slot})) == "BOOKING_POLICY_VIOLATION"


def test_unknown_event_is_428(api: httpx.Client, visitor: dict[str, str], sandbox: Sandbox) -> None:
    entity = {"slot": {"serviceId": sandbox.demo.service("yoga"), "eventId": "f" * 36}}

    response = create_booking(api, visitor, entity)

    assert response.status_code == 428
    assert app_code(response) == "SESSION_NOT_FOUND"


@pytest.mark.parametrize(
    "extra",
    [
        {"booking_status": "CONFIRMED"},
        {"flowControlSettings": {"skipAvailabilityValidation": True}},
    ],
)
def test_visitor_cannot_confirm_or_skip_checks(
    api: httpx.Client, visitor: dict[str, str], sandbox: Sandbox, extra: dict
) -> None:
    body = booking_body({"slot": appointment_slot(sandbox)})
    if "booking_status" in extra:
        body["booking"]["status"] = extra["booking_status"]
    else:
        body |= extra

    response = api.post(PATH, json=body, headers=visitor)

    assert response.status_code == 403
    assert app_code(response) == "UNAUTHORIZED_OPERATION"


def test_api_key_may_create_confirmed(
    api: httpx.Client, admin: dict[str, str], sandbox: Sandbox
) -> None:
    body = booking_body({"slot": appointment_slot(sandbox)})
    body["booking"]["status"] = "CONFIRMED"

    booking = api.post(PATH, json=body, headers=admin).json()["booking"]

    assert booking["status"] == "CONFIRMED"
    assert "anonymousVisitorId" not in booking["createdBy"]


def test_payment_option_must_be_allowed(
    api: httpx.Client, visitor: dict[str, str], sandbox: Sandbox
) -> None:
    offline = create_booking(api, visitor, {"slot": appointment_slot(sandbox)}, option="OFFLINE")
    # No plan pays for the consultation (the demo's plans cover yoga and massage).
    membership = create_booking(
        api,
        visitor,
        {"slot": appointment_slot(sandbox, service="consultation")},
        option="MEMBERSHIP",
    )
    bogus = create_booking(api, visitor, {"slot": appointment_slot(sandbox)}, option="CASH")

    assert (offline.status_code, membership.status_code) == (428, 428)  # VALIDATION_FAILURE
    assert bogus.status_code == 400  # an enum violation: a validationError
    assert _violation(bogus)["field"] == "booking.selectedPaymentOption"


def test_contact_email_is_required_and_checked(
    api: httpx.Client, visitor: dict[str, str], sandbox: Sandbox
) -> None:
    body = booking_body({"slot": appointment_slot(sandbox)}, email="not-an-email")

    response = api.post(PATH, json=body, headers=visitor)

    assert response.status_code == 400
    assert _violation(response)["field"] == "booking.contactDetails.email"


def test_form_submission_fills_contact_details(
    api: httpx.Client, visitor: dict[str, str], sandbox: Sandbox
) -> None:
    body = booking_body({"slot": appointment_slot(sandbox)})
    # As Wix asks: formSubmission, and no contact details beside it but the contactId (§25).
    del body["booking"]["contactDetails"]
    body["formSubmission"] = {"first_name": "Bea", "last_name": "Ng", "email": "bea@example.com"}

    booking = api.post(PATH, json=body, headers=visitor).json()["booking"]

    assert booking["contactDetails"]["firstName"] == "Bea"
    assert booking["contactDetails"]["email"] == "bea@example.com"


def test_contact_details_that_disagree_with_the_form_submission_conflict(
    api: httpx.Client, visitor: dict[str, str], sandbox: Sandbox
) -> None:
    body = booking_body({"slot": appointment_slot(sandbox)})  # contactDetails for Ann
    body["formSubmission"] = {"first_name": "Bea", "last_name": "Ng", "email": "bea@example.com"}

    response = api.post(PATH, json=body, headers=visitor)

    assert (response.status_code, app_code(response)) == (400, "CONTACT_DETAILS_CONFLICT")


def test_unknown_fields_are_ignored_and_alias_works(
    api: httpx.Client, visitor: dict[str, str], sandbox: Sandbox
) -> None:
    body = booking_body({"slot": appointment_slot(sandbox)}, somethingNew=True)
    body["participantNotification"] = {"notifyParticipants": True}

    response = api.post("/_api/bookings-service/v2/bookings", json=body, headers=visitor)

    assert response.status_code == 200


@HOLDING
def test_concurrent_creates_for_the_last_place_book_exactly_one(
    sandbox: Sandbox, visitor: dict[str, str], api: httpx.Client
) -> None:
    entity = _class_entity(api, visitor, sandbox)
    results: list[int] = []
    lock = threading.Lock()

    def book(n: int) -> None:
        transport = httpx.WSGITransport(app=sandbox.app)
        with httpx.Client(transport=transport, base_url="https://www.wixapis.com") as client:
            response = create_booking(client, visitor, entity, email=f"guest{n}@example.com")
        with lock:
            results.append(response.status_code)

    threads = [threading.Thread(target=book, args=(n,)) for n in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(results) == [200] + [428] * 19


def test_created_bookings_do_not_block_when_configured(clock: Any) -> None:
    sandbox = Sandbox(clock=clock, created_blocks=False)
    transport = httpx.WSGITransport(app=sandbox.app)
    with httpx.Client(transport=transport, base_url="https://www.wixapis.com") as api:
        headers = {"Authorization": sandbox.api_key, "wix-site-id": sandbox.site_id}
        first = create_booking(api, headers, {"slot": appointment_slot(sandbox)})
        second = create_booking(api, headers, {"slot": appointment_slot(sandbox)})

    assert (first.status_code, second.status_code) == (200, 200)


def test_the_legacy_switch_brings_back_the_old_statuses(
    api: httpx.Client, visitor: dict[str, str], sandbox: Sandbox
) -> None:
    late = appointment_slot(sandbox, start="2026-03-02T09:00:00", end="2026-03-02T10:00:00")
    sandbox.set_legacy("create_booking_statuses")

    policy = create_booking(api, visitor, {"slot": late})
    schedule = create_booking(api, visitor, {"schedule": {"scheduleId": "nope"}})
    sandbox.reset()
    documented = create_booking(api, visitor, {"schedule": {"scheduleId": "nope"}})

    assert (policy.status_code, app_code(policy)) == (428, "BOOKING_POLICY_VIOLATION")
    assert (schedule.status_code, app_code(schedule)) == (404, "SCHEDULE_NOT_FOUND")
    assert documented.status_code == 428
