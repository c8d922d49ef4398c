"""Signing in as a Wix member (OAuth authorization code + PKCE) and signing out.

docs/wix-contract.md §28.1: a random ``state`` and PKCE ``code_verifier`` are kept server-side
(``member_session.LoginAttempt``); Wix's login page is a redirect session with the ``auth``
intent, created with the visitor's token; the callback's ``state`` must equal the kept one
(compared in constant time), and the code is exchanged once, with the verifier, for the
member's tokens. Those then act for the customer wherever the visitor's did (the draft's
tokens), so a booking made while signed in is the member's. Nothing here logs a token.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import logging
import secrets
from dataclasses import dataclass

from booking_site.errors import BookingError
from booking_site.member_session import LoginAttempt, SignedIn
from booking_site.services.wix_errors import translate
from booking_site.wix import VisitorTokens, WixAPIError, WixError, get_client

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class SignInStart:
    """Where to send the browser (Wix's login page) and what to keep until it comes back."""

    attempt: LoginAttempt
    login_url: str
    visitor_tokens: VisitorTokens | None


def code_challenge(verifier: str) -> str:
    """PKCE S256: BASE64URL(SHA-256(verifier)) without padding (RFC 7636 §4.2)."""
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def start_sign_in(
    *, visitor_tokens: VisitorTokens | None, redirect_uri: str, next_url: str
) -> SignInStart:
    """Create Wix's login page for this visitor; raises ``BookingError`` when Wix can't.

    ``redirect_uri`` must be on the OAuth app's allow-list exactly (``wix_doctor`` says how to
    check); ``next_url`` is where the customer returns (a path on this site, checked by the
    caller).
    """
    verifier = secrets.token_urlsafe(64)  # 86 characters: RFC 7636 allows 43-128
    attempt = LoginAttempt(
        state=secrets.token_urlsafe(32),
        code_verifier=verifier,
        redirect_uri=redirect_uri,
        next_url=next_url,
    )
    scope = get_client().for_visitor(visitor_tokens)
    try:
        session = scope.redirects.create_for_login(
            client_id=scope.auth.client_id,
            redirect_uri=redirect_uri,
            state=attempt.state,
            code_challenge=code_challenge(verifier),
        )
    except WixError as exc:
        raise translate(exc) from exc
    return SignInStart(attempt, session.full_url, scope.tokens)


def finish_sign_in(attempt: LoginAttempt | None, *, state: str, code: str, error: str) -> SignedIn:
    """The member behind a login callback; raises ``BookingError`` and changes nothing when
    the callback isn't the answer to ``attempt`` (forged, replayed or from another browser:
    ``sign_in_refused``), the customer cancelled, or Wix refuses the code (``sign_in_failed``:
    a reused or expired code, a verifier that doesn't match).
    """
    if attempt is None or not state or not hmac.compare_digest(attempt.state, state):
        logger.warning("sign-in callback refused: state does not match a sign-in in progress")
        raise BookingError("sign_in_refused")
    if error or not code:
        raise BookingError("sign_in_cancelled")
    client = get_client()
    try:
        tokens = client.auth.member_tokens(
            code=code, code_verifier=attempt.code_verifier, redirect_uri=attempt.redirect_uri
        )
    except WixAPIError as exc:
        if 400 <= exc.status < 500:
            logger.warning("sign-in code refused by Wix", extra={"wix_code": exc.code})
            raise BookingError("sign_in_failed", wix_request_id=exc.request_id) from exc
        raise translate(exc) from exc
    except WixError as exc:
        raise translate(exc) from exc
    scope = client.for_visitor(tokens)
    try:
        member = scope.members.get_my_member()
    except WixError as exc:
        raise translate(exc) from exc
    logger.info("member signed in", extra={"member_id": member.id})
    tokens = scope.tokens or tokens
    return SignedIn(
        member_id=member.id,
        name=member.name or "",
        email=member.email or "",
        tokens=tokens.to_dict(),
    )


def sign_out_url(signed_in: SignedIn, *, post_flow_url: str) -> str | None:
    """Wix's logout page for the member (clears Wix's own cookies), then ``post_flow_url``.

    None when Wix can't make one just now: the site has already forgotten the member, which
    is what signing out here means, so the customer simply goes on.
    """
    scope = get_client().for_visitor(signed_in.member_tokens)
    try:
        session = scope.redirects.create_for_logout(
            client_id=scope.auth.client_id, post_flow_url=post_flow_url
        )
    except WixError as exc:
        logger.warning("Wix logout page unavailable", extra={"error": translate(exc).code})
        return None
    return session.full_url
