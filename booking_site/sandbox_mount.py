"""Serve the in-process Wix sandbox's hosted checkout pages and images under the site.

On real Wix the customer is sent to Wix's own checkout; with the built-in sandbox there is no
second server, so its browser-facing pages are reached through this reserved path instead.
Only mounted when ``settings.WIX["SANDBOX"]`` is true (see ``config/urls.py``).
"""

from __future__ import annotations

import httpx
from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt

# Headers that describe the hop, not the content, and must not be copied through.
_HOP_HEADERS = frozenset({"connection", "transfer-encoding", "content-length", "content-encoding"})


@csrf_exempt  # the sandbox's pages stand in for Wix's own domain, which has no Django CSRF
def forward(request: HttpRequest, rest: str) -> HttpResponse:
    """Proxy one browser request to the sandbox WSGI app at ``/<rest>``.

    Only the browser-facing pages (checkout, its stylesheet, images) are reachable: the
    sandbox's API must not be callable through the site, whose visitors are not Wix clients.
    """
    from wix_sandbox import get_default_sandbox
    from wix_sandbox.hosted import is_hosted_path

    if not is_hosted_path("/" + rest):
        raise Http404("not a hosted sandbox page")
    sandbox = get_default_sandbox()
    transport = httpx.WSGITransport(app=sandbox.app)
    headers = {"content-type": request.content_type or "application/octet-stream"}
    with httpx.Client(transport=transport, base_url=request.build_absolute_uri("/")) as client:
        upstream = client.request(
            request.method or "GET",
            "/" + rest,
            params=request.META.get("QUERY_STRING") or None,
            content=request.body if request.method == "POST" else None,
            headers=headers,
        )
    response = HttpResponse(upstream.content, status=upstream.status_code)
    for name, value in upstream.headers.items():
        if name.lower() not in _HOP_HEADERS:
            response[name] = value
    return response
