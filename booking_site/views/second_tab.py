"""A form sent from an older tab (issue 16 point 13): the draft changed in another tab since the
page was rendered, so nothing is applied; the customer is shown the booking as it is now."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TypeVar, cast

from django.contrib import messages
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.urls import reverse
from django.utils.functional import Promise

from booking_site.draft_fingerprint import fingerprint
from booking_site.flow import navigate
from booking_site.forms import DraftVersionForm
from booking_site.session import BookingDraft

StepView = TypeVar("StepView", bound=Callable[..., HttpResponseBase])


def refuses_stale_pages(message: str | Promise, *, back_to: str) -> Callable[[StepView], StepView]:
    """Guard a step view (after ``requires_step``): a POST whose ``draft_version`` is not the
    draft's fingerprint says ``message`` and goes to ``back_to`` (a URL name). Live price
    previews (``preview=1``) change nothing and pass."""

    def decorate(view: StepView) -> StepView:
        @functools.wraps(view)
        def wrapper(request: HttpRequest, draft: BookingDraft, *args: object) -> HttpResponseBase:
            posted = request.method == "POST" and request.POST.get("preview") != "1"
            if posted and DraftVersionForm(request.POST).is_stale(fingerprint(draft)):
                messages.warning(request, str(message))
                return navigate(request, reverse(back_to))
            return view(request, draft, *args)

        return cast(StepView, wrapper)

    return decorate
