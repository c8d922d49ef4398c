"""Typed, frozen models parsed from Wix payloads; raw dictionaries stop here."""

from __future__ import annotations

from booking_site.wix.models.anonymous import AllowedActions, AnonymousBooking, CancellationFee
from booking_site.wix.models.bookings import (
    Booking,
    BookingLocation,
    BookingStatus,
    ContactDetails,
    ExtendedBooking,
    PaymentOption,
    PaymentStatus,
)
from booking_site.wix.models.common import Image, Money, resolve_media_url
from booking_site.wix.models.ecom import EcomCheckout, Order, PlacedOrder, RedirectSession
from booking_site.wix.models.events import CalendarEvent
from booking_site.wix.models.form_schemas import (
    CONTACT_TARGETS,
    DEFAULT_FORM_ID,
    BookingForm,
    FormField,
    FormOption,
)
from booking_site.wix.models.payment import RateType, ServicePayment
from booking_site.wix.models.services import (
    BookingPolicy,
    Category,
    Service,
    ServiceLocation,
    ServiceType,
    StaffMember,
)
from booking_site.wix.models.site import SiteProperties
from booking_site.wix.models.slots import SlotList, SlotLocation, SlotResource, TimeSlot
from booking_site.wix.models.variants import ServiceVariants, Variant

__all__ = [
    "CONTACT_TARGETS",
    "DEFAULT_FORM_ID",
    "AllowedActions",
    "AnonymousBooking",
    "Booking",
    "BookingForm",
    "BookingLocation",
    "BookingPolicy",
    "BookingStatus",
    "CalendarEvent",
    "CancellationFee",
    "Category",
    "ContactDetails",
    "EcomCheckout",
    "ExtendedBooking",
    "FormField",
    "FormOption",
    "Image",
    "Money",
    "Order",
    "PaymentOption",
    "PaymentStatus",
    "PlacedOrder",
    "RateType",
    "RedirectSession",
    "Service",
    "ServiceLocation",
    "ServicePayment",
    "ServiceType",
    "ServiceVariants",
    "SiteProperties",
    "SlotList",
    "SlotLocation",
    "SlotResource",
    "StaffMember",
    "TimeSlot",
    "Variant",
    "resolve_media_url",
]
