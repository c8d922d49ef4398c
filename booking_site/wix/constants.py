"""Fixed Wix identifiers the client needs (docs/wix-contract.md §3.3, §9)."""

from __future__ import annotations

# Resource type of staff members, used in time-slot filters and resourceSelections.
STAFF_RESOURCE_TYPE_ID = "1cd44cf8-756f-41c3-bd90-3e2ffcaf1155"

# Wix Bookings' app id: pairs with a booking id to form an eCom catalog reference.
BOOKINGS_APP_ID = "13d21c63-b5ec-5912-8397-c3a5ddb27a97"

DEFAULT_BASE_URL = "https://www.wixapis.com"
DEFAULT_MEDIA_BASE_URL = "https://static.wixstatic.com/media/"

# Wix Pricing Plans' app id: a cart line's ``membershipPayment.existingMembership.appId``
# (docs/wix-contract.md §28.3).
PRICING_PLANS_APP_ID = "1522827f-c56c-a5c9-2ac9-00f9e6ae12d3"
