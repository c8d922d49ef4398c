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
    FormAnswer,
    FormField,
    FormOption,
)
from booking_site.wix.models.members import Balance, Member, Plan, PlanOrder
from booking_site.wix.models.payment import RateType, ServicePayment
from booking_site.wix.models.policy import BookingPolicy, CancellationWindow
from booking_site.wix.models.services import (
    Category,
    Service,
    ServiceLocation,
    ServiceType,
    StaffMember,
)
from booking_site.wix.models.site import SiteProperties
from booking_site.wix.models.slots import SlotList, SlotLocation, SlotResource, TimeSlot
from booking_site.wix.models.staff import StaffProfile
from booking_site.wix.models.variants import OptionType, ServiceVariants, Variant

__all__ = [
    "CONTACT_TARGETS",
    "DEFAULT_FORM_ID",
    "AllowedActions",
    "AnonymousBooking",
    "Balance",
    "Booking",
    "BookingForm",
    "BookingLocation",
    "BookingPolicy",
    "BookingStatus",
    "CalendarEvent",
    "CancellationFee",
    "CancellationWindow",
    "Category",
    "ContactDetails",
    "EcomCheckout",
    "ExtendedBooking",
    "FormAnswer",
    "FormField",
    "FormOption",
    "Image",
    "Member",
    "Money",
    "OptionType",
    "Order",
    "PaymentOption",
    "PaymentStatus",
    "PlacedOrder",
    "Plan",
    "PlanOrder",
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
    "StaffProfile",
    "TimeSlot",
    "Variant",
    "resolve_media_url",
]
