"""Owner mode, customers: look a customer up by email among the site's recent bookings."""

from __future__ import annotations

from dataclasses import dataclass

from booking_site.owner.services.rules import require_api_key
from booking_site.services.wix_errors import wix_errors
from booking_site.session import Contact
from booking_site.wix import get_client


@dataclass(frozen=True)
class KnownCustomer:
    """Contact details from one of the site's recent bookings."""

    first_name: str
    last_name: str
    email: str
    phone: str
    last_booking: str | None

    def as_contact(self) -> Contact:
        return Contact(self.first_name, self.last_name, self.email, self.phone)


def find_customers(email: str, *, limit: int = 5) -> list[KnownCustomer]:
    """Distinct contact details booked under ``email``, most recent first (API key only).

    Raises ``BookingError`` (``owner_needs_api_key``, ``temporarily_unavailable`` …).
    """
    require_api_key()
    with wix_errors():
        found = get_client().extended_bookings.query(email=email.strip(), limit=20)
    people: list[KnownCustomer] = []
    seen: set[tuple[str, str, str, str]] = set()
    for item in found:
        contact = item.booking.contact
        key = (
            contact.first_name,
            contact.last_name or "",
            contact.email or "",
            contact.phone or "",
        )
        if not key[2] or key in seen:
            continue
        seen.add(key)
        people.append(KnownCustomer(*key, last_booking=item.booking.title))
    return people[:limit]
