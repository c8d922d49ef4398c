"""Callers pick the identity (API key or a visitor token) for each call and send it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, Protocol

from booking_site.wix.auth import VisitorSession
from booking_site.wix.errors import WixConfigurationError, WixUnauthorized
from booking_site.wix.transport import HttpCore

# visitor: the visitor's identity matters (it owns the booking/cart/checkout/redirect).
# any: identity does not matter (public catalogue reads).
# prefer_admin: the API key when configured, else the visitor (visitor permission unconfirmed).
# admin: only the API key will do.
Identity = Literal["visitor", "any", "prefer_admin", "admin"]


class Caller(Protocol):
    """What resources call: one Wix request under the identity the method needs."""

    @property
    def has_api_key(self) -> bool: ...

    def request(
        self,
        method: str,
        path: str,
        *,
        json: Any = None,
        params: Mapping[str, str] | None = None,
        identity: Identity,
        retry: bool,
    ) -> dict[str, Any]: ...


class SharedCaller:
    """The client-wide caller: the API key when configured, else one shared visitor token."""

    def __init__(
        self,
        core: HttpCore,
        *,
        api_key: str | None,
        site_id: str | None,
        visitor: VisitorSession,
    ) -> None:
        self.core = core
        self._api_key = api_key
        self._site_id = site_id
        self.visitor = visitor

    @property
    def has_api_key(self) -> bool:
        """True when admin calls are possible."""
        return bool(self._api_key and self._site_id)

    def admin_headers(self) -> dict[str, str]:
        """API-key headers; raises WixConfigurationError when no key is configured."""
        if not (self._api_key and self._site_id):
            raise WixConfigurationError("this Wix call needs an API key and site id")
        return {"Authorization": self._api_key, "wix-site-id": self._site_id}

    def request(
        self,
        method: str,
        path: str,
        *,
        json: Any = None,
        params: Mapping[str, str] | None = None,
        identity: Identity,
        retry: bool,
    ) -> dict[str, Any]:
        """Send with the API key, or the shared visitor token when there is none."""
        if identity == "admin" or self.has_api_key:
            return self.core.send(
                method, path, headers=self.admin_headers(), json=json, params=params, retry=retry
            )
        return send_as_visitor(self.core, self.visitor, method, path, json, params, retry)


class VisitorCaller:
    """A caller bound to one customer's visitor tokens (see ``WixClient.for_visitor``)."""

    def __init__(self, shared: SharedCaller, session: VisitorSession) -> None:
        self._shared = shared
        self.session = session

    @property
    def has_api_key(self) -> bool:
        """True when admin calls are possible."""
        return self._shared.has_api_key

    def request(
        self,
        method: str,
        path: str,
        *,
        json: Any = None,
        params: Mapping[str, str] | None = None,
        identity: Identity,
        retry: bool,
    ) -> dict[str, Any]:
        """Send as this visitor, except admin calls (API key) and identity-free reads (shared)."""
        if identity == "any":
            # Catalogue reads do not depend on who asks; sharing them avoids minting a token
            # for every browsing customer.
            return self._shared.request(
                method, path, json=json, params=params, identity=identity, retry=retry
            )
        if identity == "admin" or (identity == "prefer_admin" and self.has_api_key):
            headers = self._shared.admin_headers()
            return self._shared.core.send(
                method, path, headers=headers, json=json, params=params, retry=retry
            )
        return send_as_visitor(self._shared.core, self.session, method, path, json, params, retry)


def send_as_visitor(
    core: HttpCore,
    session: VisitorSession,
    method: str,
    path: str,
    json: Any,
    params: Mapping[str, str] | None,
    retry: bool,
) -> dict[str, Any]:
    """Send with a visitor token; on 401 renew the token once and repeat the call once."""
    token = session.access_token()
    try:
        # Visitor tokens are bound to the site: no wix-site-id, and no "Bearer" scheme.
        return core.send(
            method, path, headers={"Authorization": token}, json=json, params=params, retry=retry
        )
    except WixUnauthorized:
        # Wix refused the credential before running the method, so repeating even a write
        # cannot duplicate it.
        token = session.renew(token)
        return core.send(
            method, path, headers={"Authorization": token}, json=json, params=params, retry=retry
        )
