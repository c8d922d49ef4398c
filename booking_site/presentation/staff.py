"""How the pages name the staff member of a booking before and after Wix assigns one."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext


def anyone_label() -> str:
    """ "any available therapist" in the business's own word, else "any available staff member".

    Shown for "anyone available" until Wix names the one person booked; never a list of names.
    """
    word = getattr(settings, "STAFF_WORD", "")
    if word:
        return gettext("any available %(word)s") % {"word": word}
    return gettext("any available staff member")
