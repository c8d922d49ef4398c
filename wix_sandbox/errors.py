"""Wix error envelopes (docs/wix-contract.md §14.1) raised by handlers and rendered once by the
app."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class FieldViolation:
    """One entry of ``details.validationError.fieldViolations``."""

    field: str
    description: str
    violated_rule: str = "VALIDATION_ERROR"

    def to_json(self) -> dict[str, Any]:
        return {
            "field": self.field,
            "description": self.description,
            "violatedRule": self.violated_rule,
            "ruleName": "VALIDATION_ERROR",
            "data": {},
        }


@dataclass
class WixError(Exception):
    """A Wix-shaped error: HTTP status plus an application or validation error.

    Handlers raise it; ``app`` turns it into the envelope, so every error leaves the
    sandbox in the same shape. With neither ``code`` nor ``violations`` the body has an
    empty ``details`` (Wix's "system error" form).
    """

    status: int
    message: str
    code: str | None = None
    description: str | None = None
    data: dict[str, Any] = field(default_factory=dict)
    violations: tuple[FieldViolation, ...] = ()
    headers: tuple[tuple[str, str], ...] = ()

    def __post_init__(self) -> None:
        super().__init__(self.message)

    def envelope(self) -> dict[str, Any]:
        """The JSON body Wix sends for this error."""
        details: dict[str, Any] = {}
        if self.violations:
            details["validationError"] = {"fieldViolations": [v.to_json() for v in self.violations]}
        elif self.code:
            details["applicationError"] = {
                "code": self.code,
                "description": self.description or self.message,
                "data": self.data,
            }
        return {"message": self.message, "details": details}


def app_error(status: int, code: str, message: str, data: dict[str, Any] | None = None) -> WixError:
    """An application (business-rule) error."""
    return WixError(status=status, message=message, code=code, description=message, data=data or {})


def invalid(field_name: str, description: str) -> WixError:
    """A 400 validation error about one field."""
    return invalid_fields([FieldViolation(field_name, description)])


def invalid_fields(violations: list[FieldViolation]) -> WixError:
    """A 400 validation error listing several fields."""
    text = "; ".join(f"{v.field} {v.description}" for v in violations)
    return WixError(status=400, message=f"INVALID_ARGUMENT: {text}", violations=tuple(violations))


def not_found(code: str, message: str) -> WixError:
    """A 404 with an application error code."""
    return app_error(404, code, message)


def unauthenticated(message: str) -> WixError:
    """401: missing, unknown or expired credential."""
    return app_error(401, "UNAUTHENTICATED", message)


def permission_denied(message: str) -> WixError:
    """403: the identity may not call this method."""
    return app_error(403, "PERMISSION_DENIED", message)
