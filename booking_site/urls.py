"""Public URL scheme (DESIGN.md §6): owners link to these, so keep them stable."""

from __future__ import annotations

from django.urls import path

from booking_site.views import catalogue

app_name = "booking"

urlpatterns = [
    path("", catalogue.service_list, name="services"),
]
