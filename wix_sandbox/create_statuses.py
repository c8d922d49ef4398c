"""Create Booking's HTTP status per error code, as corrected in docs/wix-contract.md §6.4.

The handlers raise each code with the status the sandbox used before the correction (400 for
validation and choices, 404 for unknown sessions and schedules, 428 for policy); Create Booking's
answer is then given the status the Create Booking page lists ("Possible Errors"). With the
legacy switch ``create_booking_statuses`` on (``Sandbox.set_legacy``) the old statuses stay,
for tests written against them.
"""

from __future__ import annotations

import dataclasses

from .errors import WixError

# The Create Booking page's statuses (§6.4). SLOT_HOLD_UNAVAILABLE has none documented.
DOCUMENTED = {
    "SLOT_NOT_AVAILABLE": 428,
    "SESSION_CAPACITY_EXCEEDED": 428,
    "SCHEDULE_CAPACITY_EXCEEDED": 428,
    "BOOKING_POLICY_VIOLATION": 403,
    "FAILED_VALIDATING_AVAILABILITY": 428,
    "VALIDATION_FAILURE": 428,
    "SESSION_NOT_FOUND": 428,
    "SCHEDULE_NOT_FOUND": 428,
    "INVALID_CHOICES": 400,
    "INVALID_SERVICE_CHOICES": 428,
    "FAILED_RESOLVING_CUSTOM_CHOICES": 428,
    "UNAUTHORIZED_OPERATION": 403,
    "INVALID_DATE_FORMAT": 400,
    "INVALID_TIME_ZONE": 400,
    "CONTACT_DETAILS_CONFLICT": 400,
    "INVALID_FLOW_SELECTED_RESOURCES": 428,
    "CAN_NOT_SKIP_AVAILABILITY_VALIDATION_IF_RESOURCE_NOT_PROVIDED": 428,
    "CAN_NOT_CREATE_BOOKING_WITH_MULTI_SERVICE_BOOKING_INFO": 428,
}


def documented(error: WixError, *, legacy: bool) -> WixError:
    """``error`` with the status Create Booking documents for its code (unchanged if legacy)."""
    status = DOCUMENTED.get(error.code or "")
    if legacy or status is None or status == error.status:
        return error
    return dataclasses.replace(error, status=status)
