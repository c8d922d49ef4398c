"""How the pages name the staff member of a booking before and after Wix assigns one."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.utils.translation import gettext

if TYPE_CHECKING:
    from booking_site.services.availability import SlotChoice


def anyone_label() -> str:
    """ "any available therapist" in the business's own word, else "any available staff member".

    Shown for "anyone available" until Wix names the one person booked; never a list of names.
    """
    word = getattr(settings, "STAFF_WORD", "")
    if word:
        return gettext("any available %(word)s") % {"word": word}
    return gettext("any available staff member")


def price_depends_on_staff() -> str:
    """Why an anyone-available booking shows a price range, and when it becomes one price."""
    word = getattr(settings, "STAFF_WORD", "") or gettext("staff member")
    return gettext(
        "The price depends on which %(word)s takes your booking; you see the exact price "
        "before you pay."
    ) % {"word": word}


def staff_shown(choice: SlotChoice) -> tuple[str, ...]:
    """Who a time button names: the one person, or "any available therapist" for an
    appointment time several staff could take (Wix assigns one when booking), never a list.

    A class or course session keeps all its names: those people all teach it.
    """
    names = choice.staff_names
    if len(names) > 1 and choice.staff_id is None and not choice.slot.event_id:
        return (anyone_label(),)
    return names


def staff_text(choice: SlotChoice) -> str:
    """ "Ana", "any available therapist", or "Ana, Ben" for a session both teach."""
    return ", ".join(staff_shown(choice))
