"""One small class per Wix API, sharing a caller that supplies the identity."""

from __future__ import annotations

from booking_site.wix.resources.anonymous_bookings import AnonymousBookingsAPI
from booking_site.wix.resources.bookings import BookingsAPI
from booking_site.wix.resources.calendar_events import CalendarEventsAPI
from booking_site.wix.resources.ecom import CartAPI, CheckoutAPI, EcomAPI
from booking_site.wix.resources.extended_bookings import ExtendedBookingsAPI
from booking_site.wix.resources.form_schemas import FormsAPI
from booking_site.wix.resources.members import BalancesAPI, MembersAPI, PlansAPI
from booking_site.wix.resources.orders import OrdersAPI
from booking_site.wix.resources.redirects import RedirectsAPI
from booking_site.wix.resources.services import ServicesAPI
from booking_site.wix.resources.site import SiteAPI
from booking_site.wix.resources.staff import StaffMembersAPI
from booking_site.wix.resources.time_slots import TimeSlotsAPI
from booking_site.wix.resources.variants import VariantsAPI

__all__ = [
    "AnonymousBookingsAPI",
    "BalancesAPI",
    "BookingsAPI",
    "CalendarEventsAPI",
    "CartAPI",
    "CheckoutAPI",
    "EcomAPI",
    "ExtendedBookingsAPI",
    "FormsAPI",
    "MembersAPI",
    "OrdersAPI",
    "PlansAPI",
    "RedirectsAPI",
    "ServicesAPI",
    "SiteAPI",
    "StaffMembersAPI",
    "TimeSlotsAPI",
    "VariantsAPI",
]
