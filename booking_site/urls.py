"""Public URL scheme (DESIGN.md §6): owners link to these, so keep them stable."""

from __future__ import annotations

from django.urls import path

from booking_site.views import booking, catalogue, owner, owner_auth, service

app_name = "booking"

urlpatterns = [
    path("", catalogue.service_list, name="services"),
    path("services/<slug:slug>/", service.service_page, name="service"),
    path("services/<slug:slug>/choose/", service.choose_slot, name="choose-slot"),
    path("services/<slug:slug>/book-course/", service.choose_course, name="choose-course"),
    path("book/details/", booking.details, name="details"),
    path("book/review/", booking.review, name="review"),
    path("book/submit/", booking.submit, name="submit"),
    path("book/slot-taken/", booking.slot_taken, name="slot-taken"),
    path("book/return/", booking.return_from_wix, name="return"),
    path("book/status/", booking.status, name="status"),
    path("book/resume-payment/", booking.resume_payment, name="resume-payment"),
    path("book/start-over/", booking.start_over, name="start-over"),
    path("book/booking.ics", booking.calendar_file, name="calendar-file"),
    # Owner area (staff only).
    path("owner/", owner.owner_home, name="owner-home"),
    path("owner/login/", owner_auth.OwnerLoginView.as_view(), name="owner-login"),
    path("owner/logout/", owner_auth.owner_logout, name="owner-logout"),
]
