"""Words for the submit's steps on the progress page (``views/submit_progress.py``).

The submit core names its steps (``services/submit_core.py``); a step without words here is
shown with the generic ones, so a new step never breaks the page.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from booking_site.services.progress import Step

_DOING = {
    "recheck": _("Checking your choice is still open"),
    "create": _("Booking your time with the business"),
    "lookup": _("Checking whether your booking was made"),
    "checkout": _("Preparing your payment"),
    "payment-link": _("Preparing the payment link"),
    "confirm": _("Confirming your booking"),
    "order": _("Recording your order"),
}
_GENERIC = _("Finishing your booking")
_RESULT = {"done": _("done"), "failed": _("did not work")}


def doing(step: Step) -> str:
    """What the step does, as a customer would say it."""
    return str(_DOING.get(step.name, _GENERIC))


def result(step: Step) -> str:
    """How the step ended (for a step that has)."""
    return str(_RESULT.get(step.state, ""))


def going_on(kind: str) -> str:
    """The sentence above the progress page's Continue link, by where it leads."""
    if kind == "checkout":
        return str(_("Your time is booked. Taking you to payment…"))
    if kind == "slot-taken":
        return str(_("That time has just gone. Taking you to the nearest free times…"))
    return str(_("Done. Taking you to your booking…"))
