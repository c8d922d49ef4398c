"""Owner mode: staff book on behalf of a customer (service → time → details → review → result).

Every view is staff-only (customers are sent to the sign-in page and never see these pages)
and answers a clear 503 page, with no Wix call, when the API key every owner booking needs is
not configured. The owner's draft lives under its own session key (``owner_session``).
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from booking_site.errors import BookingError
from booking_site.owner_forms import (
    PAID_WITH_LABELS,
    CustomTimeForm,
    FindCustomerForm,
    OwnerDayForm,
    OwnerDetailsForm,
    OwnerSlotForm,
)
from booking_site.owner_session import (
    OwnerDraft,
    clear_owner_draft,
    load_owner_draft,
    save_owner_draft,
)
from booking_site.presentation import owner as owner_labels
from booking_site.services import manage
from booking_site.services import owner_booking as owner
from booking_site.services.catalogue import get_service_by_id
from booking_site.services.owner_submit import (
    owner_outcome,
    submit_owner_booking,
    with_link_visitor,
)
from booking_site.session import Contact
from booking_site.views.common import absolute_url, error_page, shows_booking_errors
from booking_site.views.owner_auth import owner_required

logger = logging.getLogger("booking_site.owner")


def needs_api_key(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Refuse with a clear 503 page, before any Wix call, when no API key is configured."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        if not owner.owner_mode_ready():
            logger.warning(
                "owner action refused: no API key",
                extra={"action": "refused", "staff": request.user.get_username()},
            )
            error = BookingError("owner_needs_api_key")
            return render(request, "owner/no_api_key.html", {"error": error}, status=503)
        return view(request, *args, **kwargs)

    return wrapper


def _staff_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Staff only, API key required, never cached, booking errors shown as a page."""
    return owner_required(needs_api_key(never_cache(shows_booking_errors(view))))


def _first_incomplete(draft: OwnerDraft) -> str | None:
    """Where a draft missing earlier steps belongs (None when review can be shown)."""
    if not draft.service_slug:
        return reverse("booking:owner-book")
    if draft.slot is None:
        return reverse("booking:owner-book-day", args=[draft.service_slug])
    if draft.contact is None or draft.payment is None:
        return reverse("booking:owner-book-details")
    return None


@require_GET
@_staff_view
def choose_service(request: HttpRequest) -> HttpResponse:
    """Which service the customer wants."""
    return render(request, "owner/book_services.html", {"services": owner.bookable_services()})


def _day_context(
    request: HttpRequest, slug: str, custom_form: CustomTimeForm | None
) -> dict[str, object]:
    service = owner.owner_service(slug)
    query = OwnerDayForm(request.GET)
    day = query.cleaned_data.get("date") if query.is_valid() else None
    if custom_form is not None and custom_form.is_bound and custom_form.is_valid():
        day = custom_form.cleaned_data["date"]
    view = owner.owner_day(service, day)
    form = custom_form or _custom_form(service, initial={"date": view.day.isoformat()})
    return {"day": view, "service": service, "custom_form": form}


def _custom_form(service: owner.Service, data: object = None, **kwargs: object) -> CustomTimeForm:
    return CustomTimeForm(
        data,
        staff_choices=[(s.id, s.name) for s in service.staff],
        location_choices=[(loc.id or "", loc.name or loc.type) for loc in service.locations],
        **kwargs,
    )


@require_GET
@_staff_view
def day(request: HttpRequest, slug: str) -> HttpResponse:
    """One day of the service: the offered slots, and a form for any other start time."""
    return render(request, "owner/book_day.html", _day_context(request, slug, None))


@require_POST
@_staff_view
def choose_slot(request: HttpRequest, slug: str) -> HttpResponse:
    """Take an offered slot (Wix's availability rules apply)."""
    service = owner.owner_service(slug)
    form = OwnerSlotForm(request.POST)
    if not form.is_valid():
        return redirect("booking:owner-book-day", slug=slug)
    chosen = owner.offered_slot(service, form.cleaned_data["slot"])
    _start(request, service, slot=chosen, custom_time=False)
    return redirect("booking:owner-book-details")


@require_POST
@_staff_view
def choose_custom_time(request: HttpRequest, slug: str) -> HttpResponse:
    """Take a typed start time: Create Booking will skip Wix's availability check."""
    service = owner.owner_service(slug)
    form = _custom_form(service, request.POST)
    if not form.is_valid():
        # Errors shown in place, next to their fields.
        return render(request, "owner/book_day.html", _day_context(request, slug, form))
    data = form.cleaned_data
    chosen = owner.custom_slot(
        service,
        day=data["date"],
        start=data["start"],
        staff_id=data["staff"],
        location_id=data["location"] or None,
    )
    _start(request, service, slot=chosen, custom_time=True)
    return redirect("booking:owner-book-details")


def _start(request: HttpRequest, service: owner.Service, **changes: object) -> None:
    """A fresh owner draft for this service and time, keeping the customer already entered."""
    previous = load_owner_draft(request)
    draft = OwnerDraft(
        service_id=service.id,
        service_slug=service.slug,
        service_type=str(service.type),
        contact=previous.contact,
        participants=previous.participants if previous.service_id == service.id else None,
    )
    save_owner_draft(request, draft.with_changes(**changes))


@require_http_methods(["GET", "POST"])
@_staff_view
def details(request: HttpRequest) -> HttpResponse:
    """The customer (typed, or found by email), participants and how it is paid."""
    draft = load_owner_draft(request)
    if draft.slot is None:
        return redirect(_first_incomplete(draft) or reverse("booking:owner-book"))
    service = get_service_by_id(draft.service_id or "")
    finder = FindCustomerForm(request.GET if "find" in request.GET else None)
    found = owner.find_customers(finder.cleaned_data["find"]) if finder.is_valid() else None
    # Which ways of paying can work depends on the price type, not on the count.
    the_quote = owner.owner_quote(service, 1)
    form = OwnerDetailsForm(
        request.POST if request.method == "POST" else None,
        initial=_initial(draft, found, finder),
        max_participants=owner.OWNER_MAX_PARTICIPANTS,
        payment_choices=owner_labels.payment_choices(owner.payment_methods(service, the_quote)),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        contact = Contact(data["first_name"], data["last_name"], data["email"], data["phone"] or "")
        draft = draft.with_changes(
            contact=contact,
            participants=data["participants"],
            payment=data["payment"],
            paid_with=data["paid_with"],
        )
        # The payment link's visitor is minted here, like a customer's at their details step:
        # a session is not saved with an error page, and a retry must reuse the same visitor.
        save_owner_draft(request, with_link_visitor(draft))
        return redirect("booking:owner-book-review")
    context = {
        "draft": draft,
        "service": service,
        "form": form,
        "finder": finder,
        "found": found,
        "times": owner.slot_times(draft.slot),
        "online_limit": owner.online_limit(service),
        "owner_limit": owner.OWNER_MAX_PARTICIPANTS,
    }
    return render(request, "owner/book_details.html", context)


def _initial(
    draft: OwnerDraft, found: list[owner.KnownCustomer] | None, finder: FindCustomerForm
) -> dict[str, object]:
    initial: dict[str, object] = {"participants": draft.participants or 1}
    if draft.payment:
        initial |= {"payment": draft.payment, "paid_with": draft.paid_with}
    contact = draft.contact
    pick = finder.cleaned_data.get("pick") if finder.is_bound and finder.is_valid() else None
    if found and pick is not None and pick < len(found):
        contact = found[pick].as_contact()
    elif finder.is_bound and finder.is_valid() and not found:
        initial["email"] = finder.cleaned_data["find"]
    if contact is not None:
        initial |= {
            "first_name": contact.first_name,
            "last_name": contact.last_name,
            "email": contact.email,
            "phone": contact.phone,
        }
    return initial


@require_GET
@_staff_view
def review(request: HttpRequest) -> HttpResponse:
    """Everything that will be sent, with the overridden rules said plainly."""
    draft = load_owner_draft(request)
    incomplete = _first_incomplete(draft)
    if incomplete:
        return redirect(incomplete)
    service = get_service_by_id(draft.service_id or "")
    context = {
        "draft": draft,
        "service": service,
        "quote": owner.owner_quote(service, draft.participants or 1),
        "overrides": owner.overrides(draft, service),
        "times": owner.slot_times(draft.slot),
        "online_limit": owner.online_limit(service),
        "payment_label": owner_labels.payment_label(draft.payment),
        "paid_with_label": PAID_WITH_LABELS.get(draft.paid_with or "", ""),
    }
    return render(request, "owner/book_review.html", context)


@require_POST
@_staff_view
def submit(request: HttpRequest) -> HttpResponse:
    """Create the booking in Wix and settle it; then show what Wix says."""
    draft = load_owner_draft(request)
    incomplete = _first_incomplete(draft)
    if incomplete:
        return redirect(incomplete)
    try:
        draft = with_link_visitor(draft)  # a draft from before the details step minted it
        ref = submit_owner_booking(
            draft=draft,
            staff=request.user.get_username(),
            link_return_url=absolute_url(request, reverse("booking:payment-link-return")),
        )
    except BookingError as error:
        return error_page(request, error)
    clear_owner_draft(request)
    return redirect("booking:owner-book-result", ref=ref)


@require_GET
@_staff_view
def result(request: HttpRequest, ref: str) -> HttpResponse:
    """The booking's status, payment status and double-booking flag, as Wix reports them."""
    outcome = owner_outcome(ref[:64])
    paid_with = PAID_WITH_LABELS.get(outcome.summary.paid_with or "", "")
    context = {
        "outcome": outcome,
        "payment_label": owner_labels.payment_label(outcome.summary.payment),
        "paid_with_label": paid_with,
    }
    if outcome.status not in ("DECLINED", "CANCELED"):
        # Staff manage it with overrides; the customer's own link is theirs to send on.
        token = manage.mint_for(ref[:64])
        context["owner_manage_url"] = reverse("booking:owner-manage", args=[ref[:64]])
        if token:
            customer = reverse("booking:manage", args=[token])
            context["customer_manage_url"] = absolute_url(request, customer)
    return render(request, "owner/book_result.html", context)


@require_GET
def payment_link_return(request: HttpRequest) -> HttpResponse:
    """Where a customer lands after a payment link: a thank-you that claims nothing.

    Wix's callback proves nothing (wix-api.md §10), and this customer has no session here, so
    the page only says what happens next; staff see the real status on the result page.
    """
    return render(request, "owner/payment_link_return.html")
