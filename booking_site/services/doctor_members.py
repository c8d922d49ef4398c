"""``wix_doctor``'s members and plans checks: what it can see, and what only the owner can.

Wix checks the OAuth app's "Allowed authorization redirect URIs" only when a member comes back
from its login page (docs/wix-contract.md §26.1), so a login redirect session that Wix creates
is no evidence that ours is allowed: that part is reported as a manual check with the exact
URI to add. What the doctor can see: Wix makes the login page for our client id, and which
public plans exist and which services accept them.
"""

from __future__ import annotations

import secrets

from booking_site.services.doctor_report import Finding, why
from booking_site.services.members import code_challenge
from booking_site.wix import VisitorTokens, WixClient, WixError

CALLBACK_PATH = "/account/callback/"


def check_member_sign_in(
    client: WixClient, tokens: VisitorTokens | None, site_url: str
) -> list[Finding]:
    """Wix makes a login page for our callback; the allow-list itself is the owner's to check."""
    callback = site_url.rstrip("/") + CALLBACK_PATH
    scope = client.for_visitor(tokens)
    try:
        scope.redirects.create_for_login(
            client_id=scope.auth.client_id,
            redirect_uri=callback,
            state=secrets.token_urlsafe(16),
            code_challenge=code_challenge(secrets.token_urlsafe(64)),
        )
    except WixError as exc:
        return [Finding("warn", "member sign-in", f"Wix refused a login page ({why(exc)}).")]
    manual = (
        f"Add {callback} exactly to the OAuth app's Allowed authorization redirect URIs "
        "(Headless Settings). Wix checks it only when a member comes back from signing in, "
        "so this can't be tested from here; sign in once on the site to be sure."
    )
    return [Finding("manual", "member sign-in", manual)]


def check_plans(client: WixClient) -> list[Finding]:
    """Which public plans a member could buy (none is fine: sign-in still works)."""
    try:
        plans = client.plans.query_public()
    except WixError as exc:
        message = f"Pricing plans can't be read ({why(exc)}); the plans page will be empty."
        return [Finding("warn", "pricing plans", message)]
    if not plans:
        return [Finding("ok", "pricing plans", "No public plans: paying with a plan is off.")]
    names = ", ".join(p.name for p in plans)
    return [Finding("ok", "pricing plans", f"{len(plans)} public plan(s): {names}.")]
