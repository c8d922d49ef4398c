"""Customer-facing booking errors: one code per situation, one catalogue of translated messages.

The service layer turns every Wix failure into a ``BookingError``; views catch only this class
and show ``error.message``. Nothing from Wix (``str(exc)``, request bodies) reaches a customer.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:  # the stubs' name for what gettext_lazy returns
    from django.utils.functional import _StrPromise

MESSAGES: dict[str, _StrPromise] = {
    "service_not_found": _("We couldn't find that service. It may no longer be offered online."),
    "service_not_bookable_here": _(
        "That service is managed by another Wix app, so it can't be booked on this site. "
        "Please contact us to book it."
    ),
    "service_not_bookable": _("This service can't be booked online. Please contact us."),
    "form_not_askable": _(
        "This service's booking form asks for something this site can't collect, such as a "
        "file or an address. Please contact us to book it."
    ),
    "slot_taken": _(
        "Sorry, that time was just booked by someone else. Here are the nearest times."
    ),
    "slot_not_found": _("That time is no longer available. Please pick another one."),
    "class_full": _("Sorry, there aren't enough places left in that class."),
    "course_full": _("Sorry, there aren't enough places left on this course."),
    "course_started": _("This course has already started and can no longer be booked."),
    "policy_violation": _(
        "That time can't be booked online any more, or not yet. Please pick another."
    ),
    "too_many_participants": _("That's more participants than one booking allows."),
    "invalid_choices": _(
        "Those participant options don't match this service. Please choose again."
    ),
    "temporarily_unavailable": _(
        "Our booking system is temporarily unavailable. Nothing was booked. "
        "Please try again in a minute."
    ),
    "rate_limited": _("We're very busy right now. Please wait a moment and try again."),
    "payment_unavailable": _("Online payment isn't available for this booking right now."),
    "booking_not_found": _("We couldn't find that booking."),
    "outcome_unknown": _(
        "Our booking system didn't answer in time, so your booking may already have gone "
        "through. "
        "Please check your email for a confirmation before trying again."
    ),
    "outcome_pending": _(
        "Our booking system didn't answer in time, and we couldn't check yet whether your "
        "booking went through. Please try again in a minute: we check first, so you won't "
        "be booked twice."
    ),
    "booking_held": _(
        "Your booking is made and your time is held, but we couldn't finish it just now. "
        "Please try again in a minute: we carry on with the same booking, never a second one."
    ),
    "draft_expired": _("Your booking session expired, so we started a fresh one."),
    "admin_required": _("This needs the business's Wix API key, which isn't configured."),
    "owner_needs_api_key": _(
        "Booking on behalf of customers needs the business's Wix API key (WIX_API_KEY and "
        "WIX_SITE_ID), which isn't configured. Nothing was sent to Wix."
    ),
    "owner_in_progress": _(
        "This booking is already being sent to Wix from another tab. Wait a moment, then "
        "open the result."
    ),
    "manage_link_invalid": _(
        "This link to manage a booking doesn't work: it may be mistyped or no longer valid. "
        "Please use the link in your confirmation email, or contact us."
    ),
    "manage_try_later": _(
        "We couldn't reach the booking system just now. Nothing was changed. "
        "Please try again in a minute."
    ),
    "manage_changed": _(
        "This booking changed in the meantime. Please check it below before going on."
    ),
    # Members and pricing plans (docs/architecture.md, "Members and plans").
    "sign_in_refused": _(
        "This sign-in didn't come from the sign-in you started here, or it was already used. "
        "Nothing was changed. Please sign in again from this site."
    ),
    "sign_in_failed": _("We couldn't sign you in just now. Nothing was changed. Please try again."),
    "sign_in_cancelled": _("Signing in was cancelled. Nothing was changed."),
    "sign_in_needed": _("Please sign in first."),
    "sign_in_expired": _("Your sign-in has expired — sign in again."),
    "plan_insufficient": _(
        "Your plan doesn't have enough sessions left for this booking. Nothing was booked: "
        "choose fewer participants or another way to pay."
    ),
    "plan_not_applicable": _(
        "That plan doesn't cover this service. Nothing was booked: choose another way to pay."
    ),
    "plan_unavailable": _(
        "That plan can't be used right now (it may have ended). Nothing was booked: choose "
        "another way to pay."
    ),
    "plan_not_found": _("We couldn't find that plan. It may no longer be offered."),
    # Wix's documented refusals (services/wix_codes.py): each says what happened and what next.
    "details_rejected": _(
        "Some of your answers weren't accepted by the booking system. Nothing was booked. "
        "Please check the questions marked below."
    ),
    "booking_rejected": _(
        "The booking system couldn't accept this booking as we sent it. Nothing was booked. "
        "We've noted the problem; please contact us to book."
    ),
    "not_permitted": _(
        "The booking system doesn't let this site make that booking. Nothing was booked. "
        "Please contact us to book."
    ),
    "contact_conflict": _(
        "The booking system found two different sets of contact details for this booking. "
        "Nothing was booked. Please check your name, email and phone, then try again."
    ),
    "staff_not_bookable": _(
        "That staff member can't be booked this way for this service. Nothing was booked. "
        "Please choose the time again."
    ),
    "order_exists": _(
        "This booking has already been ordered, so there is nothing more to pay here. "
        "Its status page shows where it stands."
    ),
    "cart_item_missing": _(
        "The shop couldn't find this booking to take payment for it. Nothing was charged. "
        "Please choose your time again, or contact us."
    ),
    "cart_out_of_stock": _(
        "This time is no longer available, so the booking can't be paid for. "
        "Nothing was charged. Please choose another time."
    ),
    "cart_blocked": _(
        "The shop found a problem with this order and couldn't place it. Nothing was charged. "
        "Please contact us to finish your booking."
    ),
    "price_changed": _(
        "The price changed while you were booking. Nothing was charged. "
        "Please go back to the review page to see the new total."
    ),
    "price_unavailable": _(
        "The shop couldn't work out the price of this booking just now. Nothing was charged. "
        "Please try again in a minute."
    ),
    "payment_in_progress": _(
        "A payment for this booking is already under way. Please finish it in the other tab, "
        "or wait a minute and check your booking's status."
    ),
    "payment_expired": _(
        "The payment took too long and expired. Nothing was charged. Please try again."
    ),
    "payment_method_unavailable": _(
        "That way of paying isn't available for this booking. Nothing was charged. "
        "Please try again, or choose another way to pay."
    ),
    "membership_unusable": _(
        "Your membership or plan can't be used to pay for this booking. Nothing was charged. "
        "Please choose another way to pay."
    ),
    "members_only": _(
        "This service can only be booked by the business's signed-in members. "
        "Please contact us to book it."
    ),
    "deposit_misconfigured": _(
        "The deposit set for this service is more than its price, so it can't be paid online. "
        "Please contact us to book."
    ),
    "discount_invalid": _(
        "A discount code or gift card on this order can't be used. Nothing was charged. "
        "Please try again, or contact us."
    ),
    "checkout_unavailable": _(
        "The business's online checkout isn't set up yet, so this booking can't be paid "
        "online. Please contact us to finish it."
    ),
    "cart_rejected": _(
        "The shop couldn't accept this booking for payment as we sent it. Nothing was "
        "charged. Please contact us to finish your booking."
    ),
    "unknown": _("Something went wrong on our side. Nothing was booked. Please try again."),
}


class BookingError(Exception):
    """A failure the customer can be told about, identified by a code from ``MESSAGES``.

    ``retryable`` says whether trying again later may succeed (Wix down or throttling), which
    views answer with 503 and a retry link rather than a dead end. ``unpayable``: Wix refused
    the booking's payment for good, so the booking is cancelled rather than left for nobody.
    ``fields`` names the form fields (Wix's ``target`` names) a validation failure was about,
    each ``missing`` or ``invalid``, for the details page to mark.
    """

    RETRYABLE = frozenset(
        {
            "temporarily_unavailable",
            "rate_limited",
            "outcome_pending",
            "booking_held",
            "manage_try_later",
        }
    )

    # Signing in went wrong before anything changed: starting it again is the way on.
    SIGN_IN_AGAIN = frozenset({"sign_in_refused", "sign_in_failed", "sign_in_cancelled"})

    UNPAYABLE = frozenset(
        {
            "payment_unavailable",
            "cart_item_missing",
            "cart_out_of_stock",
            "checkout_unavailable",
            "deposit_misconfigured",
            "members_only",
            # A pricing plan that can't pay (services/plan_payment.py, wix_codes.py).
            "membership_unusable",
            "plan_insufficient",
            "plan_not_applicable",
            "plan_unavailable",
        }
    )

    def __init__(
        self,
        code: str,
        *,
        wix_request_id: str | None = None,
        fields: Mapping[str, str] | None = None,
    ) -> None:
        if code not in MESSAGES:
            raise ValueError(f"unknown booking error code {code!r}")
        super().__init__(code)
        self.code = code
        self.wix_request_id = wix_request_id
        self.fields: dict[str, str] = dict(fields or {})

    @property
    def message(self) -> str:
        """The translated message for the customer."""
        return str(MESSAGES[self.code])

    @property
    def retryable(self) -> bool:
        return self.code in self.RETRYABLE

    @property
    def signs_in_again(self) -> bool:
        """Whether the error page offers to start signing in again (its retry link)."""
        return self.code in self.SIGN_IN_AGAIN

    @property
    def unpayable(self) -> bool:
        return self.code in self.UNPAYABLE
