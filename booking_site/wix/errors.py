"""Exceptions raised by the Wix client, and the one function that maps a response to them."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from http import HTTPStatus
from typing import Any

import httpx


class WixError(Exception):
    """Base class of everything the Wix client raises."""


class WixMemberSignInExpired(WixError):
    """Wix refused a member's refresh token (revoked or expired): the member must sign in again.

    Never replaced by a visitor's token behind their back (docs/wix-contract.md §28.1).
    """


class WixConfigurationError(WixError):
    """The client lacks a credential the call needs (raised before any HTTP call)."""


class WixResponseError(WixError):
    """Wix answered something we cannot parse or that lacks a required field."""


class WixConnectionError(WixError):
    """Wix could not be reached (DNS, refused connection, reset)."""


class WixTimeout(WixConnectionError):
    """Wix did not answer within the configured timeout (or the read's deadline)."""


class WixBusy(WixError):
    """Not sent: this process already has as many Wix calls in flight as it allows.

    Nothing reached Wix, so even a write may safely be tried again later.
    """


@dataclass(frozen=True)
class FieldViolation:
    """One entry of ``details.validationError.fieldViolations``."""

    field: str
    description: str
    rule_name: str | None = None
    violated_rule: str | None = None
    data: Mapping[str, Any] = dataclasses.field(default_factory=dict)


class WixAPIError(WixError):
    """Wix answered with a non-2xx status."""

    def __init__(
        self,
        *,
        status: int,
        code: str | None,
        message: str,
        request_id: str | None,
        details: dict[str, Any] | None = None,
        description: str | None = None,
        field_violations: tuple[FieldViolation, ...] = (),
        retry_after: float | None = None,
    ) -> None:
        self.status = status
        self.code = code
        self.message = message
        self.request_id = request_id
        self.details = details or {}
        self.description = description
        self.field_violations = field_violations
        self.retry_after = retry_after
        super().__init__(str(self))

    def __str__(self) -> str:
        # Only Wix's own message and code: the request never echoes credentials back into these.
        return f"Wix {self.status} {self.code or ''}: {self.message} (request id {self.request_id})"


class WixBadRequest(WixAPIError):
    """HTTP 400: invalid argument or failed validation."""


class WixUnauthorized(WixAPIError):
    """HTTP 401: missing, invalid or expired credential."""


class WixForbidden(WixAPIError):
    """HTTP 403: the identity may not call this method."""


class WixNotFound(WixAPIError):
    """HTTP 404: no such entity."""


class WixConflict(WixAPIError):
    """HTTP 409: already exists or stale revision."""


class WixPreconditionFailed(WixAPIError):
    """HTTP 428: a business rule failed, e.g. SLOT_NOT_AVAILABLE."""


class WixRateLimited(WixAPIError):
    """HTTP 429: throttled; ``retry_after`` holds the Retry-After seconds when sent."""


class WixServerError(WixAPIError):
    """HTTP 5xx: Wix-side failure; the request itself may be fine."""


_BY_STATUS: dict[int, type[WixAPIError]] = {
    400: WixBadRequest,
    401: WixUnauthorized,
    403: WixForbidden,
    404: WixNotFound,
    409: WixConflict,
    428: WixPreconditionFailed,
    429: WixRateLimited,
}

REQUEST_ID_HEADER = "x-wix-request-id"


def error_from_response(response: httpx.Response, *, now: float | None = None) -> WixAPIError:
    """Build the exception for a non-2xx Wix response, parsing every documented envelope form."""
    body = _json_object(response)
    raw_details = body.get("details")
    details: dict[str, Any] = raw_details if isinstance(raw_details, dict) else {}
    app_error = details.get("applicationError")
    app_error = app_error if isinstance(app_error, dict) else {}
    validation = details.get("validationError")
    violations = _violations(validation if isinstance(validation, dict) else {})

    code = app_error.get("code") if isinstance(app_error.get("code"), str) else None
    if code is None and violations:
        code = "VALIDATION_ERROR"
    if code is None:
        # A bare status (system errors, gateways): synthesise from the reason phrase like the SDK.
        code = _status_code_name(response.status_code)
    message = body.get("message") if isinstance(body.get("message"), str) else None
    description = app_error.get("description")
    cls = _BY_STATUS.get(response.status_code)
    if cls is None:
        cls = WixServerError if response.status_code >= 500 else WixAPIError
    return cls(
        status=response.status_code,
        code=code,
        message=message or (description if isinstance(description, str) else code),
        request_id=response.headers.get(REQUEST_ID_HEADER),
        details=details,
        description=description if isinstance(description, str) else None,
        field_violations=violations,
        retry_after=parse_retry_after(response.headers.get("retry-after"), now=now),
    )


def parse_retry_after(value: str | None, *, now: float | None = None) -> float | None:
    """Seconds from a Retry-After header (delta-seconds or HTTP date), or None."""
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if now is None or moment.tzinfo is None:
        return None
    return max(0.0, moment.timestamp() - now)


def _json_object(response: httpx.Response) -> dict[str, Any]:
    try:
        body = response.json()
    except (ValueError, RecursionError):  # proxies' HTML pages, empty or absurdly deep bodies
        return {}
    return body if isinstance(body, dict) else {}


def _violations(validation: Mapping[str, Any]) -> tuple[FieldViolation, ...]:
    raw = validation.get("fieldViolations")
    if not isinstance(raw, list):
        return ()
    return tuple(
        FieldViolation(
            field=str(item.get("field") or ""),
            description=str(item.get("description") or ""),
            rule_name=item.get("ruleName") if isinstance(item.get("ruleName"), str) else None,
            violated_rule=(
                item.get("violatedRule") if isinstance(item.get("violatedRule"), str) else None
            ),
            data=data if isinstance(data := item.get("data"), dict) else {},
        )
        for item in raw
        if isinstance(item, dict)
    )


def _status_code_name(status: int) -> str:
    try:
        return HTTPStatus(status).phrase.upper().replace(" ", "_").replace("-", "_")
    except ValueError:
        return f"HTTP_{status}"
