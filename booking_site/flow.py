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
from typing import Generic, Protocol, TypeVar, cast

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.urls import reverse
from django_htmx.http import HttpResponseClientRedirect

from booking_site.drafts import D, DraftStore
from booking_site.errors import MESSAGES
from booking_site.session import STORE, BookingDraft, ChosenSlot

View = Callable[..., HttpResponse]
# A guarded view keeps its own type (the submit may stream its progress page).
_V = TypeVar("_V", bound=Callable[..., HttpResponseBase])


def _always(draft: object) -> bool:
    return True


def _never(draft: object) -> bool:
    return False


@dataclass(frozen=True)
class Step(Generic[D]):
    """One step: where it lives, whether it is done, and whether it applies to the draft.

    By default a step applies to every draft and is never done (the last step, review).
    """

    name: str
    url: Callable[[D], str]
    is_complete: Callable[[D], bool] = _never
    is_applicable: Callable[[D], bool] = _always


class ServiceDraft(Protocol):
    """What both funnels' drafts have: a chosen service and, perhaps, a time for it."""

    @property
    def service_id(self) -> str | None: ...
    @property
    def service_slug(self) -> str | None: ...
    @property
    def slot(self) -> ChosenSlot | None: ...


def has_service(draft: ServiceDraft) -> bool:
    """A service is chosen (with a slug: its page to return to)."""
    return bool(draft.service_id and draft.service_slug)


def has_slot(draft: ServiceDraft) -> bool:
    """A time is chosen, for this service (a slot kept from another service does not count)."""
    return draft.slot is not None and draft.slot.service_id == draft.service_id


def page(url_name: str) -> Callable[[object], str]:
    """A step's URL that does not depend on the draft."""
    return lambda draft: reverse(url_name)


def service_page(url_name: str, without_service: str) -> Callable[[ServiceDraft], str]:
    """A step's URL under the draft's service (``without_service`` before one is chosen)."""

    def url(draft: ServiceDraft) -> str:
        if draft.service_slug:
            return reverse(url_name, args=[draft.service_slug])
        return reverse(without_service)

    return url


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

    def requires_step(self, name: str) -> Callable[[_V], _V]:
        """Guard a step view: every earlier step must be complete, else redirect to the first gap.

        The view is called as ``view(request, draft, *args)`` with the loaded draft. A draft
        that was corrupt or expired is replaced by a fresh one and the visitor is told why.
        """
        position = self._index[name]

        def decorator(view: _V) -> _V:
            @functools.wraps(view)
            def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponseBase:
                loaded = self.store.load(request)
                if loaded.reset:
                    self.store.save(request, loaded.draft)
                    messages.info(request, MESSAGES["draft_expired"])
                step = self.first_incomplete_step(loaded.draft)
                if self._index[step.name] < position:
                    return navigate(request, step.url(loaded.draft))
                return view(request, loaded.draft, *args, **kwargs)

            return cast(_V, wrapper)

        return decorator


STEPS: tuple[Step[BookingDraft], ...] = (
    Step("service", page("booking:services"), has_service),
    Step(
        "slot",
        service_page("booking:service", without_service="booking:services"),
        has_slot,
        is_applicable=lambda d: d.service_type != "COURSE",  # a course has no time to choose
    ),
    Step(
        "details",
        page("booking:details"),
        is_complete=lambda d: bool(
            d.contact and (d.participants or d.variant_counts) and d.payment_option
        ),
    ),
    Step("review", page("booking:review")),
)
CUSTOMER: Flow[BookingDraft] = Flow(STEPS, STORE)
first_incomplete_step = CUSTOMER.first_incomplete_step
requires_step = CUSTOMER.requires_step


def navigate(request: HttpRequest, url: str) -> HttpResponse:
    """Redirect; HTMX requests get ``HX-Redirect`` so the whole page navigates, not a fragment."""
    if getattr(request, "htmx", False):
        return HttpResponseClientRedirect(url)
    return redirect(url)
