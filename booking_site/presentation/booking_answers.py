"""The booking form's answers as the review pages show them: the question, and the answer."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from booking_site.wix.models.form_schemas import FormField


def answer_rows(
    questions: Iterable[FormField], answers: Mapping[str, str | bool]
) -> list[tuple[str, str]]:
    """(question, answer) per question, in the form's order; an unanswered one says so.

    A dropdown shows its option's label, a checkbox "Yes" or "No".
    """
    rows = []
    for question in questions:
        value = answers.get(question.target)
        if isinstance(value, bool):
            shown = _("Yes") if value else _("No")
        elif value:
            labels = {option.value: option.label for option in question.options}
            shown = labels.get(value, value)
        else:
            shown = _("Not answered")
        rows.append((question.label, shown))
    return rows
