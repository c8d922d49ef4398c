"""Model parsing at the boundary: odd and missing fields, money, images, enums and DST."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from booking_site.wix import WixResponseError
from booking_site.wix.models import (
    Booking,
    BookingPolicy,
    Category,
    ContactDetails,
    EcomCheckout,
    ExtendedBooking,
    Image,
    Money,
    RateType,
    Service,
    ServiceLocation,
    ServiceType,
    ServiceVariants,
    SiteProperties,
    SlotLocation,
    StaffMember,
    TimeSlot,
    resolve_media_url,
)

from .fakes import load

MEDIA = "https://static.wixstatic.com/media/"

# --- Money --------------------------------------------------------------------------------------


def test_money_parses_value_form_as_exact_decimal() -> None:
    money = Money.from_api({"value": "25.10", "currency": "USD", "formattedValue": "$25.10"})

    assert money == Money(Decimal("25.10"), "USD", "$25.10")
    assert money.amount + Money.from_api({"value": "0.20", "currency": "USD"}).amount == Decimal(
        "25.30"
    )


def test_money_parses_ecom_form_with_given_currency() -> None:
    money = Money.from_api({"amount": "60.00", "formattedAmount": "£60.00"}, currency="GBP")

    assert money == Money(Decimal("60.00"), "GBP", "£60.00")


def test_money_accepts_json_numbers() -> None:
    assert Money.from_api({"value": 12.5, "currency": "EUR"}).amount == Decimal("12.5")


@pytest.mark.parametrize(
    "payload",
    [{}, {"value": "abc"}, {"value": "NaN"}, {"value": None}, {"amount": True}, {"value": []}],
)
def test_money_without_a_usable_amount_raises(payload: dict[str, object]) -> None:
    with pytest.raises(WixResponseError):
        Money.from_api(payload)


def test_money_maybe_returns_none_for_absent_or_bad() -> None:
    assert Money.maybe(None) is None
    assert Money.maybe({}) is None
    assert Money.maybe({"value": "x"}) is None


# --- Images -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "url"),
    [
        ("11062b_abc~mv2.jpg", MEDIA + "11062b_abc~mv2.jpg"),
        (
            "wix:image://v1/11062b_abc~mv2.jpg/My%20photo.jpg#originWidth=600&originHeight=400",
            MEDIA + "11062b_abc~mv2.jpg",
        ),
        ("https://cdn.example.com/a.png", "https://cdn.example.com/a.png"),
        ("http://cdn.example.com/a.png", "http://cdn.example.com/a.png"),
    ],
)
def test_media_urls_resolve_to_public_urls(raw: str, url: str) -> None:
    assert resolve_media_url(raw) == url


def test_media_url_uses_configured_base() -> None:
    assert resolve_media_url("abc.jpg", "/_wix-sandbox/media/") == "/_wix-sandbox/media/abc.jpg"


def test_image_from_wix_uri_takes_size_from_fragment() -> None:
    image = Image.from_api(
        {"url": "wix:image://v1/f.jpg/f.jpg#originWidth=1200&originHeight=800", "altText": "Yoga"}
    )

    assert image == Image(url=MEDIA + "f.jpg", alt="Yoga", width=1200, height=800)


def test_image_without_url_or_id_raises_and_maybe_is_none() -> None:
    with pytest.raises(WixResponseError):
        Image.from_api({"width": 1})
    assert Image.maybe({}) is None


# --- Services -----------------------------------------------------------------------------------


def test_service_full_payload_parses_every_field() -> None:
    service = Service.from_api(load("services_page1")["services"][0])

    assert service.app_id == "13d21c63-b5ec-5912-8397-c3a5ddb27a97"
    assert service.name == "Deep tissue massage"
    assert service.tagline == "Unknot your shoulders"
    assert service.category == Category("cat-treatments", "Treatments", 1)
    assert service.image == Image(MEDIA + "11062b_massage~mv2.jpg", "Massage room", 600, 400)
    assert service.locations == (
        ServiceLocation("loc-main", "BUSINESS", "Main studio", "1 High St, London N1"),
        ServiceLocation(None, "CUSTOMER", None, None),
    )
    assert service.policy == BookingPolicy(
        max_participants_per_booking=1,
        early_limit_minutes=10080,
        late_limit_minutes=60,
        book_after_start=False,
        cancellation_enabled=True,
        cancellation_limit_minutes=1440,
        reschedule_enabled=True,
        custom_description="Arrive 10 minutes early.",
        waitlist_enabled=False,
    )
    assert service.staff[0] == StaffMember(
        "res-sam", "Sam", Image("https://static.wixstatic.com/media/sam.jpg", None, 100, 100)
    )
    assert service.staff[1].image is None
    assert service.staff_member_ids == ("res-sam", "res-alex")
    assert service.form_id == "00000000-0000-0000-0000-000000000000"
    assert service.payment.online is True
    assert service.payment.in_person is False
    assert service.payment.is_free is False
    assert service.online_booking_enabled is True
    assert service.has_known_type is True


def test_service_varied_prices_and_wix_image_uri() -> None:
    yoga = Service.from_api(load("services_page1")["services"][1])

    assert yoga.payment.rate_type is RateType.VARIED
    assert yoga.payment.price is None
    assert yoga.payment.min_price == Money(Decimal("10.00"), "GBP", "£10.00")
    assert yoga.payment.default_price == Money(Decimal("20.00"), "GBP")
    assert yoga.image == Image(MEDIA + "11062b_yoga~mv2.jpg", None, 1200, 800)
    assert yoga.policy.waitlist_enabled is True
    assert yoga.durations_minutes == ()
    assert yoga.default_capacity == 12


def test_course_schedule_dates_are_aware_utc() -> None:
    course = Service.from_api(load("services_page2")["services"][0])

    assert course.type is ServiceType.COURSE
    assert course.first_session_start == datetime(2026, 1, 6, 9, 0, tzinfo=UTC)
    assert course.last_session_end == datetime(2026, 3, 31, 10, 0, tzinfo=UTC)
    assert course.policy.book_after_start is True
    assert course.category is None
    assert course.image is None


def test_service_with_odd_fields_is_kept_with_safe_values() -> None:
    service = Service.from_api(load("service_odd"), media_base_url="/media/")

    assert service.type == "MEETING"
    assert service.has_known_type is False
    assert service.sort_order == 7
    assert service.default_capacity == 3
    assert service.hidden is False
    assert service.slug == "svc-odd"
    assert service.category is None
    assert service.image == Image("/media/11062b_item~mv2.png", "Item", None, None)
    assert service.payment.rate_type == "SHINY_NEW_RATE"
    assert service.payment.price is None
    assert service.payment.custom_text == "Price on request"
    assert service.payment.is_free is False
    assert service.locations == (ServiceLocation("custom-loc", "CUSTOM", None, "Client office"),)
    assert service.staff == ()
    assert service.first_session_start is None
    assert service.policy == BookingPolicy()


def test_service_without_id_raises() -> None:
    with pytest.raises(WixResponseError, match="'id'"):
        Service.from_api({"name": "No id"})


def test_service_zero_fixed_price_is_free() -> None:
    service = Service.from_api(
        {"id": "s", "payment": {"rateType": "FIXED", "fixed": {"price": {"value": "0.00"}}}}
    )

    assert service.payment.is_free is True


def test_site_properties_need_a_time_zone() -> None:
    with pytest.raises(WixResponseError):
        SiteProperties.from_api({"properties": {"locale": {"languageCode": "en"}}})


def test_site_properties_build_address_from_parts() -> None:
    props = SiteProperties.from_api(
        {"properties": {"timeZone": "UTC", "address": {"street": "1 A St", "city": "Leeds"}}}
    )

    assert props.address_text == "1 A St, Leeds"
    assert props.locale is None


# --- Slots and DST ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("slot_type", "booking_type"),
    [("BUSINESS", "OWNER_BUSINESS"), ("CUSTOM", "OWNER_CUSTOM"), ("CUSTOMER", "CUSTOM")],
)
def test_slot_location_maps_to_booking_enum(slot_type: str, booking_type: str) -> None:
    assert SlotLocation(None, None, None, slot_type).booking_location_type == booking_type


def _slot(start: str, end: str) -> TimeSlot:
    return TimeSlot.from_api(
        {"serviceId": "s", "localStartDate": start, "localEndDate": end, "bookable": True},
        time_zone="Europe/London",
    )


def test_slot_start_end_on_spring_forward_day() -> None:
    slot = _slot("2026-03-29T00:30:00", "2026-03-29T03:00:00")

    assert slot.start.utcoffset() == timedelta(0)
    assert slot.end.utcoffset() == timedelta(hours=1)
    assert slot.duration == timedelta(hours=1, minutes=30)
    assert slot.start.astimezone(UTC) == datetime(2026, 3, 29, 0, 30, tzinfo=UTC)
    assert slot.end.astimezone(UTC) == datetime(2026, 3, 29, 2, 0, tzinfo=UTC)


def test_slot_start_end_on_fall_back_day() -> None:
    slot = _slot("2026-10-25T00:30:00", "2026-10-25T03:00:00")

    assert slot.start.utcoffset() == timedelta(hours=1)
    assert slot.end.utcoffset() == timedelta(0)
    assert slot.duration == timedelta(hours=3, minutes=30)
    assert slot.start.astimezone(UTC) == datetime(2026, 10, 24, 23, 30, tzinfo=UTC)


def test_slot_keeps_wix_strings_verbatim() -> None:
    slot = _slot("2026-03-02T10:00:00.000", "2026-03-02T11:00:00.000")

    assert (slot.local_start, slot.local_end) == (
        "2026-03-02T10:00:00.000",
        "2026-03-02T11:00:00.000",
    )
    assert slot.start == datetime(2026, 3, 2, 10, 0, tzinfo=slot.start.tzinfo)


@pytest.mark.parametrize(
    "payload",
    [
        {"localStartDate": "2026-03-02T10:00:00", "localEndDate": "2026-03-02T11:00:00"},
        {"serviceId": "s", "localEndDate": "2026-03-02T11:00:00"},
        {"serviceId": "s", "localStartDate": "soon", "localEndDate": "2026-03-02T11:00:00"},
    ],
)
def test_slot_missing_or_bad_required_field_raises(payload: dict[str, str]) -> None:
    with pytest.raises(WixResponseError):
        TimeSlot.from_api(payload, time_zone="Europe/London")


def test_slot_minimal_payload_uses_defaults() -> None:
    slot = _slot("2026-03-02T10:00:00", "2026-03-02T11:00:00")

    assert slot.location is None
    assert slot.resources == ()
    assert slot.total_capacity is None
    assert slot.too_early is False


# --- Bookings, variants, ecom -------------------------------------------------------------------


def test_booking_without_id_raises() -> None:
    with pytest.raises(WixResponseError):
        Booking.from_api({"status": "CREATED"})


def test_booking_minimal_payload_has_safe_defaults() -> None:
    booking = Booking.from_api({"id": "b", "status": "BRAND_NEW", "revision": 7})

    assert booking.status == "BRAND_NEW"
    assert booking.revision == "7"
    assert booking.payment_status == "UNDEFINED"
    assert booking.total_participants == 1
    assert booking.contact == ContactDetails(first_name="")
    assert booking.location is None
    assert booking.resource is None
    assert booking.start is None


def test_extended_booking_without_attendance_has_none() -> None:
    extended = ExtendedBooking.from_api({"booking": {"id": "b"}})

    assert extended.attendees is None


def test_contact_details_to_api_leaves_out_empty_fields() -> None:
    contact = ContactDetails(first_name="Ann", last_name="", email="ann@example.com")

    assert contact.to_api() == {"firstName": "Ann", "email": "ann@example.com"}


def test_variants_duration_choice_uses_its_name() -> None:
    data = {
        "id": "v",
        "serviceId": "s",
        "options": {"values": [{"id": "o", "type": "DURATION"}]},
        "variants": {
            "values": [
                {
                    "choices": [{"optionId": "o", "duration": {"minutes": 90, "name": "1.5 h"}}],
                    "price": {"value": "45", "currency": "GBP"},
                },
                {
                    "choices": [{"optionId": "o", "duration": {"minutes": 30}}],
                    "price": {"value": "15", "currency": "GBP"},
                },
            ]
        },
    }

    variants = ServiceVariants.from_api(data)

    assert variants.option_name == "DURATION"
    assert [v.choice for v in variants.variants] == ["1.5 h", "30"]


def test_variant_without_price_raises() -> None:
    with pytest.raises(WixResponseError):
        ServiceVariants.from_api(
            {
                "id": "v",
                "serviceId": "s",
                "variants": {"values": [{"choices": [{"optionId": "o", "custom": "A"}]}]},
            }
        )


def test_ecom_checkout_without_id_raises() -> None:
    with pytest.raises(WixResponseError):
        EcomCheckout.from_api({"lineItems": []})
