"""Visitor OAuth tokens and API-key checks, as Wix does them (docs/wix-contract.md §1)."""

from __future__ import annotations

import secrets
import uuid
from datetime import timedelta
from typing import Any

from . import members
from .context import Ctx, Identity
from .errors import app_error, invalid, not_found, permission_denied, unauthenticated
from .state import Token

TOKEN_LIFETIME_SECONDS = 14400


def _token_params(ctx: Ctx) -> dict[str, Any]:
    """The token request's fields, from JSON or a form body (snake_case also accepted)."""
    content_type = ctx.request.headers.get("content-type", "")
    raw: dict[str, Any] = (
        dict(ctx.request.form)
        if "application/x-www-form-urlencoded" in content_type
        else ctx.request.json
    )
    aliases = {
        "client_id": "clientId",
        "grant_type": "grantType",
        "refresh_token": "refreshToken",
        "code_verifier": "codeVerifier",
        "redirect_uri": "redirectUri",
    }
    return {aliases.get(k, k): v for k, v in raw.items()}


def issue_token(ctx: Ctx, client_id: str) -> dict[str, Any]:
    """POST /oauth2/token: ``anonymous`` mints a new visitor, ``refresh_token`` keeps it."""
    params = _token_params(ctx)
    if params.get("clientId") != client_id or "client_id_unknown" in ctx.state.misconfigurations:
        raise app_error(400, "INVALID_CLIENT", "unknown clientId")
    grant = params.get("grantType")
    state = ctx.state
    member_id = None
    if grant == "authorization_code":
        # Member login (docs/wix-contract.md §28.1): a one-time code, checked against PKCE.
        member_id = members.exchange_code(ctx, params)
        visitor_id = f"member:{member_id}"
        refresh = f"sbx-r.{secrets.token_urlsafe(24)}"
        state.refresh_tokens[refresh] = visitor_id
        state.members.refresh_members[refresh] = member_id
    elif grant == "anonymous":
        visitor_id = str(uuid.uuid4())
        refresh = f"sbx-r.{secrets.token_urlsafe(24)}"
        state.refresh_tokens[refresh] = visitor_id
    elif grant == "refresh_token":
        refresh = str(params.get("refreshToken") or "")
        if refresh not in state.refresh_tokens:
            raise app_error(400, "INVALID_GRANT", "refresh token is unknown or revoked")
        visitor_id = state.refresh_tokens[refresh]
        member_id = state.members.refresh_members.get(refresh)
    else:
        raise invalid("grantType", "must be 'anonymous' or 'refresh_token' in the sandbox")
    access = f"sbx-v.{secrets.token_urlsafe(24)}"
    expires = ctx.now + timedelta(seconds=TOKEN_LIFETIME_SECONDS)
    state.tokens[access] = Token(visitor_id, expires, member_id)
    # token_type/scope are UNCONFIRMED (docs/wix-contract.md §1.2) and unused by the SDK: omitted.
    return {"access_token": access, "expires_in": TOKEN_LIFETIME_SECONDS, "refresh_token": refresh}


def authenticate(ctx: Ctx, *, api_key: str, site_id: str) -> Identity:
    """Resolve ``Authorization`` (raw value, no scheme) to an identity, or raise 401/404."""
    value = ctx.request.headers.get("authorization", "").strip()
    if not value:
        raise unauthenticated("missing Authorization header")
    if value.lower().startswith("bearer "):
        # Wix's SDK sends the raw token; a "Bearer " prefix is a client bug worth catching.
        raise unauthenticated("send the raw token in Authorization, without 'Bearer '")
    if value == api_key:
        if "api_key_revoked" in ctx.state.misconfigurations:
            raise unauthenticated("this API key was revoked")
        site = ctx.request.headers.get("wix-site-id")
        if not site:
            raise unauthenticated("an API key needs the wix-site-id header")
        if site != site_id:
            raise not_found("NOT_FOUND", f"meta-site {site} not found")
        return Identity("admin")
    token = ctx.state.tokens.get(value)
    if token is None:
        raise unauthenticated("unknown access token")
    if ctx.now >= token.expires_at:
        raise unauthenticated("access token expired")
    return Identity("visitor", token.visitor_id, token.member_id)


def require_admin(ctx: Ctx) -> None:
    if not ctx.admin:
        raise permission_denied("this method needs an API key (app or Wix user identity)")


def check_owner(ctx: Ctx, owner: str | None, what: str) -> None:
    """Carts and checkouts belong to the visitor who created them; API keys may use any."""
    if ctx.admin or owner is None:
        return
    if ctx.visitor_id != owner:
        raise permission_denied(f"this {what} belongs to another visitor")
