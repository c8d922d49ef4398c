"""Views for the embedded site: leaving the iframe for Wix's checkout, the owner's script,
and the answer when a browser refuses our cookies inside the iframe.
"""

from __future__ import annotations

import functools
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from booking_site import handoff
from booking_site.embed import is_framed, return_url
from booking_site.errors import BookingError
from booking_site.flow import navigate
from booking_site.session import BookingDraft, load_draft, save_draft
from booking_site.views.common import error_page

EMBED_SCRIPT = "js/embed.js"


def to_checkout(request: HttpRequest, checkout_url: str, *, sign_in: bool = False) -> HttpResponse:
    """Send the customer to Wix's checkout, always in the top window, never in our iframe.

    Outside an iframe this is a plain redirect. Inside one, the draft (as saved by the caller)
    is parked for the top window, and a page with a ``target="_top"`` link to
    ``booking:embed-continue`` is shown; the owner's ``embed.js`` follows it at once.
    ``sign_in``: the way out is to our own sign-in (Wix's login page refuses to run framed,
    and its callback must find the login's state in the top window's session), worded so.
    """
    if not is_framed(request):
        return navigate(request, checkout_url)
    token = handoff.park(draft=load_draft(request).draft.to_json(), next_url=checkout_url)
    url = reverse("booking:embed-continue") + f"?h={token}"
    return render(request, "booking/handoff.html", {"continue_url": url, "sign_in": sign_in})


@require_GET
@never_cache
def continue_in_top(request: HttpRequest) -> HttpResponse:
    """The top window takes over the iframe's draft (see ``booking_site.handoff``), then pays.

    ``?back=`` is the embedding page (added by ``embed.js``); the status page links back to it
    when ``embed.return_url`` accepts it.
    """
    parcel = handoff.claim(request.GET.get("h", ""))
    if parcel is None:
        return error_page(request, BookingError("booking_not_found"))
    try:
        draft = BookingDraft.from_json(parcel.draft)
    except ValueError:
        return error_page(request, BookingError("booking_not_found"))
    back = return_url(request.GET.get("back"))
    save_draft(request, draft.with_changes(embed_return_url=back) if back else draft)
    return redirect(parcel.next_url)


@functools.cache
def _script_source() -> bytes:
    found = finders.find(EMBED_SCRIPT)
    path = Path(found if isinstance(found, str) else settings.STATIC_ROOT / EMBED_SCRIPT)
    return path.read_bytes()


@require_GET
def embed_script(request: HttpRequest) -> HttpResponse:
    """``/embed.js`` at a stable URL for owners' pages (static names change with each build)."""
    response = HttpResponse(_script_source(), content_type="text/javascript; charset=utf-8")
    # An hour: a fixed script reaches every owner's page the same day.
    response["Cache-Control"] = "public, max-age=3600"
    return response


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """``CSRF_FAILURE_VIEW``: inside an iframe, a refused cookie means "open it in a new tab".

    Browsers that block even partitioned cookies in a cross-site iframe (or a customer's
    privacy setting) make every form there fail CSRF; the customer then gets a link that opens
    the same page as a first-party tab, where cookies work. Elsewhere, the site's own 403 page
    (what to do, a way back); Django's technical ``reason`` is never shown.
    """
    if not is_framed(request):
        response = render(request, "403.html", {"csrf_failed": True}, status=403)
        if request.headers.get("HX-Request"):
            # htmx 2 does not swap error responses: the whole page body instead (as error_page).
            response["HX-Retarget"] = "body"
            response["HX-Reswap"] = "innerHTML"
        return response
    referer = request.headers.get("Referer", "")
    same_site = url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    context = {"open_url": referer if same_site and referer else reverse("booking:services")}
    return render(request, "booking/open_in_tab.html", context, status=403)
