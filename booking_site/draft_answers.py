"""The booking form answers a draft keeps, checked when a stored draft is read back."""

from __future__ import annotations

from typing import Any

from booking_site.wix.models.form_schemas import FormAnswer


def answers_from_json(value: Any) -> dict[str, FormAnswer]:
    """Stored booking form answers; raises ``ValueError`` for anything but short text, bools
    or a checkbox group's list of option values (Wix allows up to 400 options of 400 chars)."""
    if value is None:
        return {}
    if not isinstance(value, dict) or len(value) > 100:
        raise ValueError("draft answers invalid")
    for key, answer in value.items():
        if not isinstance(key, str) or not 0 < len(key) <= 200:
            raise ValueError("draft answer key invalid")
        if not _answer_ok(answer):
            raise ValueError("draft answer invalid")
    return {k: list(a) if isinstance(a, list) else a for k, a in value.items()}


def _answer_ok(answer: Any) -> bool:
    if isinstance(answer, bool):
        return True
    if isinstance(answer, str):
        return len(answer) <= 2000
    return (
        isinstance(answer, list)
        and len(answer) <= 400
        and all(isinstance(v, str) and len(v) <= 400 for v in answer)
    )
