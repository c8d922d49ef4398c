"""Fixed Wix identifiers the client needs (docs/wix-contract.md §3.3, §9)."""

from __future__ import annotations

# Resource type of staff members, used in time-slot filters and resourceSelections.
STAFF_RESOURCE_TYPE_ID = "1cd44cf8-756f-41c3-bd90-3e2ffcaf1155"

# Wix Bookings' app id: pairs with a booking id to form an eCom catalog reference.
BOOKINGS_APP_ID = "13d21c63-b5ec-5912-8397-c3a5ddb27a97"

DEFAULT_BASE_URL = "https://www.wixapis.com"
DEFAULT_MEDIA_BASE_URL = "https://static.wixstatic.com/media/"
