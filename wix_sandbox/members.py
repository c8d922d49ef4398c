"""Members: the demo member, the login redirect session and its code exchange, Get My Member.

As Wix does (docs/wix-contract.md §28.1): an ``auth`` redirect session opens a login page;
signing in there sends the browser to ``redirectUri?code=…&state=…`` when the redirect URI's
host is allowed; the code is exchanged once at ``/oauth2/token`` with the PKCE verifier whose
S256 challenge the session carried, and the same ``redirectUri``. A reused, expired or
unknown code, a wrong verifier or another redirect URI is ``400 INVALID_GRANT``.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
import uuid
from datetime import timedelta
from typing import Any

from . import demo_plans
from .context import Ctx
from .demo import demo_id
from .errors import app_error, invalid, not_found, permission_denied
from .member_state import AuthCode, LoginSession, MemberAccount, MemberBook, PlanOrderRecord
from .timeutil import utc_text

CODE_LIFETIME = timedelta(minutes=10)


def seed_members(book: MemberBook, contact_id: Any, now: Any) -> None:
    """The demo member and the plan they hold (``demo_plans.DEMO_MEMBER_HOLDS``)."""
    first, last = demo_plans.DEMO_MEMBER_NAME
    email = demo_plans.DEMO_MEMBER_EMAIL
    member = MemberAccount(demo_id("member", email), email, first, last, contact_id(email))
    book.accounts[member.id] = member
    for key, left in demo_plans.DEMO_MEMBER_HOLDS:
        spec = next(p for p in demo_plans.PLANS if p.key == key)
        order_id = demo_id("plan-order", f"{member.id}:{key}")
        start = now - timedelta(days=20)
        book.orders[order_id] = PlanOrderRecord(
            order_id,
            spec.id,
            member.id,
            start,
            start + timedelta(days=30 * spec.months),
            spec.sessions,
            left,
        )


def register_in(state: Any, email: str) -> MemberAccount:
    """The member with this login email, registering a new one as Wix's login page does."""
    book = state.members
    found = book.by_email(email)
    if found is not None:
        return found
    key = email.strip().lower()
    name = key.split("@")[0].split(".")[0].capitalize() or "Member"
    member = MemberAccount(demo_id("member", key), key, name, "", state.contact_id(key))
    book.accounts[member.id] = member
    return member


def create_login_session(ctx: Ctx, intent: dict[str, Any], base: str) -> dict[str, Any]:
    """The ``auth`` intent: check the request as Wix's authorize endpoint would."""
    request = intent.get("authRequest") if isinstance(intent.get("authRequest"), dict) else {}
    required = ("clientId", "redirectUri", "state", "codeChallenge")
    for name in required:
        if not request.get(name):
            raise invalid(f"auth.authRequest.{name}", "is required")
    if request.get("responseType") != "code":
        raise invalid("auth.authRequest.responseType", "the sandbox supports 'code' only")
    if request.get("codeChallengeMethod") != "S256":
        raise invalid("auth.authRequest.codeChallengeMethod", "the sandbox supports S256 only")
    if request.get("responseMode", "query") != "query":
        raise invalid("auth.authRequest.responseMode", "the sandbox supports 'query' only")
    session = LoginSession(
        str(uuid.uuid4()),
        base,
        str(request["clientId"]),
        str(request["redirectUri"]),
        str(request["state"]),
        str(request["codeChallenge"]),
    )
    ctx.state.members.logins[session.id] = session
    return session_doc(session.id, f"{base}/login/{session.id}")


def create_logout_session(ctx: Ctx, intent: dict[str, Any], callbacks: dict[str, Any], base: str):
    if not intent.get("clientId"):
        raise invalid("logout.clientId", "is required")
    session_id = str(uuid.uuid4())
    ctx.state.members.logouts[session_id] = str(callbacks.get("postFlowUrl") or "")
    return session_doc(session_id, f"{base}/logout/{session_id}")


def session_doc(session_id: str, url: str) -> dict[str, Any]:
    return {
        "redirectSession": {
            "id": session_id,
            "fullUrl": url,
            "shortUrl": url,
            "sessionToken": secrets.token_urlsafe(24),
            "urlDetails": {"endpoint": url, "searchParams": {}},
        }
    }


def issue_code(ctx_state: Any, session: LoginSession, member: MemberAccount, now: Any) -> str:
    """A one-time authorization code for ``member`` (the login page's success)."""
    code = f"sbx-c.{secrets.token_urlsafe(24)}"
    ctx_state.members.codes[code] = AuthCode(
        member.id,
        session.client_id,
        session.redirect_uri,
        session.code_challenge,
        now + CODE_LIFETIME,
    )
    return code


def _challenge(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode("ascii", "replace")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def exchange_code(ctx: Ctx, params: dict[str, Any]) -> str:
    """The member of a valid ``authorization_code`` grant; the code is spent either way."""
    code = str(params.get("code") or "")
    grant = ctx.state.members.codes.get(code)
    if grant is None or grant.used or ctx.now >= grant.expires_at:
        raise app_error(400, "INVALID_GRANT", "the authorization code is unknown, used or expired")
    grant.used = True  # one try: a replayed code never works, even after a failed exchange
    if params.get("redirectUri") != grant.redirect_uri:
        raise app_error(400, "INVALID_GRANT", "redirectUri differs from the authorization request")
    if _challenge(str(params.get("codeVerifier") or "")) != grant.code_challenge:
        raise app_error(400, "INVALID_GRANT", "codeVerifier does not match the code challenge")
    return grant.member_id


def require_member(ctx: Ctx) -> MemberAccount:
    member = ctx.state.members.accounts.get(ctx.member_id or "")
    if member is None:
        raise permission_denied("this method needs a member token")
    return member


def get_my_member(ctx: Ctx) -> dict[str, Any]:
    """GET /members/v1/members/my (member token)."""
    member = require_member(ctx)
    if member is None:
        raise not_found("MEMBER_NOT_FOUND", "no member")
    return {
        "member": {
            "id": member.id,
            "loginEmail": member.email,
            "loginEmailVerified": True,
            "status": "APPROVED",
            "contactId": member.contact_id,
            "contact": {"firstName": member.first_name, "lastName": member.last_name},
            "profile": {"nickname": f"{member.first_name} {member.last_name}".strip()},
            "privacyStatus": "PRIVATE",
            "activityStatus": "ACTIVE",
            "createdDate": utc_text(ctx.now),
        }
    }


def new_order(book: MemberBook, plan: demo_plans.PlanSpec, member_id: str, now: Any) -> str:
    """A paid plan order for ``member_id`` (after the hosted plan checkout)."""
    order_id = str(uuid.uuid4())
    book.orders[order_id] = PlanOrderRecord(
        order_id,
        plan.id,
        member_id,
        now,
        now + timedelta(days=30 * plan.months),
        plan.sessions,
        plan.sessions,
    )
    return order_id


__all__ = ["PlanOrderRecord"]
