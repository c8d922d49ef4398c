"""Redirect Sessions API: Wix's hosted checkout, member login and logout, plan checkout."""

from __future__ import annotations

from typing import Any

from booking_site.wix.models.ecom import RedirectSession
from booking_site.wix.resources._base import Resource


class RedirectsAPI(Resource):
    """Create one-time URLs to Wix-hosted pages."""

    def create_for_checkout(
        self, *, checkout_id: str, post_flow_url: str, thank_you_url: str | None
    ) -> RedirectSession:
        """Create a redirect session into the hosted checkout of a cart or checkout.

        https://dev.wix.com/docs/rest/business-management/headless/redirects/sample-flows
        """
        callbacks = {"postFlowUrl": post_flow_url}
        if thank_you_url:
            callbacks["thankYouPageUrl"] = thank_you_url
        body: dict[str, Any] = {
            "ecomCheckout": {"checkoutId": checkout_id},
            "callbacks": callbacks,
            "preferences": {"useGenericWixPages": True, "maintainIdentity": True},
        }
        # Not retried: each session is single-use, and a duplicate after a lost answer would be
        # an orphan the customer never sees (no idempotency key, docs/wix-contract.md §14.4).
        response = self._caller.request(
            "POST",
            "/redirect-session/v1/redirect-session",
            json=body,
            identity="visitor",
            retry=False,
        )
        return RedirectSession.from_api(response)

    def create_for_login(
        self, *, client_id: str, redirect_uri: str, state: str, code_challenge: str
    ) -> RedirectSession:
        """A Wix login page that returns an authorization code (PKCE) to ``redirect_uri``.

        The ``auth`` intent (docs/wix-contract.md §28.1); ``redirect_uri`` must be on the OAuth
        app's "Allowed authorization redirect URIs", exactly.
        https://dev.wix.com/docs/go-headless/authentication/setup/allow-redirect-uris-and-domains
        """
        body = {
            "auth": {
                "authRequest": {
                    "clientId": client_id,
                    "responseType": "code",
                    "redirectUri": redirect_uri,
                    "scope": "offline_access",
                    "state": state,
                    "responseMode": "query",
                    "codeChallenge": code_challenge,
                    "codeChallengeMethod": "S256",
                },
                "prompt": "login",
            }
        }
        return self._create(body)

    def create_for_logout(self, *, client_id: str, post_flow_url: str) -> RedirectSession:
        """Wix's logout page, which clears the member's Wix cookies, then ``post_flow_url``.

        https://dev.wix.com/docs/rest/business-management/authentication-management/redirect-sessions
        """
        return self._create(
            {"logout": {"clientId": client_id}, "callbacks": {"postFlowUrl": post_flow_url}}
        )

    def create_for_plan_checkout(
        self, *, plan_id: str, post_flow_url: str, thank_you_url: str, plan_list_url: str
    ) -> RedirectSession:
        """Wix's hosted checkout for buying a pricing plan (``paidPlansCheckout``, §28.5).

        https://dev.wix.com/docs/rest/business-management/authentication-management/redirect-sessions
        """
        return self._create(
            {
                "paidPlansCheckout": {"planId": plan_id},
                "callbacks": {
                    "postFlowUrl": post_flow_url,
                    "thankYouPageUrl": thank_you_url,
                    "planListUrl": plan_list_url,
                },
            }
        )

    def _create(self, body: dict[str, Any]) -> RedirectSession:
        # Single-use sessions: not retried, as for the checkout above.
        response = self._caller.request(
            "POST",
            "/redirect-session/v1/redirect-session",
            json=body,
            identity="visitor",
            retry=False,
        )
        return RedirectSession.from_api(response)
