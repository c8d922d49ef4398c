"""Create Redirect Session (docs/wix-contract.md §10): a one-time link to the hosted checkout."""

from __future__ import annotations

import secrets
import uuid
from typing import Any
from urllib.parse import urlsplit

from . import member_intents
from .auth import check_owner
from .context import Ctx, HostedConfig
from .errors import app_error, invalid, not_found
from .state import RedirectRecord, State


def host_allowed(state: State, hosted: HostedConfig, url: str) -> bool:
    """Whether a callback URL's host is on the allowed redirect domains (and the knob is off)."""
    if "callback_host_not_allowed" in state.misconfigurations:
        return False
    parts = urlsplit(url)
    host = parts.hostname or ""
    allowed = hosted.allowed_callback_hosts
    return parts.scheme in ("http", "https") and (host in allowed or f"[{host}]" in allowed)


def _base(ctx: Ctx, callback: str | None) -> str:
    """Where the hosted pages are reached: the public URL; the sandbox's own origin when it
    runs standalone; else (in-process) the callback's origin plus the site's mount path."""
    if ctx.hosted.public_url:
        return ctx.hosted.public_url.rstrip("/")
    if callback and not ctx.hosted.from_request:
        parts = urlsplit(callback)
        return f"{parts.scheme}://{parts.netloc}{ctx.hosted.mount_path.rstrip('/')}"
    return ctx.request.origin


def create_redirect_session(ctx: Ctx) -> dict[str, Any]:
    """POST /redirect-session/v1/redirect-session with an ``ecomCheckout`` intent."""
    body = ctx.request.json
    if "ecomCheckout" not in body:
        return member_intents.create(ctx, body, _base(ctx, _callback_of(body)))
    intent = body.get("ecomCheckout")
    if not isinstance(intent, dict) or not intent.get("checkoutId"):
        raise invalid(
            "ecomCheckout.checkoutId",
            "is required (the sandbox emulates only the ecomCheckout intent)",
        )
    basket = ctx.state.baskets.get(str(intent["checkoutId"]))
    if basket is None:
        raise not_found("CHECKOUT_NOT_FOUND", f"checkout {intent['checkoutId']} not found")
    check_owner(ctx, basket.owner, basket.kind)
    callbacks = body.get("callbacks") if isinstance(body.get("callbacks"), dict) else {}
    post_flow, thank_you = callbacks.get("postFlowUrl"), callbacks.get("thankYouPageUrl")
    # Wix applies the allowed redirect domains when it sends the visitor back (§26.1): the
    # hosted page checks them on its way out. Only the old-behaviour knob refuses here.
    for url in (post_flow, thank_you) if ctx.hosted.checked_at_creation else ():
        if url and not host_allowed(ctx.state, ctx.hosted, str(url)):
            raise app_error(
                403,
                "PERMISSION_DENIED",
                "the callback domain is not in the allowed redirect domains",
                {"url": url, "host": urlsplit(str(url)).hostname},
            )
    session_id = str(uuid.uuid4())
    base = _base(ctx, post_flow or thank_you)
    ctx.state.redirects[session_id] = RedirectRecord(
        session_id, basket.id, base, post_flow, thank_you
    )
    url = f"{base}/checkout/{session_id}"
    return {
        "redirectSession": {
            "id": session_id,
            "fullUrl": url,
            "shortUrl": url,
            "sessionToken": secrets.token_urlsafe(24),
            "urlDetails": {"endpoint": url, "searchParams": {}},
        }
    }


def _callback_of(body: dict[str, Any]) -> str | None:
    """Where the site is (for the hosted pages' base): a callback or the login redirect URI."""
    callbacks = body.get("callbacks") if isinstance(body.get("callbacks"), dict) else {}
    auth = (
        (body.get("auth") or {}).get("authRequest") if isinstance(body.get("auth"), dict) else None
    )
    uri = auth.get("redirectUri") if isinstance(auth, dict) else None
    return callbacks.get("postFlowUrl") or callbacks.get("thankYouPageUrl") or uri
