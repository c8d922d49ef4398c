"""Anonymous booking actions (docs/wix-contract.md §27, Developer Preview): the token is the
authority.

Only minting needs an identity (the API key; a visitor where Wix allows it); reading,
cancelling and rescheduling by token need none, so they go out as ``any`` (the shared caller).
"""

from __future__ import annotations

from booking_site.wix.callers import Identity
from booking_site.wix.errors import WixResponseError
from booking_site.wix.models._parse import obj
from booking_site.wix.models.anonymous import AnonymousBooking
from booking_site.wix.models.bookings import Booking
from booking_site.wix.models.services import Service
from booking_site.wix.models.slots import TimeSlot
from booking_site.wix.resources._base import Resource, segment
from booking_site.wix.resources.bookings import v2_slot

BASE = "/v1/anonymous-bookings"


class AnonymousBookingsAPI(Resource):
    """Mint a booking's token (API key), then read, cancel or reschedule it by that token."""

    def mint_token(self, booking_id: str, *, as_visitor: bool = False) -> str:
        """Get Anonymous Action Token: the URL-safe token for ``booking_id``.

        Documented for the API key only; without one the visitor asks, as Wix's headless
        recipe does (docs/wix-contract.md §27.2), and Wix may refuse it. ``as_visitor`` asks
        as the visitor even when the key is configured (``wix_doctor`` finds out that way).

        https://dev.wix.com/docs/api-reference/business-solutions/bookings/bookings/bookings-writer-v2/get-anonymous-action-token
        """
        path = f"{BASE}/{segment(booking_id)}/token"
        identity: Identity = "visitor" if as_visitor else "prefer_admin"
        response = self._caller.request("GET", path, identity=identity, retry=True)
        token = response.get("token")
        if not isinstance(token, str) or not token:
            raise WixResponseError("Get Anonymous Action Token returned no token")
        return token

    def get(self, token: str) -> AnonymousBooking:
        """Get Booking Anonymously with the cancellation fee (``fields=BOOKING_FEES``).

        https://dev.wix.com/docs/api-reference/business-solutions/bookings/bookings/bookings-writer-v2/anonymous-booking-actions-service-get-booking-anonymously
        """
        response = self._caller.request(
            "GET",
            f"{BASE}/{segment(token)}",
            params={"fields": "BOOKING_FEES"},
            identity="any",
            retry=True,
        )
        return AnonymousBooking.from_api(response)

    def get_service(self, token: str) -> Service:
        """Get Service Anonymously: the booked service, as Get Service returns it."""
        response = self._caller.request(
            "GET", f"{BASE}/{segment(token)}/service", identity="any", retry=True
        )
        return Service.from_api(obj(response.get("service")), media_base_url=self._media_base_url)

    def cancel(self, token: str, *, revision: str) -> Booking:
        """Cancel Booking Anonymously; Wix applies the policy and any cancellation fee."""
        # Not retried: a lost answer is settled by reading the booking again, not by resending.
        response = self._caller.request(
            "POST",
            f"{BASE}/{segment(token)}/cancel",
            json={"revision": revision},
            identity="any",
            retry=False,
        )
        return Booking.from_api(obj(response.get("booking")))

    def reschedule(
        self, token: str, *, slot: TimeSlot, revision: str, staff_id: str | None = None
    ) -> Booking:
        """Reschedule Booking Anonymously to ``slot`` (a class: another session of it)."""
        response = self._caller.request(
            "POST",
            f"{BASE}/{segment(token)}/reschedule",
            json={"slot": v2_slot(slot, staff_id), "revision": revision},
            identity="any",
            retry=False,
        )
        return Booking.from_api(obj(response.get("booking")))
