"""Seed the peer as its README says: a service (made in the admin there), a staff member who
offers it, and their working hours: every day, all day (00:00-23:59), so that its page shows
times today whenever the benchmark runs (with 09:00-17:00, an evening run found none and the
paint measure timed out). Prints the service page's path and the slots request's path, one
per line."""

from __future__ import annotations

import datetime as dt
import os

import django


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.peer.settings")
    django.setup()
    from appointment.models import Service, StaffMember, WorkingHours
    from django.contrib.auth import get_user_model
    from django.urls import reverse

    service, _ = Service.objects.get_or_create(
        name="Deep tissue massage",
        defaults={"duration": dt.timedelta(minutes=60), "price": 65, "description": "Massage"},
    )
    user, _ = get_user_model().objects.get_or_create(
        username="tom", defaults={"first_name": "Tom", "email": "tom@example.com"}
    )
    staff, _ = StaffMember.objects.get_or_create(user=user)
    staff.services_offered.add(service)
    for day in range(7):
        WorkingHours.objects.get_or_create(
            staff_member=staff,
            day_of_week=day,
            defaults={"start_time": dt.time(0), "end_time": dt.time(23, 59)},
        )
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    print(reverse("appointment:appointment_request", args=[service.id]))
    print(
        reverse("appointment:available_slots_ajax")
        + f"?selected_date={tomorrow.isoformat()}&staff_member={staff.id}"
    )


if __name__ == "__main__":
    main()
