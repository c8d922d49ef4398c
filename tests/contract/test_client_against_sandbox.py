"""Contract tests: the real client against the sandbox, for every call the flows make.

Where the documented payloads (tests/fixtures/wix) describe the same situation, the same test
also runs against them, so the sandbox and the documentation are held to one contract.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from urllib.parse import urlsplit

import httpx
import pytest

from booking_site.wix import (
    ContactDetails,
    TimeSlot,
    VisitorTokens,
    WixBadRequest,
    WixClient,
    WixConfigurationError,
    WixConflict,
    WixForbidden,
    WixNotFound,
    WixPreconditionFailed,
)
from booking_site.wix.models.slots import SlotLocation
from tests.wix.fakes import FakeWix
from wix_sandbox import Sandbox

TODAY = date(2026, 12, 7)  # a Monday
ANN = ContactDetails(
    first_name="Ann", last_name="Lee", email="ann@example.com", phone=None, contact_id=None
)


class Clock:
    """One clock for the sandbox and the client, so token expiry agrees on both sides."""

    def __init__(self) -> None:
        self.now = datetime(2026, 12, 7, 8, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def epoch(self) -> float:
        return self.now.timestamp()


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def sandbox(clock: Clock) -> Sandbox:
    return Sandbox(clock=clock)


@pytest.fixture
def make_client(sandbox: Sandbox, clock: Clock) -> Iterator[Callable[..., WixClient]]:
    clients: list[WixClient] = []

    def build(*, api_key: bool = True, ecom_api: str = "cart") -> WixClient:
        client = WixClient(
            client_id=sandbox.client_id,
            api_key=sandbox.api_key if api_key else None,
            site_id=sandbox.site_id if api_key else None,
            ecom_api=ecom_api,
            transport=httpx.WSGITransport(app=sandbox.app),
            sleep=lambda seconds: None,
            clock=clock.epoch,
        )
        clients.append(client)
        return client

    yield build
    for client in clients:
        client.close()


@pytest.fixture
def wix(make_client: Callable[..., WixClient]) -> WixClient:
    return make_client()


def _first_slot(wix: WixClient, sandbox: Sandbox, key: str = "massage") -> TimeSlot:
    slots = wix.time_slots.list_availability(
        service_id=sandbox.demo.service(key),
        from_local="2026-12-08T00:00:00",
        to_local="2026-12-09T00:00:00",
        time_zone=None,
        bookable_only=True,
        location_ids=[sandbox.demo.location("islington")],
    )
    assert slots.slots
    return slots.slots[0]


def _first_event(wix: WixClient, sandbox: Sandbox, key: str, spots: int = 1) -> TimeSlot:
    events = wix.time_slots.list_events(
        service_ids=[sandbox.demo.service(key)],
        from_local="2026-12-07T00:00:00",
        to_local="2027-01-07T00:00:00",
        time_zone=None,
        min_bookable_capacity=spots,
    )
    assert events.slots
    return events.slots[0]


# --- Site, services, variants ---------------------------------------------------------------


def test_site_properties_name_the_zone_and_currency(wix: WixClient) -> None:
    props = wix.site.get_properties()

    assert props.time_zone == "Europe/London"
    assert props.currency == "GBP"
    assert props.business_name


def test_staff_members_by_resource_id_carry_bio_and_photo(wix: WixClient, sandbox: Sandbox) -> None:
    maya, leo = sandbox.demo.staff("maya"), sandbox.demo.staff("leo")

    found = wix.staff.query(resource_ids=[maya, leo])

    assert {p.resource_id: p.name for p in found} == {maya: "Maya Okafor", leo: "Leo Marchetti"}
    assert all(p.description and p.image and p.image.url.endswith(".svg") for p in found)


def test_services_query_lists_visible_services_of_every_type(
    wix: WixClient, sandbox: Sandbox
) -> None:
    services = wix.services.query()
    by_id = {s.id: s for s in services}

    assert sandbox.demo.service("practice") not in by_id  # hidden
    assert {str(s.type) for s in services} == {"APPOINTMENT", "CLASS", "COURSE"}
    massage = by_id[sandbox.demo.service("massage")]
    assert massage.payment.price is not None
    assert massage.payment.price.amount == Decimal("65.00")
    assert {p.name for p in massage.staff} >= {"Tom Reilly"}
    assert massage.policy.late_limit_minutes == 120


def test_services_query_filters_by_type_slug_and_id(wix: WixClient, sandbox: Sandbox) -> None:
    classes = wix.services.query(type="CLASS")
    by_slug = wix.services.query(slug="family-yoga")
    by_id = wix.services.query(ids=[sandbox.demo.service("massage")])

    assert {s.name for s in classes} == {"Vinyasa flow", "Family yoga"}
    assert [s.name for s in by_slug] == ["Family yoga"]
    assert [s.name for s in by_id] == ["Deep tissue massage"]


def test_service_get_and_unknown_service(wix: WixClient, sandbox: Sandbox) -> None:
    service = wix.services.get(sandbox.demo.service("mindfulness"))

    assert str(service.type) == "COURSE"
    assert service.first_session_start is not None
    assert service.schedule_id
    with pytest.raises(WixNotFound):
        wix.services.get("00000000-0000-4000-8000-00000000dead")


def test_variants_for_varied_service_and_none_for_fixed(wix: WixClient, sandbox: Sandbox) -> None:
    variants = wix.variants.get_for_service(sandbox.demo.service("family_yoga"))

    assert variants is not None
    assert {(v.choice, v.price.amount) for v in variants.variants} == {
        ("Adult", Decimal("14.00")),
        ("Child", Decimal("8.00")),
    }
    assert wix.variants.get_for_service(sandbox.demo.service("massage")) is None


# --- Availability -----------------------------------------------------------------------------


def test_appointment_slots_overlap_and_name_staff(wix: WixClient, sandbox: Sandbox) -> None:
    slots = wix.time_slots.list_availability(
        service_id=sandbox.demo.service("massage"),
        from_local="2026-12-08T00:00:00",
        to_local="2026-12-09T00:00:00",
        time_zone=None,
        staff_ids=[sandbox.demo.staff("tom")],
    )

    assert slots.time_zone == "Europe/London"
    starts = [s.start for s in slots.slots]
    assert starts == sorted(starts)
    first, second = slots.slots[0], slots.slots[1]
    assert second.start < first.end  # split interval shorter than the 60-minute service
    assert all({r.id for r in s.resources} == {sandbox.demo.staff("tom")} for s in slots.slots)
    assert len(first.local_start) == 19  # LOCAL_DATE_TIME, no offset


def test_appointment_slots_in_another_zone_shift_wall_clock(
    wix: WixClient, sandbox: Sandbox
) -> None:
    common = {
        "service_id": sandbox.demo.service("massage"),
        "from_local": "2026-12-08T00:00:00",
        "to_local": "2026-12-09T00:00:00",
        "staff_ids": [sandbox.demo.staff("tom")],
    }
    london = wix.time_slots.list_availability(time_zone="Europe/London", **common)
    paris = wix.time_slots.list_availability(time_zone="Europe/Paris", **common)

    assert paris.time_zone == "Europe/Paris"
    assert london.slots[0].start == paris.slots[0].start  # same instant
    assert london.slots[0].local_start != paris.slots[0].local_start


def test_get_availability_revalidates_then_fails_once_booked(
    wix: WixClient, sandbox: Sandbox
) -> None:
    slot = _first_slot(wix, sandbox)
    staff_id = slot.resources[0].id
    fresh = wix.time_slots.get_availability(
        service_id=slot.service_id,
        local_start=slot.local_start,
        local_end=slot.local_end,
        time_zone=slot.time_zone,
        location=slot.location,
        staff_id=staff_id,
    )
    assert fresh.bookable

    booking = wix.for_visitor(None).bookings.create(
        slot=slot, contact=ANN, total_participants=1, payment_option="ONLINE", staff_id=staff_id
    )
    wix.bookings.confirm_or_decline(booking_id=booking.id, payment_status="PAID")

    with pytest.raises(WixNotFound) as gone:
        wix.time_slots.get_availability(
            service_id=slot.service_id,
            local_start=slot.local_start,
            local_end=slot.local_end,
            time_zone=slot.time_zone,
            location=slot.location,
            staff_id=staff_id,
        )
    assert gone.value.code == "SLOT_NOT_FOUND"


def test_event_slots_carry_capacity_and_get_event_agrees(wix: WixClient, sandbox: Sandbox) -> None:
    event = _first_event(wix, sandbox, "yoga")
    again = wix.time_slots.get_event(event_id=event.event_id or "", time_zone=None)

    assert event.event_id
    assert event.total_capacity == 12
    assert event.remaining_capacity is not None
    assert again.remaining_capacity == event.remaining_capacity
    assert again.local_start == event.local_start


def test_bad_local_date_is_refused_before_any_call(wix: WixClient, sandbox: Sandbox) -> None:
    with pytest.raises(ValueError, match=r"expected a local datetime YYYY-MM-DDThh:mm:ss"):
        wix.time_slots.list_availability(
            service_id=sandbox.demo.service("massage"),
            from_local="2026-12-08",
            to_local="2026-12-09",
            time_zone=None,
        )
    assert sandbox.call_counts().get("time_slots.list", 0) == 0


# --- Create Booking and its errors -----------------------------------------------------------


def test_appointment_booking_is_created_then_the_slot_is_taken(
    wix: WixClient, sandbox: Sandbox
) -> None:
    slot = _first_slot(wix, sandbox)
    visitor = wix.for_visitor(None)
    booking = visitor.bookings.create(
        slot=slot,
        contact=ANN,
        total_participants=1,
        payment_option="ONLINE",
        external_user_id="ref-1",
        staff_id=slot.resources[0].id,
    )

    assert booking.status == "CREATED"
    assert booking.payment_status == "UNDEFINED"
    assert booking.external_user_id == "ref-1"
    assert visitor.tokens is not None
    # CREATED holds nothing (docs/wix-contract.md §6.3): the slot is taken once it is paid.
    wix.bookings.confirm_or_decline(booking_id=booking.id, payment_status="PAID")
    with pytest.raises(WixPreconditionFailed) as taken:
        wix.for_visitor(None).bookings.create(
            slot=slot,
            contact=ANN,
            total_participants=1,
            payment_option="ONLINE",
            staff_id=slot.resources[0].id,
        )
    assert taken.value.code == "SLOT_NOT_AVAILABLE"
    assert taken.value.status == 428
    assert taken.value.request_id


def test_class_over_capacity_is_refused(wix: WixClient, sandbox: Sandbox) -> None:
    event = _first_event(wix, sandbox, "yoga")
    spots = event.bookable_capacity or event.remaining_capacity or 0
    too_many = spots + 1
    assert too_many <= 4, "the nearly full class leaves fewer places than the per-booking limit"

    with pytest.raises(WixPreconditionFailed) as full:
        wix.for_visitor(None).bookings.create(
            slot=event, contact=ANN, total_participants=too_many, payment_option="ONLINE"
        )
    assert full.value.code == "SESSION_CAPACITY_EXCEEDED"


def test_participants_over_the_policy_limit_are_a_validation_error(
    wix: WixClient, sandbox: Sandbox
) -> None:
    event = _first_event(wix, sandbox, "yoga")  # at most 4 participants per booking

    # VALIDATION_FAILURE is 428 on the Create Booking page (docs/wix-contract.md §6.4).
    with pytest.raises(WixPreconditionFailed) as refused:
        wix.for_visitor(None).bookings.create(
            slot=event, contact=ANN, total_participants=5, payment_option="ONLINE"
        )
    assert refused.value.code == "VALIDATION_FAILURE"


def test_variant_choices_must_match_the_service(wix: WixClient, sandbox: Sandbox) -> None:
    event = _first_event(wix, sandbox, "family_yoga", spots=3)
    variants = wix.variants.get_for_service(sandbox.demo.service("family_yoga"))
    assert variants is not None
    adult, child = variants.variants

    booking = wix.for_visitor(None).bookings.create(
        slot=event,
        contact=ANN,
        participant_choices=[(adult, 2), (child, 1)],
        payment_option="ONLINE",
    )
    priced = wix.ecom.calculate(wix.ecom.create(booking_id=booking.id).id)

    assert booking.total_participants == 3
    assert priced.total is not None
    assert priced.total.amount == Decimal("36.00")
    bogus = type(adult)(option_id=adult.option_id, choice="Pensioner", price=adult.price)
    # INVALID_SERVICE_CHOICES is 428, INVALID_CHOICES 400 (docs/wix-contract.md §6.4).
    with pytest.raises((WixBadRequest, WixPreconditionFailed)) as invalid:
        wix.for_visitor(None).bookings.create(
            slot=event, contact=ANN, participant_choices=[(bogus, 1)], payment_option="ONLINE"
        )
    assert (invalid.value.status, invalid.value.code) in {
        (428, "INVALID_SERVICE_CHOICES"),
        (400, "INVALID_CHOICES"),
    }


def test_course_is_booked_by_schedule_and_fills_up(wix: WixClient, sandbox: Sandbox) -> None:
    course = wix.services.get(sandbox.demo.service("mindfulness"))
    taken = sum(
        item.booking.total_participants
        for item in wix.extended_bookings.query(
            course_service_id=course.id, statuses=("CREATED", "CONFIRMED", "PENDING")
        )
    )
    places = course.default_capacity - taken
    assert 0 < places < course.default_capacity

    for _ in range(places):
        booked = wix.for_visitor(None).bookings.create(
            course=course,
            time_zone="Europe/London",
            contact=ANN,
            total_participants=1,
            payment_option="ONLINE",
        )
        # Paid: a CREATED booking holds no place (docs/wix-contract.md §6.3).
        wix.bookings.confirm_or_decline(booking_id=booked.id, payment_status="PAID")
    with pytest.raises(WixPreconditionFailed) as full:
        wix.for_visitor(None).bookings.create(
            course=course,
            time_zone="Europe/London",
            contact=ANN,
            total_participants=1,
            payment_option="ONLINE",
        )
    assert full.value.code == "SCHEDULE_CAPACITY_EXCEEDED"


# --- Confirm, decline, cancel, extended bookings -------------------------------------------------


def test_free_booking_confirmed_exempt_and_found_by_reference(
    wix: WixClient, sandbox: Sandbox
) -> None:
    slot = _first_slot(wix, sandbox, "consultation")
    created = wix.for_visitor(None).bookings.create(
        slot=slot,
        contact=ANN,
        total_participants=1,
        payment_option="OFFLINE",
        external_user_id="ref-free",
    )
    confirmed = wix.bookings.confirm_or_decline(booking_id=created.id, payment_status="EXEMPT")
    found = wix.extended_bookings.query(external_user_id="ref-free")

    assert confirmed.status == "CONFIRMED"
    assert confirmed.payment_status == "EXEMPT"
    assert int(confirmed.revision) > int(created.revision)
    assert [item.booking.id for item in found] == [created.id]
    assert wix.extended_bookings.get(created.id).status == "CONFIRMED"


def test_cancel_needs_the_current_revision(wix: WixClient, sandbox: Sandbox) -> None:
    slot = _first_slot(wix, sandbox)
    created = wix.for_visitor(None).bookings.create(
        slot=slot, contact=ANN, total_participants=1, payment_option="ONLINE"
    )
    confirmed = wix.bookings.confirm(
        booking_id=created.id, revision=created.revision, payment_status="NOT_PAID"
    )

    with pytest.raises(WixConflict):
        wix.bookings.cancel(booking_id=created.id, revision=created.revision)
    cancelled = wix.bookings.cancel(booking_id=created.id, revision=confirmed.revision)
    assert cancelled.status == "CANCELED"


def test_decline_a_created_booking(wix: WixClient, sandbox: Sandbox) -> None:
    slot = _first_slot(wix, sandbox)
    created = wix.for_visitor(None).bookings.create(
        slot=slot, contact=ANN, total_participants=1, payment_option="ONLINE"
    )

    declined = wix.bookings.decline(booking_id=created.id, revision=created.revision)

    assert declined.status == "DECLINED"


def test_admin_calls_without_api_key_fail_before_any_request(
    make_client: Callable[..., WixClient], sandbox: Sandbox
) -> None:
    keyless = make_client(api_key=False)

    with pytest.raises(WixConfigurationError):
        keyless.extended_bookings.query(external_user_id="x")
    with pytest.raises(WixConfigurationError):
        keyless.bookings.confirm_or_decline(booking_id="x", payment_status="PAID")
    assert "extended_bookings.query" not in sandbox.call_counts()


def test_keyless_client_reads_catalogue_with_its_own_visitor(
    make_client: Callable[..., WixClient], sandbox: Sandbox
) -> None:
    keyless = make_client(api_key=False)

    assert keyless.services.query(type="COURSE")
    assert sandbox.call_counts().get("oauth.token", 0) == 1


# --- eCommerce and the hosted checkout -----------------------------------------------------------


@pytest.mark.parametrize("ecom_api", ["cart", "checkout"])
def test_paid_booking_goes_to_hosted_checkout(
    make_client: Callable[..., WixClient], sandbox: Sandbox, ecom_api: str
) -> None:
    wix = make_client(ecom_api=ecom_api)
    slot = _first_slot(wix, sandbox)
    visitor = wix.for_visitor(None)
    booking = visitor.bookings.create(
        slot=slot, contact=ANN, total_participants=1, payment_option="ONLINE"
    )

    checkout = visitor.ecom.create(booking_id=booking.id, buyer_email=ANN.email)
    priced = visitor.ecom.calculate(checkout.id)
    session = visitor.redirects.create_for_checkout(
        checkout_id=checkout.id,
        post_flow_url="http://127.0.0.1:8000/book/return/?ref=abc",
        thank_you_url="http://127.0.0.1:8000/book/return/?ref=abc&paid=1",
    )

    assert checkout.kind == ecom_api
    assert priced.total is not None
    assert priced.total.amount == Decimal("65.00")
    assert session.full_url.startswith("http://127.0.0.1:8000/_wix-sandbox/checkout/")
    assert visitor.ecom.checkout_url(checkout.id)


@pytest.mark.parametrize("ecom_api", ["cart", "checkout"])
def test_free_booking_order_placed_without_payment(
    make_client: Callable[..., WixClient], sandbox: Sandbox, ecom_api: str
) -> None:
    wix = make_client(api_key=False, ecom_api=ecom_api)
    slot = _first_slot(wix, sandbox, "consultation")
    visitor = wix.for_visitor(None)
    booking = visitor.bookings.create(
        slot=slot, contact=ANN, total_participants=1, payment_option="OFFLINE"
    )

    placed = visitor.ecom.place_order(visitor.ecom.create(booking_id=booking.id).id)

    assert placed.order_id
    stored = {b["id"]: b for b in sandbox.bookings()}[booking.id]
    assert stored["status"] == "CONFIRMED"


def test_redirect_to_a_host_outside_the_allow_list_is_made_and_refused_on_the_way_back(
    wix: WixClient, sandbox: Sandbox
) -> None:
    # Wix applies the allowed redirect domains when it sends the visitor back (§26.1).
    slot = _first_slot(wix, sandbox)
    visitor = wix.for_visitor(None)
    booking = visitor.bookings.create(
        slot=slot, contact=ANN, total_participants=1, payment_option="ONLINE"
    )
    cart = visitor.ecom.create(booking_id=booking.id)

    session = visitor.redirects.create_for_checkout(
        checkout_id=cart.id, post_flow_url="https://evil.example/return", thank_you_url=None
    )

    hosted = httpx.Client(transport=httpx.WSGITransport(app=sandbox.app))
    back = hosted.post(
        f"http://sandbox{urlsplit(session.full_url).path}/cancel".replace("/_wix-sandbox", "")
    )
    assert back.status_code == 403
    assert "evil.example" in back.text


def test_another_visitor_cannot_use_the_cart(wix: WixClient, sandbox: Sandbox) -> None:
    slot = _first_slot(wix, sandbox)
    owner = wix.for_visitor(None)
    booking = owner.bookings.create(
        slot=slot, contact=ANN, total_participants=1, payment_option="ONLINE"
    )
    cart = owner.ecom.create(booking_id=booking.id)

    with pytest.raises(WixForbidden):
        wix.for_visitor(None).redirects.create_for_checkout(
            checkout_id=cart.id, post_flow_url="http://127.0.0.1/return", thank_you_url=None
        )


def test_order_recorded_for_a_custom_checkout(wix: WixClient, sandbox: Sandbox) -> None:
    slot = _first_slot(wix, sandbox)
    booking = wix.for_visitor(None).bookings.create(
        slot=slot, contact=ANN, total_participants=1, payment_option="ONLINE"
    )
    wix.bookings.confirm_or_decline(booking_id=booking.id, payment_status="PAID")

    order = wix.orders.create(
        booking_id=booking.id,
        product_name="Deep tissue massage",
        amount=Decimal("65.00"),
        currency="GBP",
        buyer_email=ANN.email,
        contact_id=None,
        external_order_id="ext-1",
    )

    assert order.id
    assert [o["id"] for o in sandbox.orders()] == [order.id]


# --- Tokens ------------------------------------------------------------------------------------


def test_expired_visitor_token_is_refreshed_and_keeps_the_visitor(
    wix: WixClient, sandbox: Sandbox, clock: Clock
) -> None:
    visitor = wix.for_visitor(None)
    slot = _first_slot(wix, sandbox)
    booking = visitor.bookings.create(
        slot=slot, contact=ANN, total_participants=1, payment_option="ONLINE"
    )
    first = visitor.tokens
    assert first is not None

    clock.now += timedelta(hours=5)
    later = wix.for_visitor(VisitorTokens.from_dict(first.to_dict()))
    cart = later.ecom.create(booking_id=booking.id)

    assert later.tokens is not None
    assert later.tokens.access_token != first.access_token
    assert cart.id  # the refreshed token is still the visitor who owns the booking


# --- The same contract against the documented payloads ------------------------------------------


@pytest.fixture(params=["documented", "sandbox"])
def any_wix(
    request: pytest.FixtureRequest, make_client: Callable[..., WixClient]
) -> Iterator[tuple[str, WixClient]]:
    if request.param == "sandbox":
        yield "sandbox", make_client()
        return
    fake = FakeWix()
    fake.add("POST", "/oauth2/token", "token_anonymous")
    fake.add("POST", "/bookings/v2/bookings", "error_slot_not_available", status=428)
    fake.add("POST", "/bookings/v2/services/query", "services_page1")
    client = WixClient(
        client_id="c",
        api_key="k",
        site_id="s",
        transport=httpx.MockTransport(fake.handler),
        sleep=lambda seconds: None,
    )
    yield "documented", client
    client.close()


def test_slot_not_available_means_the_same_on_both(any_wix: tuple[str, WixClient]) -> None:
    source, wix = any_wix
    slot = TimeSlot(
        service_id="00000000-0000-4000-8000-0000000000aa" if source == "documented" else "",
        local_start="2026-12-08T03:00:00",
        local_end="2026-12-08T04:00:00",
        time_zone="Europe/London",
        bookable=True,
        schedule_id="sched",
    )
    if source == "sandbox":
        real = wix.services.query(slug="deep-tissue-massage")[0]
        where = SlotLocation(id=real.locations[0].id, name=None, address=None, type="BUSINESS")
        slot = replace(slot, service_id=real.id, schedule_id=real.schedule_id, location=where)

    with pytest.raises(WixPreconditionFailed) as taken:
        wix.for_visitor(None).bookings.create(
            slot=slot,
            contact=ANN,
            total_participants=1,
            payment_option="ONLINE",
            staff_id="00000000-0000-4000-8000-0000000000bb",
        )

    assert taken.value.status == 428
    assert taken.value.code == "SLOT_NOT_AVAILABLE"
