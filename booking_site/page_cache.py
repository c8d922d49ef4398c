"""Render once, serve many: browse pages rendered for anonymous visitors, reused by content.

The service page (and its HTMX calendar swap) costs most of its CPU in template rendering
(docs/benchmarks-browse.md). For a visitor who is only looking (no session cookie, no
messages, nothing the view had to say about their link), the page's HTML is a function of
the request's path and query, the language, a few settings and the *values* the view
computed from Wix's cached answers (service, variants, the month with its times). So the
HTML is cached under a digest of exactly those values:

- a fresher availability copy, or one of our own bookings (which drops the availability
  entry at once, ``availability.invalidate_service``), gives different values, hence a new
  key: the cached page never outlives the data it was rendered from, with no invalidation
  step to forget;
- anything whose ``repr`` is not a plain value (``object at 0x…``) disables the cache for
  that response rather than risk a key that never repeats.

Per-visitor values never enter the shared copy: the page is rendered with placeholders for
the CSRF token and the CSP nonce, which are substituted per response (a freshly masked CSRF
token each time, so BREACH still sees no constant secret in compressed bodies), and a
visitor with a session (a draft, a member, queued messages) is never served from nor
stored into it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.utils import translation
from django.utils.cache import patch_vary_headers

from booking_site.presentation.calendar import CalendarView
from booking_site.presentation.staff import anyone_label
from booking_site.services.catalogue import site_info

# Placeholders: letters only, so that HTML escaping leaves them as they are.
CSRF_PLACEHOLDER = "PageCacheCsrfTokenPlaceholder"
NONCE_PLACEHOLDER = "PageCacheCspNoncePlaceholder"
PAGE_TTL = 300  # seconds; the key is the content, the lifetime only bounds memory
_UNSTABLE = " object at 0x"
_CACHE_ALIAS = "pages"


def visitor_may_share(request: HttpRequest) -> bool:
    """Whether this request may be answered from (and stored into) the shared page copy.

    Only a visitor with neither a session cookie (draft, member, session-stored messages)
    nor a messages cookie: everything else the page shows them is then in the key.
    """
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME not in cookies and "messages" not in cookies


def _value_repr(value: object) -> str:
    if isinstance(value, CalendarView):  # a view over one value: key on the value
        return f"CalendarView({value.service_id!r}, {_frozen_repr(value.calendar)})"
    return _frozen_repr(value)


# repr of frozen dataclasses by identity. The service, its variants and the month grid come
# from the per-process caches as the same objects request after request (calendar_view
# memoizes the grid), and repr-ing them was most of this module's cost. Frozen values
# shared across threads are never mutated, so one repr per object stays true; the object is
# kept in the entry so that its id is not reused while the entry lives.
_REPRS: dict[int, tuple[object, str]] = {}
_REPRS_MAX = 4096


def _frozen_repr(value: object) -> str:
    params = getattr(type(value), "__dataclass_params__", None)
    if params is None or not params.frozen:
        return repr(value)
    kept = _REPRS.get(id(value))
    if kept is not None and kept[0] is value:
        return kept[1]
    shown = repr(value)
    if len(_REPRS) >= _REPRS_MAX:
        _REPRS.clear()
    _REPRS[id(value)] = (value, shown)
    return shown


def page_key(request: HttpRequest, template: str, context: Mapping[str, object]) -> str | None:
    """The shared copy's key for ``template`` with ``context``, or None if it has none.

    Callables in ``context`` (lazy helpers the template calls) are left out: they only
    derive from the values beside them.
    """
    info = site_info()
    parts = [
        template,
        request.get_full_path(),
        translation.get_language() or "",
        repr(
            (
                info.business_name,
                info.logo_url,
                getattr(settings, "BRAND_LOGO_URL", None),
                getattr(settings, "BRAND_COLOR", None),
                getattr(settings, "EMBED_ALLOWED_ORIGINS", None),
                bool(settings.WIX["SANDBOX"]),
                str(anyone_label()),
            )
        ),
    ]
    for name in sorted(context):
        value = context[name]
        if callable(value):
            continue
        shown = _value_repr(value)
        if _UNSTABLE in shown:
            return None
        parts.append(f"{name}={shown}")
    digest = hashlib.blake2b("\n".join(parts).encode(), digest_size=20).hexdigest()
    return f"page:{digest}"


def _personalised(request: HttpRequest, html: str) -> str:
    """The shared HTML with this response's CSRF token and CSP nonce put in."""
    if CSRF_PLACEHOLDER in html:
        html = html.replace(CSRF_PLACEHOLDER, get_token(request))
    if NONCE_PLACEHOLDER in html:
        html = html.replace(NONCE_PLACEHOLDER, str(getattr(request, "csp_nonce", "")))
    return html


def render_shared(
    request: HttpRequest, template: str, context: dict[str, object], *, shareable: bool
) -> HttpResponse:
    """``render(request, template, context)``, from the shared copy when one applies.

    ``shareable`` is the view's word that nothing visitor-specific went into ``context`` or
    the request's messages; the request itself must also pass ``visitor_may_share``.
    """
    key = page_key(request, template, context) if shareable and visitor_may_share(request) else None
    if key is None:
        return render(request, template, context)
    store = caches[_CACHE_ALIAS]
    html = store.get(key)
    shared = html is not None
    if html is None:
        response = render(
            request,
            template,
            {**context, "csrf_token": CSRF_PLACEHOLDER, "csp_nonce": NONCE_PLACEHOLDER},
        )
        if response.status_code != 200:
            return response
        html = response.content.decode(response.charset)
        store.set(key, html, PAGE_TTL)
    response = HttpResponse(_personalised(request, html))
    # Which copy answered, for tests and debugging (never sent: not a header).
    response.shared_page = shared  # type: ignore[attr-defined]
    # The body holds a per-visitor token: never one shared response for all cookies.
    patch_vary_headers(response, ("Cookie",))
    return response


def clear() -> None:
    """Forget every shared page (tests; an operator after changing templates in place)."""
    caches[_CACHE_ALIAS].clear()
