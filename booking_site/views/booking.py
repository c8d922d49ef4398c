"""The funnel after the slot: details, review and submit, Wix's return, status and calendar file."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from booking_site import booking_form_fields
from booking_site.embed import is_framed
from booking_site.errors import BookingError
from booking_site.flow import navigate, requires_step
from booking_site.forms import DetailsForm, SubmitForm
from booking_site.member_session import load_member
from booking_site.presentation import details as details_page
from booking_site.presentation import payment as payment_words
from booking_site.presentation import status as status_page
from booking_site.presentation.course import course_view
from booking_site.ratelimit import rate_limited
from booking_site.services import attempts, catalogue, chosen_slot, manage, outcome, status_reads
from booking_site.services import booking as booking_service
from booking_site.services.calendar_file import ics_for
from booking_site.services.details import DetailsSetup, details_from_input, details_setup
from booking_site.session import BookingDraft, clear_draft, load_draft, save_draft
from booking_site.views import submit_progress
from booking_site.views.common import (
    HtmxHttpRequest,
    absolute_url,
    browsing,
    error_page,
    reading_status,
    shows_booking_errors,
)
from booking_site.views.embedding import to_checkout
from booking_site.views.manage_link import manage_link
from booking_site.views.second_tab import refuses_stale_pages

# Errors that mean "this time can't be had": answered with alternatives, details kept.
_SLOT_GONE = frozenset({"slot_taken", "class_full", "slot_not_found", "policy_violation"})
SUBMIT_LIMIT_PER_MINUTE = 10


def _wix_callbacks(request: HtmxHttpRequest, draft: BookingDraft) -> dict[str, str]:
    back = absolute_url(request, reverse("booking:return") + f"?ref={draft.ref}")
    return {"return_url": back, "thank_you_url": back + "&paid=1"}


def details_from_form(draft: BookingDraft, setup: DetailsSetup, form: DetailsForm) -> BookingDraft:
    """The draft with a valid details form's values, checked again by the service."""
    return details_from_input(
        draft,
        setup,
        participants=form.cleaned_data.get("participants"),
        counts=form.variant_counts(),
        contact=form.contact(),
        payment_option=form.cleaned_data.get("payment_option"),
        answers=booking_form_fields.answers(form),
    )


@require_http_methods(["GET", "POST"])
@never_cache
@browsing
@shows_booking_errors
@requires_step("details")
@refuses_stale_pages(details_page.CHANGED_ELSEWHERE_DETAILS, back_to="booking:details")
def details(request: HtmxHttpRequest, draft: BookingDraft) -> HttpResponse:
    """Participants (or a count per variant) and contact details, with a live price."""
    member = load_member(request)
    preview = request.method == "POST" and request.POST.get("preview") == "1"
    # The live price needs the member's plans only while a plan is the chosen payment: other
    # keystrokes cost no Wix call for the member's orders.
    plan_chosen = request.POST.get("payment_option", "").startswith("plan:")
    setup = details_setup(draft, None if preview and not plan_chosen else member)
    form = DetailsForm(
        request.POST if request.method == "POST" else None,
        initial=setup.initial,
        max_participants=setup.max_participants,
        variant_names=setup.variant_names,
        payment_options=details_page.payment_choices(setup),
        questions=setup.questions,
    )
    changed = details_from_form(draft, setup, form) if form.is_valid() and not preview else None
    if changed is not None and details_page.plan_fits(form, setup, changed):
        # A change to what is booked, once Wix has the booking, is booked anew (shown = charged).
        draft = attempts.after_change(draft, changed)
        # Signed in: the member books (their plan can pay); else the customer's visitor.
        tokens = (member and member.member_tokens) or booking_service.ensure_visitor(draft)
        save_draft(request, draft.with_tokens(tokens))
        return navigate(request, reverse("booking:review"))
    if request.method == "GET":
        # Wix refused answers at submit: marked on their fields, the draft's values kept.
        booking_form_fields.mark_refused(form, draft.rejected_fields)
    context = {**details_page.details_context(setup, draft), "form": form}
    if preview:
        form.is_valid()  # the counts typed so far; the errors wait for the real submit
        participants = form.cleaned_data.get("participants")
        option = form.cleaned_data.get("payment_option") or setup.payment_codes[0]
        the_quote = setup.preview_quote(participants, form.variant_counts())
        plan_name = details_page.chosen_plan_name(setup, option, None)
        context |= details_page.price_context(setup, the_quote, option, plan_name)
        return render(request, "booking/details.html#price-summary", context)
    template = "booking/details.html"
    if request.htmx and request.method == "POST":
        template += "#details-form"  # errors re-rendered in place, status 200 (htmx 2 swaps it)
    return render(request, template, context)


@require_GET
@never_cache
@browsing
@shows_booking_errors
@requires_step("review")
def review(request: HtmxHttpRequest, draft: BookingDraft) -> HttpResponse:
    """The summary the customer confirms."""
    context = details_page.review_context(details_setup(draft, load_member(request)), draft)
    return render(request, "booking/review.html", context)


@require_POST
@never_cache
# Per client: enough for double clicks, second tabs and retries; not for a bot hammering Wix.
@rate_limited("submit", limit=SUBMIT_LIMIT_PER_MINUTE, window=60)
@requires_step("review")
@refuses_stale_pages(details_page.CHANGED_ELSEWHERE_REVIEW, back_to="booking:review")
def submit(request: HtmxHttpRequest, draft: BookingDraft) -> HttpResponseBase:
    """Create the booking once and send the customer to pay, or to the confirmation.

    The review page's form asks for the progress page (each Wix call shown as it happens,
    ``views/submit_progress.py``); other posts, and submits inside an iframe (which must
    hand over to the top window), get the plain redirect.
    """
    fresh = attempts.for_submit(draft)  # what the review page showed is what Wix books
    if fresh.ref != draft.ref:
        draft = fresh
        save_draft(request, draft)
    if SubmitForm(request.POST).shows_progress() and not is_framed(request):
        return submit_progress.streamed(request, lambda: _submitted(request, draft))
    after = _submitted(request, draft)
    if after.error is not None:
        return error_page(request, after.error, retry_url=after.retry_url)
    if after.held:
        return render(request, "booking/processing.html", status=202)
    assert after.url is not None
    if after.kind == "checkout":
        return to_checkout(request, after.url)  # top window, even when embedded
    return navigate(request, after.url)


def _submitted(request: HtmxHttpRequest, draft: BookingDraft) -> submit_progress.Next:
    """Submit ``draft`` (the one service call) and say where the customer goes next."""
    try:
        result = booking_service.submit_booking(draft=draft, **_wix_callbacks(request, draft))
    except BookingError as error:
        if error.code in _SLOT_GONE:
            chosen_slot.slot_lost(draft)  # once, now that Wix said so; the page only reads
            url = reverse("booking:slot-taken") + f"?reason={error.code}"
            return submit_progress.Next(url=url, kind="slot-taken")
        if error.code == "details_rejected":
            # Back to the answers Wix refused, each marked on its field; nothing is lost.
            save_draft(request, draft.with_changes(rejected_fields=error.fields))
            return submit_progress.Next(url=reverse("booking:details"))
        # Trying again means pressing submit on the review page (safe: never booked twice).
        return submit_progress.Next(error=error, retry_url=reverse("booking:review"))
    status_reads.forget(draft.ref)  # the booking may have just changed: read it afresh
    if result.visitor_tokens:
        save_draft(request, draft.with_tokens(result.visitor_tokens))
    if result.kind == "checkout" and result.checkout_url:
        return submit_progress.Next(url=result.checkout_url, kind="checkout")
    if result.kind == "processing":
        return submit_progress.Next(held=True)
    return submit_progress.Next(url=reverse("booking:status") + f"?ref={draft.ref}")


@require_GET
@never_cache
@browsing
@shows_booking_errors
def slot_taken(request: HtmxHttpRequest) -> HttpResponse:
    """The slot went while the customer was booking: say so and offer the nearest times."""
    draft = load_draft(request).draft
    if draft.service_id is None:
        return redirect("booking:services")
    service = catalogue.get_service_by_id(draft.service_id)
    code = request.GET.get("reason", "")
    context = {
        "service": service,
        "message": BookingError(code if code in _SLOT_GONE else "slot_taken").message,
        "alternatives": chosen_slot.alternatives_for(service, draft),
        "draft": draft,
    }
    return render(request, "booking/slot_taken.html", context, status=409)


@require_GET
@never_cache
@reading_status
def return_from_wix(request: HtmxHttpRequest) -> HttpResponse:
    """Wix's callback: never trusted, just a hop to the status page (which asks Wix afresh)."""
    ref = request.GET.get("ref", "")[:64]
    if ref == load_draft(request).draft.ref:
        status_reads.forget(ref)  # just paid (or not): never a stale "not paid"
    order_id = request.GET.get("orderId", "")[:64]
    url = reverse("booking:status") + f"?ref={ref}"
    if order_id:
        url += f"&order={order_id}"
    return redirect(url)


@require_GET
@never_cache
@reading_status
@shows_booking_errors
def status(request: HtmxHttpRequest) -> HttpResponse:
    """What Wix says about the booking: confirmed, pending approval, or not paid yet."""
    draft = load_draft(request).draft
    ref = request.GET.get("ref", "")[:64]
    if ref != draft.ref:
        # Only the customer's own booking: another session's ref shows nothing.
        raise BookingError("booking_not_found")
    order_id = request.GET.get("order", "")[:64] or None
    result = status_reads.read_outcome(ref, order_id=order_id, visitor_tokens=draft.tokens)
    context = {
        "outcome": result,
        "draft": draft,
        **status_page.status_context(result, draft),
        **payment_words.outcome_payment(result.summary, result.status, result.payment_status),
        **manage_link(ref, result.status, draft),
    }
    context["course"] = course_view(result.summary.course_sessions, result.summary.time_zone)
    if result.status in {"confirming", "unchecked"}:
        # Wix can't be asked right now: the page asks again by itself (a meta refresh, as
        # the CSP forbids inline script), with what the return URL said.
        query = urlencode({"ref": ref, **({"order": order_id} if order_id else {})})
        context["refresh_url"] = reverse("booking:status") + f"?{query}"
    return render(request, "booking/status.html", context)


@require_POST
@reading_status
@shows_booking_errors
def resume_payment(request: HtmxHttpRequest) -> HttpResponse:
    """A fresh Wix checkout link for the same cart."""
    draft = load_draft(request).draft
    url, tokens = outcome.resume_payment(
        ref=draft.ref, visitor_tokens=draft.tokens, **_wix_callbacks(request, draft)
    )
    if tokens:
        save_draft(request, draft.with_tokens(tokens))
    if url is None:  # paid already, or the time is gone: the status page tells which
        status_reads.forget(draft.ref)
        return navigate(request, reverse("booking:status") + f"?ref={draft.ref}")
    return to_checkout(request, url)


@require_POST
@reading_status
def start_over(request: HtmxHttpRequest) -> HttpResponse:
    """Abandon the unpaid booking (cancelled in Wix when possible) and pick a time again."""
    draft = load_draft(request).draft
    outcome.start_over(draft.ref)
    slug = draft.service_slug
    clear_draft(request)
    save_draft(
        request,
        BookingDraft(contact=draft.contact, utm=draft.utm, visitor_tokens=draft.visitor_tokens),
    )
    target = reverse("booking:service", args=[slug]) if slug else reverse("booking:services")
    return navigate(request, target)


@require_GET
@reading_status
@shows_booking_errors
def calendar_file(request: HtmxHttpRequest) -> HttpResponse:
    """An .ics file for the customer's confirmed booking."""
    draft = load_draft(request).draft
    result = status_reads.read_outcome(draft.ref)
    if result.status not in {"confirmed", "pending", "received"}:
        raise BookingError("booking_not_found")
    token = manage.mint_for(draft.ref)
    manage_url = absolute_url(request, reverse("booking:manage", args=[token])) if token else None
    response = HttpResponse(
        ics_for(
            result,
            uid_host=request.get_host(),
            manage_url=manage_url,
            display_zone=draft.display_time_zone,
        ),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="booking.ics"'
    return response
