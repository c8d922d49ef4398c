"""The booking form's answers as the review pages show them: the question, and the answer."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from booking_site.wix.models.form_schemas import FormAnswer, FormField


def answer_rows(
    questions: Iterable[FormField], answers: Mapping[str, FormAnswer]
) -> list[tuple[str, str]]:
    """(question, answer) per question, in the form's order; an unanswered one says so.

    A dropdown shows its option's label, a checkbox "Yes" or "No", a checkbox group the labels
    ticked; a question this site can't ask (``kind`` None) says it wasn't asked here.
    """
    rows = []
    for question in questions:
        value = answers.get(question.target)
        labels = {option.value: option.label for option in question.options}
        if question.kind is None:
            shown = _("Not asked on this site")
        elif isinstance(value, bool):
            shown = _("Yes") if value else _("No")
        elif isinstance(value, list):
            shown = ", ".join(labels.get(v, v) for v in value) or _("None ticked")
        elif value:
            shown = labels.get(value, value)
        else:
            shown = _("Not answered")
        rows.append((question.label, shown))
    return rows
