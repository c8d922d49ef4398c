"""Drive every public Wix call of the client once, with every optional field it can send.

``drive_every_call`` returns the ``Class.method`` names it exercised, so the contract test
can check that a newly added resource method is driven too (and thus checked).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from decimal import Decimal

from booking_site.wix import ContactDetails, WixClient
from wix_sandbox import Sandbox

ANN = ContactDetails(
    first_name="Ann",
    last_name="Lee",
    email="ann@example.com",
    phone="+44 7700 900123",
    contact_id=None,
)
CALLBACK = "http://127.0.0.1:8000/book/return/?ref=abc"
FROM, TO = "2026-12-08T00:00:00", "2026-12-15T00:00:00"


def _catalogue(wix: WixClient, box: Sandbox) -> None:
    demo = box.demo
    wix.site.get_properties()
    wix.for_visitor(None).site.get_properties(as_visitor=True)
    wix.services.query()
    wix.services.query(
        type="APPOINTMENT",
        category_id=demo.category("classes"),
        slug="deep-tissue-massage",
        ids=[demo.service("massage")],
        include_hidden=True,
        with_staff=False,
    )
    wix.services.query(other_apps=True)
    wix.services.get(demo.service("massage"))
    wix.services.get(demo.service("massage"), with_staff=False)
    wix.variants.get_for_service(demo.service("family_yoga"))
    wix.variants.get_for_service(demo.service("massage"))  # none: a 404 the client maps to None
    wix.staff.query(resource_ids=[demo.staff("maya"), demo.staff("tom")])
    wix.staff.query()
    sports = wix.services.get(demo.service("sports_massage"))
    wix.forms.get_booking_form(sports.form_id or "")


def _deposit_and_duration(wix: WixClient, box: Sandbox) -> None:
    """A duration variant's slots and booking (§21), and a deposit booking (§19)."""
    demo, visitor = box.demo, wix.for_visitor(None)
    variants = wix.variants.get_for_service(demo.service("thai_massage"))
    assert variants is not None
    ninety = variants.for_minutes(90)
    assert ninety is not None
    long_slots = wix.time_slots.list_availability(
        service_id=demo.service("thai_massage"),
        time_zone=None,
        staff_ids=[demo.staff("tom")],
        duration_minutes=90,
        from_local=FROM,
        to_local=TO,
    ).slots
    visitor.bookings.create(
        slot=long_slots[0],
        contact=ANN,
        participant_choices=[(ninety, 1)],
        payment_option="ONLINE",
        staff_id=demo.staff("tom"),
    )
    deposit_slots = wix.time_slots.list_availability(
        service_id=demo.service("sports_recovery"),
        time_zone=None,
        staff_ids=[demo.staff("tom")],
        from_local=FROM,
        to_local=TO,
    ).slots
    visitor.bookings.create(
        slot=deposit_slots[-1],
        contact=ANN,
        total_participants=1,
        payment_option="ONLINE",
        deposit_selected=True,
        staff_id=demo.staff("tom"),
    )


def _slots_and_bookings(wix: WixClient, box: Sandbox) -> None:
    demo = box.demo
    slots = wix.time_slots.list_availability(
        service_id=demo.service("massage"),
        time_zone="Europe/London",
        location_ids=[demo.location("islington")],
        staff_ids=[demo.staff("maya")],
        bookable_only=True,
        slots_per_day=3,
        from_local=FROM,
        to_local=TO,
    ).slots
    wix.time_slots.list_availability(
        service_id=demo.service("massage"),
        time_zone=None,
        include_staff=False,
        from_local=FROM,
        to_local=TO,
    )
    # Three of Maya's slots that do not overlap (slots start every 30 minutes).
    slot = slots[0]
    later = [s for s in slots if s.local_start >= slot.local_end]
    owner_slot = later[0]
    last_slot = next(s for s in later if s.local_start >= owner_slot.local_end)
    wix.time_slots.get_availability(
        service_id=slot.service_id,
        local_start=slot.local_start,
        local_end=slot.local_end,
        time_zone="Europe/London",
        location=slot.location,
        staff_id=demo.staff("maya"),
    )
    events = wix.time_slots.list_events(
        service_ids=[demo.service("family_yoga")],
        time_zone="Europe/London",
        include_non_bookable=True,
        min_bookable_capacity=2,
        staff_ids=[demo.staff("priya")],
        location_ids=[demo.location("richmond")],
        from_local=FROM,
        to_local=TO,
    ).slots
    for zone in ("Europe/London", None):
        wix.calendar_events.query_schedule(
            schedule_id=demo.schedule("mindfulness"), from_local=FROM, to_local=TO, time_zone=zone
        )
    event = wix.time_slots.get_event(event_id=events[0].event_id or "", time_zone="Europe/London")
    wix.time_slots.get_event(event_id=events[0].event_id or "", time_zone=None)

    visitor = wix.for_visitor(None)
    variants = wix.variants.get_for_service(demo.service("family_yoga"))
    assert variants is not None
    adult, child = variants.variants
    in_class = visitor.bookings.create(
        slot=event,
        time_zone="Europe/London",
        contact=ANN,
        participant_choices=[(adult, 1), (child, 1)],
        payment_option="ONLINE",
        external_user_id="ref-class",
        notify=False,
        send_sms_reminder=True,
    )
    course = wix.services.get(demo.service("mindfulness"))
    visitor.bookings.create(
        course=course, contact=ANN, total_participants=1, payment_option="ONLINE"
    )
    owner = wix.bookings.create(
        slot=owner_slot,
        contact=ANN,
        total_participants=1,
        payment_option="ONLINE",
        staff_id=demo.staff("maya"),
        skip_availability_validation=True,
        status="CONFIRMED",
    )
    first = visitor.bookings.create(
        slot=slot, contact=ANN, total_participants=1, payment_option="ONLINE"
    )
    confirmed = wix.bookings.confirm(
        booking_id=first.id, revision=first.revision, payment_status="NOT_PAID", notify=False
    )
    wix.bookings.cancel(booking_id=first.id, revision=confirmed.revision, notify=True)
    second = visitor.bookings.create(
        slot=last_slot, contact=ANN, total_participants=1, payment_option="ONLINE"
    )
    wix.bookings.decline(booking_id=second.id, revision=second.revision, payment_status="NOT_PAID")
    wix.bookings.confirm_or_decline(booking_id=in_class.id, payment_status="NOT_PAID")
    sports = wix.time_slots.list_availability(
        service_id=demo.service("sports_massage"),
        time_zone="Europe/London",
        from_local=FROM,
        to_local=TO,
    ).slots[0]
    visitor.bookings.create(
        slot=sports,
        contact=ContactDetails(first_name="Ann", email=ANN.email, contact_id=None),
        total_participants=1,
        payment_option="ONLINE",
        staff_id=sports.resources[0].id,
        form_submission={
            "first_name": "Ann",
            "last_name": "Lee",
            "email": ANN.email,
            "focus_area": "Left calf",
            "share_with_physio": True,
        },
    )
    _deposit_and_duration(wix, box)

    wix.extended_bookings.query(
        booking_ids=[owner.id],
        external_user_id="ref-class",
        course_service_id=demo.service("mindfulness"),
        event_id=event.event_id,
        statuses=["CONFIRMED", "PENDING", "CREATED"],
        email=ANN.email,
        resource_id=demo.staff("maya"),
        starts_before=datetime(2026, 12, 9, tzinfo=UTC),
        ends_after=datetime(2026, 12, 8, tzinfo=UTC),
        member_id="00000000-0000-4000-8000-00000000beef",
        with_attendance=True,
        limit=20,
    )
    wix.extended_bookings.get(owner.id)


def _pay(wix: WixClient, box: Sandbox, ecom_api: str) -> None:
    demo = box.demo
    visitor = wix.for_visitor(None)
    slots = wix.time_slots.list_availability(
        service_id=demo.service("consultation"),
        time_zone=None,
        bookable_only=True,
        from_local=FROM,
        to_local=TO,
    ).slots
    free = visitor.bookings.create(
        slot=slots[0], contact=ANN, total_participants=1, payment_option="OFFLINE"
    )
    basket = visitor.ecom.create(booking_id=free.id, buyer_email=ANN.email)
    visitor.ecom.calculate(basket.id)
    visitor.ecom.checkout_url(basket.id)
    visitor.redirects.create_for_checkout(
        checkout_id=basket.id, post_flow_url=CALLBACK, thank_you_url=CALLBACK + "&paid=1"
    )
    visitor.redirects.create_for_checkout(
        checkout_id=basket.id, post_flow_url=CALLBACK, thank_you_url=None
    )
    visitor.ecom.place_order(visitor.ecom.create(booking_id=free.id).id)
    assert basket.kind == ecom_api


def _order(wix: WixClient, box: Sandbox) -> None:
    slots = wix.time_slots.list_availability(
        service_id=box.demo.service("massage"),
        time_zone=None,
        bookable_only=True,
        from_local=FROM,
        to_local=TO,
    ).slots
    booking = wix.for_visitor(None).bookings.create(
        slot=slots[-1], contact=ANN, total_participants=1, payment_option="ONLINE"
    )
    wix.bookings.confirm_or_decline(booking_id=booking.id, payment_status="PAID")
    wix.orders.create(
        booking_id=booking.id,
        product_name="Deep tissue massage",
        amount=Decimal("65.00"),
        currency="GBP",
        buyer_email="ann@example.com",
        contact_id="00000000-0000-4000-8000-00000000c0de",
        payment_status="PAID",
        external_order_id="ext-1",
    )


def _manage(wix: WixClient, box: Sandbox) -> None:
    """The anonymous actions (§27) and the owner's reschedule, on fresh massage bookings."""
    slots = wix.time_slots.list_availability(
        service_id=box.demo.service("massage"),
        time_zone=None,
        staff_ids=[box.demo.staff("tom")],
        bookable_only=True,
        from_local=FROM,
        to_local=TO,
    ).slots
    free = [s for s in slots if s.local_start >= slots[0].local_end]
    visitor = wix.for_visitor(None)
    booking = visitor.bookings.create(
        slot=slots[0], contact=ANN, total_participants=1, payment_option="ONLINE"
    )
    token = wix.anonymous_bookings.mint_token(booking.id)
    read = wix.anonymous_bookings.get(token)
    wix.anonymous_bookings.get_service(token)
    moved = wix.anonymous_bookings.reschedule(
        token, slot=free[0], revision=read.booking.revision, staff_id=box.demo.staff("tom")
    )
    owner_moved = wix.bookings.reschedule(
        booking_id=booking.id,
        slot=free[-1],
        revision=moved.revision,
        staff_id=box.demo.staff("tom"),
        ignore_policy=True,
        notify=False,
    )
    wix.anonymous_bookings.cancel(token, revision=owner_moved.revision)


def _tokens(wix: WixClient) -> None:
    tokens = wix.auth.anonymous()
    wix.auth.refresh(tokens)


def _members(wix: WixClient, box: Sandbox) -> None:
    """Member login (PKCE), the member's reads, plan checkout and logout (§28), and paying a
    booking with a plan: Cart V2 ``membershipPayment`` and Place Order's price token."""
    from wix_sandbox.demo_plans import DEMO_MEMBER_EMAIL

    visitor = wix.for_visitor(None)
    verifier = "v" * 64
    session = visitor.redirects.create_for_login(
        client_id=box.client_id,
        redirect_uri=CALLBACK,
        state="s-1",
        code_challenge=_challenge(verifier),
    )
    code = _login(box, session.id, DEMO_MEMBER_EMAIL)
    tokens = wix.auth.member_tokens(code=code, code_verifier=verifier, redirect_uri=CALLBACK)
    member = wix.for_visitor(tokens)
    me = member.members.get_my_member()
    plans = wix.plans.query_public()
    orders = member.plans.member_orders()
    wix.balances.query_for_member(me.id)
    member.redirects.create_for_plan_checkout(
        plan_id=plans[0].id, post_flow_url=CALLBACK, thank_you_url=CALLBACK, plan_list_url=CALLBACK
    )
    event = wix.time_slots.list_events(
        service_ids=[box.demo.service("yoga")], time_zone=None, from_local=FROM, to_local=TO
    ).slots[-1]
    booking = member.bookings.create(
        slot=event, contact=ANN, total_participants=1, payment_option="MEMBERSHIP"
    )
    cart = member.ecom.create(booking_id=booking.id, membership_id=orders[0].id)
    priced = member.ecom.calculate(cart.id)
    member.ecom.place_order(cart.id, price_token=priced.price_token)
    member.redirects.create_for_logout(client_id=box.client_id, post_flow_url=CALLBACK)


def _challenge(verifier: str) -> str:
    import base64
    import hashlib

    digest = hashlib.sha256(verifier.encode()).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def _login(box: Sandbox, session_id: str, email: str) -> str:
    """Press "Sign in" on the sandbox's login page; the code it sends back."""
    from urllib.parse import parse_qs, urlsplit

    import httpx

    with httpx.Client(transport=httpx.WSGITransport(app=box.app), base_url="http://x") as http:
        answer = http.post(f"/login/{session_id}/submit", data={"email": email})
    return parse_qs(urlsplit(answer.headers["location"]).query)["code"][0]


def drive_every_call(build: Callable[..., WixClient], box: Sandbox) -> set[str]:
    """Make every call of every resource through clients from ``build``; name what was called."""
    cart, checkout = build(ecom_api="cart"), build(ecom_api="checkout")
    _catalogue(cart, box)
    _slots_and_bookings(cart, box)
    _pay(cart, box, "cart")
    _pay(checkout, box, "checkout")
    _order(cart, box)
    _manage(cart, box)
    _tokens(cart)
    _members(cart, box)
    return {
        "AuthAPI.member_tokens",
        "MembersAPI.get_my_member",
        "PlansAPI.query_public",
        "PlansAPI.member_orders",
        "BalancesAPI.query_for_member",
        "RedirectsAPI.create_for_login",
        "RedirectsAPI.create_for_logout",
        "RedirectsAPI.create_for_plan_checkout",
        "AuthAPI.anonymous",
        "AuthAPI.refresh",
        "SiteAPI.get_properties",
        "StaffMembersAPI.query",
        "ServicesAPI.query",
        "ServicesAPI.get",
        "VariantsAPI.get_for_service",
        "TimeSlotsAPI.list_availability",
        "TimeSlotsAPI.get_availability",
        "TimeSlotsAPI.list_events",
        "TimeSlotsAPI.get_event",
        "BookingsAPI.create",
        "BookingsAPI.confirm",
        "BookingsAPI.cancel",
        "BookingsAPI.decline",
        "BookingsAPI.confirm_or_decline",
        "BookingsAPI.reschedule",
        "AnonymousBookingsAPI.mint_token",
        "AnonymousBookingsAPI.get",
        "AnonymousBookingsAPI.get_service",
        "AnonymousBookingsAPI.cancel",
        "AnonymousBookingsAPI.reschedule",
        "ExtendedBookingsAPI.query",
        "ExtendedBookingsAPI.get",
        "CalendarEventsAPI.query_schedule",
        *(f"{kind}.{name}" for kind in ("CartAPI", "CheckoutAPI") for name in _ECOM),
        "RedirectsAPI.create_for_checkout",
        "OrdersAPI.create",
        "FormsAPI.get_booking_form",
    }


_ECOM = ("create", "calculate", "checkout_url", "place_order")
