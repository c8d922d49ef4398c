"""A booking funnel as data: an ordered tuple of steps and one guard for step views.

Back, refresh or a direct URL to any step lands the visitor on the first step the draft has
not completed yet (pretix's checkout flow and pretalx's cfp flow, made small). A ``Flow`` is
one funnel over one kind of draft and its ``DraftStore``: the customer's (``STEPS`` here) and
owner mode's (``booking_site.owner.steps``) are two of them.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Generic

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django_htmx.http import HttpResponseClientRedirect

from booking_site.errors import MESSAGES
from booking_site.session import STORE, BookingDraft, D, DraftStore

View = Callable[..., HttpResponse]


@dataclass(frozen=True)
class Step(Generic[D]):
    """One step: whether it applies to the draft, whether it is done, and where it lives."""

    name: str
    is_applicable: Callable[[D], bool]
    is_complete: Callable[[D], bool]
    url: Callable[[D], str]


@dataclass(frozen=True)
class Flow(Generic[D]):
    """A funnel: its steps in order, and the store its drafts are loaded from and saved to."""

    steps: tuple[Step[D], ...]
    store: DraftStore[D]
    _index: dict[str, int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        index = {step.name: position for position, step in enumerate(self.steps)}
        object.__setattr__(self, "_index", index)

    def first_incomplete_step(self, draft: D) -> Step[D]:
        """The earliest applicable step the draft has not completed."""
        for step in self.steps:
            if step.is_applicable(draft) and not step.is_complete(draft):
                return step
        return self.steps[-1]

    def requires_step(self, name: str) -> Callable[[View], View]:
        """Guard a step view: every earlier step must be complete, else redirect to the first gap.

        The view is called as ``view(request, draft, *args)`` with the loaded draft. A draft
        that was corrupt or expired is replaced by a fresh one and the visitor is told why.
        """
        position = self._index[name]

        def decorator(view: View) -> View:
            @functools.wraps(view)
            def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
                loaded = self.store.load(request)
                if loaded.reset:
                    self.store.save(request, loaded.draft)
                    messages.info(request, MESSAGES["draft_expired"])
                step = self.first_incomplete_step(loaded.draft)
                if self._index[step.name] < position:
                    return navigate(request, step.url(loaded.draft))
                return view(request, loaded.draft, *args, **kwargs)

            return wrapper

        return decorator


def _service_url(draft: BookingDraft) -> str:
    if draft.service_slug:
        return reverse("booking:service", args=[draft.service_slug])
    return reverse("booking:services")


STEPS: tuple[Step[BookingDraft], ...] = (
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
CUSTOMER: Flow[BookingDraft] = Flow(STEPS, STORE)
first_incomplete_step = CUSTOMER.first_incomplete_step
requires_step = CUSTOMER.requires_step


def navigate(request: HttpRequest, url: str) -> HttpResponse:
    """Redirect; HTMX requests get ``HX-Redirect`` so the whole page navigates, not a fragment."""
    if getattr(request, "htmx", False):
        return HttpResponseClientRedirect(url)
    return redirect(url)
