"""Public URL scheme (docs/architecture.md §6): owners link to these, so keep them stable."""

from __future__ import annotations

from django.urls import path

from booking_site.owner.views import auth as owner_auth
from booking_site.owner.views import booking as owner_book
from booking_site.owner.views import choose as owner_choose
from booking_site.owner.views import home as owner
from booking_site.owner.views import links as owner_links
from booking_site.owner.views import manage as owner_manage
from booking_site.views import (
    account,
    booking,
    branding,
    catalogue,
    embedding,
    manage,
    members,
    service,
)

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
    # Manage my booking: the link on the confirmation, the .ics and the status page.
    path("manage/<str:token>/", manage.manage_page, name="manage"),
    path("manage/<str:token>/cancel/", manage.manage_cancel, name="manage-cancel"),
    path("manage/<str:token>/reschedule/", manage.manage_reschedule, name="manage-reschedule"),
    path("manage/<str:token>/booking.ics", manage.manage_ics, name="manage-ics"),
    # Members (optional sign-in with Wix) and pricing plans.
    path("account/sign-in/", account.sign_in, name="sign-in"),
    path("account/callback/", account.sign_in_callback, name="sign-in-callback"),
    path("account/sign-out/", account.sign_out, name="sign-out"),
    path("me/", members.my_bookings_page, name="my-bookings"),
    path("plans/", members.plans_page, name="plans"),
    path("plans/buy/", members.buy_plan, name="buy-plan"),
    path("plans/return/", members.plan_return, name="plan-return"),
    # Embedding: the iframe hands the booking to the top window; the owner's optional script.
    path("book/continue/", embedding.continue_in_top, name="embed-continue"),
    path("embed.js", embedding.embed_script, name="embed-script"),
    # The business's colour (BRAND_COLOR) as CSS custom properties.
    path("brand.css", branding.brand_stylesheet, name="brand-css"),
    # Owner area (staff only).
    path("owner/", owner.owner_home, name="owner-home"),
    path("owner/login/", owner_auth.OwnerLoginView.as_view(), name="owner-login"),
    path("owner/logout/", owner_auth.owner_logout, name="owner-logout"),
    path("owner/links/", owner_links.owner_links, name="owner-links"),
    # Owner mode: booking on behalf of a customer (staff only, API key required).
    path("owner/book/", owner_choose.choose_service, name="owner-book"),
    path("owner/book/service/<slug:slug>/", owner_choose.day, name="owner-book-day"),
    path("owner/book/service/<slug:slug>/slot/", owner_choose.choose_slot, name="owner-book-slot"),
    path(
        "owner/book/service/<slug:slug>/custom/",
        owner_choose.choose_custom_time,
        name="owner-book-custom",
    ),
    path("owner/book/details/", owner_book.details, name="owner-book-details"),
    path("owner/book/review/", owner_book.review, name="owner-book-review"),
    path("owner/book/submit/", owner_book.submit, name="owner-book-submit"),
    path("owner/book/result/<str:ref>/", owner_book.result, name="owner-book-result"),
    path("owner/manage/<str:ref>/", owner_manage.owner_manage_page, name="owner-manage"),
    path(
        "owner/manage/<str:ref>/cancel/",
        owner_manage.owner_manage_cancel,
        name="owner-manage-cancel",
    ),
    path(
        "owner/manage/<str:ref>/reschedule/",
        owner_manage.owner_manage_reschedule,
        name="owner-manage-reschedule",
    ),
    path(
        "owner/manage/<str:ref>/booking.ics", owner_manage.owner_manage_ics, name="owner-manage-ics"
    ),
    path("book/paid/", owner_book.payment_link_return, name="payment-link-return"),
]
