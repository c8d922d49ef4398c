"""The status page's "Manage booking" link (the customer's own, with the zone they chose)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.urls import reverse

from booking_site.services import manage
from booking_site.session import BookingDraft

MANAGEABLE = frozenset({"confirmed", "pending", "received"})


def manage_link(ref: str, status: str, draft: BookingDraft) -> dict[str, object]:
    """The "Manage booking" link of a made booking, minted on its first showing.

    The submit core should mint it right after Create Booking; until then (and for bookings
    made before) the status page does, tolerantly: no key or a Wix error just means no link.
    """
    if status not in MANAGEABLE:
        return {}
    token = manage.mint_for(ref)
    if token:
        url = reverse("booking:manage", args=[token])
        if draft.display_time_zone:  # the zone the customer chose the time in
            url += "?" + urlencode({"tz": draft.display_time_zone})
        return {"manage_url": url}
    return {"manage_unavailable": not manage.can_mint()}
