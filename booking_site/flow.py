"""The booking funnel as data: an ordered tuple of steps and one guard for step views.

Back, refresh or a direct URL to any step lands the customer on the first step the draft has
not completed yet (pretix's checkout flow and pretalx's cfp flow, made small).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django_htmx.http import HttpResponseClientRedirect

from booking_site.errors import MESSAGES
from booking_site.session import BookingDraft, load_draft, save_draft


@dataclass(frozen=True)
class Step:
    """One step: whether it applies to the draft, whether it is done, and where it lives."""

    name: str
    is_applicable: Callable[[BookingDraft], bool]
    is_complete: Callable[[BookingDraft], bool]
    url: Callable[[BookingDraft], str]


def _service_url(draft: BookingDraft) -> str:
    if draft.service_slug:
        return reverse("booking:service", args=[draft.service_slug])
    return reverse("booking:services")


STEPS: tuple[Step, ...] = (
    Step(
        "service",
        is_applicable=lambda d: True,
        is_complete=lambda d: bool(d.service_id and d.service_slug),
        url=lambda d: reverse("booking:services"),
    ),
    Step(
        "slot",
        is_applicable=lambda d: d.service_type != "COURSE",
        is_complete=lambda d: d.slot is not None and d.slot.service_id == d.service_id,
        url=_service_url,
    ),
    Step(
        "details",
        is_applicable=lambda d: True,
        is_complete=lambda d: bool(
            d.contact and (d.participants or d.variant_counts) and d.payment_option
        ),
        url=lambda d: reverse("booking:details"),
    ),
    Step(
        "review",
        is_applicable=lambda d: True,
        is_complete=lambda d: False,
        url=lambda d: reverse("booking:review"),
    ),
)
_INDEX = {step.name: index for index, step in enumerate(STEPS)}


def first_incomplete_step(draft: BookingDraft) -> Step:
    """The earliest applicable step the draft has not completed."""
    for step in STEPS:
        if step.is_applicable(draft) and not step.is_complete(draft):
            return step
    return STEPS[-1]


def requires_step(
    name: str,
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Guard a step view: every earlier step must be complete, else redirect to the first gap.

    The view is called as ``view(request, draft, *args)`` with the loaded draft. A draft that
    was corrupt or expired is replaced by a fresh one and the customer is told why.
    """
    position = _INDEX[name]

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
            loaded = load_draft(request)
            if loaded.reset:
                save_draft(request, loaded.draft)
                messages.info(request, MESSAGES["draft_expired"])
            step = first_incomplete_step(loaded.draft)
            if _INDEX[step.name] < position:
                return navigate(request, step.url(loaded.draft))
            return view(request, loaded.draft, *args, **kwargs)

        return wrapper

    return decorator


def navigate(request: HttpRequest, url: str) -> HttpResponse:
    """Redirect; HTMX requests get ``HX-Redirect`` so the whole page navigates, not a fragment."""
    if getattr(request, "htmx", False):
        return HttpResponseClientRedirect(url)
    return redirect(url)
