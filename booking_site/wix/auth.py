"""Visitor OAuth tokens: minting, refreshing, and keeping one visitor's token fresh."""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from typing import Any

from booking_site.wix.errors import (
    WixAPIError,
    WixConfigurationError,
    WixMemberSignInExpired,
    WixResponseError,
)
from booking_site.wix.tokens import VisitorTokens
from booking_site.wix.transport import HttpCore

TOKEN_PATH = "/oauth2/token"
# Documented access-token lifetime, assumed when a response omits expires_in.
DEFAULT_LIFETIME = 14400.0


class AuthAPI:
    """Mints and refreshes anonymous-visitor tokens with the public headless client id."""

    def __init__(self, core: HttpCore, *, client_id: str | None, clock: Callable[[], float]):
        self._core = core
        self._client_id = client_id
        self._clock = clock

    def anonymous(self) -> VisitorTokens:
        """Mint tokens for a new anonymous visitor.

        https://dev.wix.com/docs/rest/business-management/headless/authentication/retrieve-tokens
        """
        body = self._token({"clientId": self._require_client_id(), "grantType": "anonymous"})
        return self._parse(body, previous_refresh=None)

    def refresh(self, tokens: VisitorTokens) -> VisitorTokens:
        """Renew the access token, keeping the visitor; a rejected refresh mints a new visitor.

        https://dev.wix.com/docs/rest/business-management/headless/authentication/retrieve-tokens
        """
        client_id = self._require_client_id()
        if not tokens.refresh_token:
            return self.anonymous()
        try:
            body = self._token(
                {
                    "clientId": client_id,
                    "grantType": "refresh_token",
                    "refreshToken": tokens.refresh_token,
                }
            )
        except WixAPIError as error:
            if not 400 <= error.status < 500:
                raise
            if tokens.member:
                # A member stays a member or is signed out, never silently a visitor.
                raise WixMemberSignInExpired("Wix refused the member's refresh token") from error
            # The refresh token is gone or revoked: start over as the Wix SDK does.
            return self.anonymous()
        return self._parse(body, previous_refresh=tokens.refresh_token, member=tokens.member)

    def member_tokens(self, *, code: str, code_verifier: str, redirect_uri: str) -> VisitorTokens:
        """Exchange a login's authorization code (PKCE) for the member's tokens.

        Renewed like a visitor's (``refresh``). docs/wix-contract.md §28.1 step 4.
        https://dev.wix.com/docs/rest/business-management/headless/authentication/retrieve-tokens
        """
        body = self._core.send(
            "POST",
            TOKEN_PATH,
            headers={},
            json={
                "clientId": self._require_client_id(),
                "grantType": "authorization_code",
                "code": code,
                "codeVerifier": code_verifier,
                "redirectUri": redirect_uri,
            },
            # A code works once: a repeat after a lost answer would only be refused.
            retry=False,
        )
        return self._parse(body, previous_refresh=None, member=True)

    @property
    def client_id(self) -> str:
        """The public headless OAuth client id (raises WixConfigurationError when unset)."""
        return self._require_client_id()

    def _token(self, body: dict[str, str]) -> dict[str, Any]:
        # Minting twice is harmless (an unused visitor), so one retry on 5xx/timeouts is allowed.
        return self._core.send(
            "POST",
            TOKEN_PATH,
            headers={},
            json=body,
            retry=True,
            max_retries=min(1, self._core.max_retries),
        )

    def _parse(
        self, body: Mapping[str, Any], *, previous_refresh: str | None, member: bool = False
    ) -> VisitorTokens:
        access = body.get("access_token")
        if not isinstance(access, str) or not access:
            raise WixResponseError("token response lacks access_token")
        expires_in = body.get("expires_in")
        try:
            lifetime = float(expires_in) if expires_in is not None else DEFAULT_LIFETIME
        except (TypeError, ValueError):
            lifetime = DEFAULT_LIFETIME
        refresh = body.get("refresh_token")
        # Wix may omit refresh_token on refresh; the old one stays valid
        # (docs/wix-contract.md §1.2).
        if not isinstance(refresh, str) or not refresh:
            refresh = previous_refresh or ""
        return VisitorTokens(access, refresh, self._clock() + lifetime, member)

    def _require_client_id(self) -> str:
        if not self._client_id:
            raise WixConfigurationError("a Wix client id is needed for visitor tokens")
        return self._client_id


class VisitorSession:
    """One visitor's current tokens: minted on first use, refreshed ~60 s before expiry."""

    def __init__(
        self, auth: AuthAPI, tokens: VisitorTokens | None, *, clock: Callable[[], float]
    ) -> None:
        self._auth = auth
        self._tokens = tokens
        self._clock = clock
        # Several threads may share the client-wide visitor: only one of them mints or refreshes.
        self._lock = threading.Lock()

    @property
    def tokens(self) -> VisitorTokens | None:
        """The current tokens (None until first use when none were given)."""
        return self._tokens

    def access_token(self) -> str:
        """A usable access token, minting or refreshing first when needed."""
        with self._lock:
            if self._tokens is None:
                self._tokens = self._auth.anonymous()
            elif self._tokens.expires_soon(self._clock()):
                self._tokens = self._auth.refresh(self._tokens)
            return self._tokens.access_token

    def renew(self, rejected: str) -> str:
        """A new access token after Wix rejected ``rejected`` with 401."""
        with self._lock:
            if self._tokens is None:
                self._tokens = self._auth.anonymous()
            elif self._tokens.access_token == rejected:
                self._tokens = self._auth.refresh(self._tokens)
            # Otherwise another thread already replaced the rejected token.
            return self._tokens.access_token
