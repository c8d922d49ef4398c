"""Owner mode: staff book on behalf of a customer (service → time → details → review → result).

Every view is staff-only (customers are sent to the sign-in page and never see these pages)
and answers a clear 503 page, with no Wix call, when the API key every owner booking needs is
not configured (``guards.staff_view``). The steps after choosing a time are guarded by owner
mode's funnel (``owner.steps.OWNER``), which loads the owner's draft from its own session key.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from booking_site.booking_form_fields import answers, initial_answers, mark_refused
from booking_site.errors import BookingError
from booking_site.owner.forms import PAID_WITH_LABELS, FindCustomerForm, OwnerDetailsForm
from booking_site.owner.services import customers, rules
from booking_site.owner.services.choosing import slot_times
from booking_site.owner.services.overlaps import overlapping_bookings
from booking_site.owner.services.submit import (
    owner_outcome,
    submit_owner_booking,
    with_link_visitor,
)
from booking_site.owner.session import LINK_METHODS, STORE, OwnerDraft
from booking_site.owner.steps import OWNER
from booking_site.owner.views.guards import staff_view
from booking_site.presentation import owner as owner_labels
from booking_site.presentation.booking_answers import answer_rows
from booking_site.presentation.payment import paid_sentence, split_rows
from booking_site.services import deposits, manage
from booking_site.services.booking_form import booking_questions
from booking_site.services.catalogue import get_service_by_id
from booking_site.views.common import absolute_url, error_page


@require_http_methods(["GET", "POST"])
@staff_view
@OWNER.requires_step("details")
def details(request: HttpRequest, draft: OwnerDraft) -> HttpResponse:
    """The customer (typed, or found by email), participants and how it is paid."""
    service = get_service_by_id(draft.service_id or "")
    finder = FindCustomerForm(request.GET if "find" in request.GET else None)
    found = customers.find_customers(finder.cleaned_data["find"]) if finder.is_valid() else None
    # Which ways of paying can work depends on the price type, not on the count.
    the_quote = rules.owner_quote(service, 1)
    questions = booking_questions(service)
    form = OwnerDetailsForm(
        request.POST if request.method == "POST" else None,
        initial=_initial(draft, found, finder) | initial_answers(draft.answers),
        max_participants=rules.OWNER_MAX_PARTICIPANTS,
        payment_choices=owner_labels.payment_choices(
            rules.payment_methods(service, the_quote),
            deposit=service.payment.deposit is not None,
        ),
        questions=questions,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        changes = {"participants": data["participants"], "payment": data["payment"]}
        changes |= {"contact": form.contact(), "paid_with": data["paid_with"]}
        changes |= {"answers": answers(form), "rejected_fields": {}}
        # The payment link's visitor is minted here, like a customer's at their details step:
        # a session is not saved with an error page, and a retry must reuse the same visitor.
        STORE.save(request, with_link_visitor(draft.with_changes(**changes)))
        return redirect("booking:owner-book-review")
    if request.method == "GET":
        mark_refused(form, draft.rejected_fields)  # what Wix refused at submit, on its field
    context = {
        "draft": draft,
        "service": service,
        "form": form,
        "finder": finder,
        "found": found,
        "times": slot_times(draft.slot),
        "online_limit": rules.online_limit(service),
        "owner_limit": rules.OWNER_MAX_PARTICIPANTS,
    }
    return render(request, "owner/book_details.html", context)


def _initial(
    draft: OwnerDraft, found: list[customers.KnownCustomer] | None, finder: FindCustomerForm
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
@staff_view
@OWNER.requires_step("review")
def review(request: HttpRequest, draft: OwnerDraft) -> HttpResponse:
    """Everything that will be sent, with the overridden rules said plainly."""
    service = get_service_by_id(draft.service_id or "")
    the_quote = rules.owner_quote(service, draft.participants or 1, draft)
    split = deposits.split(service, the_quote)
    context = {
        "draft": draft,
        "service": service,
        "answers": answer_rows(booking_questions(service), draft.answers),
        "quote": the_quote,
        "is_link": draft.payment in LINK_METHODS,
        "deposit_rows": split_rows(split) if split and draft.payment == "link" else [],
        "overrides": rules.overrides(draft, service),
        "overlaps": overlapping_bookings(draft),
        "times": slot_times(draft.slot),
        "online_limit": rules.online_limit(service),
        **_payment_labels(draft.payment, draft.paid_with),
    }
    return render(request, "owner/book_review.html", context)


def _payment_labels(payment: str | None, paid_with: str | None) -> dict[str, object]:
    return {
        "payment_label": owner_labels.payment_label(payment),
        "paid_with_label": PAID_WITH_LABELS.get(paid_with or "", ""),
    }


@require_POST
@staff_view
@OWNER.requires_step("review")
def submit(request: HttpRequest, draft: OwnerDraft) -> HttpResponse:
    """Create the booking in Wix and settle it; then show what Wix says."""
    try:
        draft = with_link_visitor(draft)  # a draft from before the details step minted it
        ref = submit_owner_booking(
            draft=draft,
            staff=request.user.get_username(),
            link_return_url=absolute_url(request, reverse("booking:payment-link-return")),
        )
    except BookingError as error:
        if error.code == "details_rejected":
            STORE.save(request, draft.with_changes(rejected_fields=error.fields))
            return redirect("booking:owner-book-details")
        return error_page(request, error)
    STORE.clear(request)
    return redirect("booking:owner-book-result", ref=ref)


@require_GET
@staff_view
def result(request: HttpRequest, ref: str) -> HttpResponse:
    """The booking's status, payment status and double-booking flag, as Wix reports them."""
    outcome = owner_outcome(ref[:64])
    summary = outcome.summary
    context = {
        "outcome": outcome,
        "status_words": owner_labels.booking_status_words(outcome.status),
        "payment_status_words": owner_labels.payment_status_words(outcome.payment_status),
        **_payment_labels(summary.payment, summary.paid_with),
        "deposit_sentence": paid_sentence(summary, outcome.payment_status)
        if outcome.payment_status == "PARTIALLY_PAID"
        else "",
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

    Wix's callback proves nothing (docs/wix-contract.md §10), and this customer has no session here,
    so the page only says what happens next; staff see the real status on the result page.
    """
    return render(request, "owner/payment_link_return.html")
