"""Bookings Writer V2 API: create, and the admin-only confirm/decline/cancel."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from booking_site.wix.callers import Identity
from booking_site.wix.constants import STAFF_RESOURCE_TYPE_ID
from booking_site.wix.models._parse import obj
from booking_site.wix.models.bookings import Booking, ContactDetails
from booking_site.wix.models.form_schemas import FormAnswer
from booking_site.wix.models.services import Service
from booking_site.wix.models.slots import TimeSlot
from booking_site.wix.models.variants import Variant
from booking_site.wix.resources._base import Resource, segment

BASE = "/bookings/v2/bookings"


class BookingsAPI(Resource):
    """Create bookings (visitor or key) and move them through their lifecycle (key only)."""

    def create(
        self,
        *,
        slot: TimeSlot | None = None,
        course: Service | None = None,
        time_zone: str | None = None,
        contact: ContactDetails,
        total_participants: int | None = None,
        participant_choices: Sequence[tuple[Variant, int]] | None = None,
        payment_option: str,
        deposit_selected: bool | None = None,
        external_user_id: str | None = None,
        staff_id: str | None = None,
        notify: bool = True,
        send_sms_reminder: bool = False,
        skip_availability_validation: bool = False,
        status: str | None = None,
        form_submission: Mapping[str, FormAnswer] | None = None,
    ) -> Booking:
        """Create a booking for an appointment/class slot or a whole course (status CREATED).

        ``participant_choices`` pairs variants with counts, each sent as its option type's
        choice (``Variant.booking_choice``); ``deposit_selected`` is ``depositSelected``, sent
        only for a service with a deposit (docs/wix-contract.md §19.2, §21.2).

        With ``form_submission`` (the booking form's answers by ``target``, contact fields
        included) Wix fills the contact from it, so only ``contact.contact_id`` is sent beside
        it: other contact details could conflict (``CONTACT_DETAILS_CONFLICT``, §25).

        https://dev.wix.com/docs/api-reference/business-solutions/bookings/bookings/bookings-writer-v2/create-booking
        """
        if (slot is None) == (course is None):
            raise ValueError("pass exactly one of slot and course")
        if (total_participants is None) == (participant_choices is None):
            raise ValueError("pass exactly one of total_participants and participant_choices")
        if (total_participants is not None and total_participants < 1) or (
            participant_choices is not None
            and (not participant_choices or any(n < 1 for _, n in participant_choices))
        ):
            raise ValueError("a booking needs at least one participant")
        booking: dict[str, Any] = {
            "bookedEntity": (
                _slot_entity(slot, staff_id) if slot else _course_entity(course, time_zone)
            ),
        }
        if form_submission is None:
            booking["contactDetails"] = contact.to_api()
        elif contact.contact_id:
            booking["contactDetails"] = {"contactId": contact.contact_id}
        if total_participants is not None:
            booking["totalParticipants"] = total_participants
        else:
            booking["participantsChoices"] = {
                "serviceChoices": [
                    {
                        "numberOfParticipants": count,
                        "choices": [variant.booking_choice()],
                    }
                    for variant, count in participant_choices or ()
                ]
            }
        booking["selectedPaymentOption"] = payment_option
        if deposit_selected is not None:
            booking["depositSelected"] = deposit_selected
        if external_user_id:
            booking["externalUserId"] = external_user_id
        if status:
            booking["status"] = status
        body: dict[str, Any] = {
            "booking": booking,
            "participantNotification": {"notifyParticipants": notify},
            "sendSmsReminder": send_sms_reminder,
        }
        if form_submission is not None:
            body["formSubmission"] = dict(form_submission)
        if skip_availability_validation:
            body["flowControlSettings"] = {"skipAvailabilityValidation": True}
        # Never retried after a 5xx/timeout: there is no idempotency key
        # (docs/wix-contract.md §14.4), so a repeat could create a second booking. Callers look it
        # up by external_user_id instead.
        return self._booking("POST", BASE, body, identity="visitor")

    def confirm(
        self, *, booking_id: str, revision: str, payment_status: str, notify: bool = True
    ) -> Booking:
        """Confirm a booking without re-checking availability (API key only).

        https://dev.wix.com/docs/api-reference/business-solutions/bookings/handle-payments-with-a-custom-checkout
        """
        body = {
            "revision": revision,
            "paymentStatus": payment_status,
            "participantNotification": {"notifyParticipants": notify},
        }
        return self._booking("POST", f"{BASE}/{segment(booking_id)}/confirm", body)

    def confirm_or_decline(self, *, booking_id: str, payment_status: str) -> Booking:
        """Confirm, or decline on a double booking, after a custom checkout (API key only).

        https://dev.wix.com/docs/api-reference/business-solutions/bookings/handle-payments-with-a-custom-checkout
        """
        # The colon is literal in Wix's path; httpx leaves it unescaped.
        path = f"/bookings/v2/confirmation/{segment(booking_id)}:confirmOrDecline"
        return self._booking("POST", path, {"paymentStatus": payment_status})

    def decline(
        self, *, booking_id: str, revision: str, payment_status: str | None = None
    ) -> Booking:
        """Decline a CREATED/PENDING/WAITING_LIST booking (API key only).

        https://dev.wix.com/docs/api-reference/business-solutions/bookings/bookings/bookings-writer-v2/sample-flows
        """
        body: dict[str, Any] = {"revision": revision}
        if payment_status:
            body["paymentStatus"] = payment_status
        return self._booking("POST", f"{BASE}/{segment(booking_id)}/decline", body)

    def cancel(self, *, booking_id: str, revision: str, notify: bool = False) -> Booking:
        """Cancel a booking, bypassing the cancellation policy (API key only).

        https://dev.wix.com/docs/api-reference/business-solutions/bookings/bookings/bookings-writer-v2/sample-flows
        """
        body = {
            "revision": revision,
            "participantNotification": {"notifyParticipants": notify},
            # Abandoned bookings may sit inside the "no cancel" window and carry an unpaid order.
            "flowControlSettings": {
                "ignoreCancellationPolicy": True,
                "withRefund": False,
                "waiveCancellationFee": True,
            },
            "waiveCharges": True,
        }
        return self._booking("POST", f"{BASE}/{segment(booking_id)}/cancel", body)

    def reschedule(
        self,
        *,
        booking_id: str,
        slot: TimeSlot,
        revision: str,
        staff_id: str | None = None,
        ignore_policy: bool = False,
        notify: bool = True,
    ) -> Booking:
        """Reschedule a booking to ``slot`` (API key); ``ignore_policy`` is the owner override.

        https://dev.wix.com/docs/api-reference/business-solutions/bookings/bookings/bookings-writer-v2/reschedule-booking
        """
        body: dict[str, Any] = {
            "slot": v2_slot(slot, staff_id),
            "revision": revision,
            "participantNotification": {"notifyParticipants": notify},
        }
        if ignore_policy:
            body["flowControlSettings"] = {"ignoreReschedulePolicy": True}
        return self._booking("POST", f"{BASE}/{segment(booking_id)}/reschedule", body)

    def _booking(
        self, method: str, path: str, body: dict[str, Any], *, identity: Identity = "admin"
    ) -> Booking:
        response = self._caller.request(method, path, json=body, identity=identity, retry=False)
        return Booking.from_api(obj(response.get("booking")))


def v2_slot(slot: TimeSlot, staff_id: str | None) -> dict[str, Any]:
    """The ``V2Slot`` a reschedule sends: the same fields Create Booking copies (§27.2)."""
    return dict(_slot_entity(slot, staff_id)["slot"])


def _slot_entity(slot: TimeSlot, staff_id: str | None) -> dict[str, Any]:
    if slot.event_id:
        # Wix derives time, staff and location from the event and ignores anything else sent.
        return {"slot": {"serviceId": slot.service_id, "eventId": slot.event_id}, "tags": ["GROUP"]}
    entity: dict[str, Any] = {
        "serviceId": slot.service_id,
        "scheduleId": slot.schedule_id,
        # Verbatim local strings: converting them to UTC made Wix answer SLOT_NOT_AVAILABLE.
        "startDate": slot.local_start,
        "endDate": slot.local_end,
        "timezone": slot.time_zone,
    }
    if staff_id:
        names = {r.id: r.name for r in slot.resources}
        entity["resource"] = {"id": staff_id, "name": names.get(staff_id)}
    else:
        entity["resourceSelections"] = [
            {"resourceTypeId": STAFF_RESOURCE_TYPE_ID, "selectionMethod": "ANY_RESOURCE"}
        ]
    if slot.location is not None:
        entity["location"] = {
            "id": slot.location.id,
            "locationType": slot.location.booking_location_type,
        }
    return {"slot": _drop_none(entity), "tags": ["INDIVIDUAL"]}


def _course_entity(course: Service | None, time_zone: str | None) -> dict[str, Any]:
    if course is None or not course.schedule_id:
        raise ValueError("a course booking needs the course's schedule id")
    schedule = {"scheduleId": course.schedule_id, "serviceId": course.id, "timezone": time_zone}
    return {"schedule": _drop_none(schedule), "tags": ["COURSE"]}


def _drop_none(data: dict[str, Any]) -> dict[str, Any]:
    return {
        key: _drop_none(value) if isinstance(value, dict) else value
        for key, value in data.items()
        if value is not None
    }
