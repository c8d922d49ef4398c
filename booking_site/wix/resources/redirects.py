"""Redirect Sessions API: send the customer to Wix's hosted checkout."""

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
