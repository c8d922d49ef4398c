"""The members part of the sandbox's state: accounts, one-time codes, plan orders, balances."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal


@dataclass
class MemberAccount:
    id: str
    email: str
    first_name: str
    last_name: str
    contact_id: str


@dataclass
class AuthCode:
    """An authorization code from the login page: one exchange, with its PKCE challenge."""

    member_id: str
    client_id: str
    redirect_uri: str
    code_challenge: str
    expires_at: datetime
    used: bool = False


@dataclass
class PlanOrderRecord:
    """A member's plan order and its benefit pool (what is left of its sessions)."""

    id: str
    plan_id: str
    member_id: str
    start: datetime
    end: datetime
    credits: int
    available: int
    status: str = "ACTIVE"


@dataclass
class LoginSession:
    """An ``auth`` redirect session: Wix's login page for one authorization request."""

    id: str
    base: str
    client_id: str
    redirect_uri: str
    state: str
    code_challenge: str
    used: bool = False


@dataclass
class PlanCheckoutSession:
    """A ``paidPlansCheckout`` redirect session (the hosted plan checkout)."""

    id: str
    base: str
    plan_id: str
    member_id: str | None
    post_flow_url: str | None
    thank_you_url: str | None
    used: bool = False


@dataclass
class MemberBook:
    accounts: dict[str, MemberAccount] = field(default_factory=dict)  # by id
    codes: dict[str, AuthCode] = field(default_factory=dict)
    refresh_members: dict[str, str] = field(default_factory=dict)  # refresh token → member
    orders: dict[str, PlanOrderRecord] = field(default_factory=dict)
    logins: dict[str, LoginSession] = field(default_factory=dict)
    logouts: dict[str, str] = field(default_factory=dict)  # session id → post-flow URL
    plan_checkouts: dict[str, PlanCheckoutSession] = field(default_factory=dict)
    # Service key → an add-on its bookings carry, charged online (``payment.addOnOption:
    # ONLINE``): a plan pays the session, not the add-on, so the cart keeps this to pay (§28.3).
    online_addons: dict[str, Decimal] = field(default_factory=dict)

    def by_email(self, email: str) -> MemberAccount | None:
        key = email.strip().lower()
        return next((a for a in self.accounts.values() if a.email == key), None)
