"""The sandbox's hosted member pages: Wix's login page, logout, and the plan checkout.

Like ``hosted.py``: plain HTML that works without JavaScript. The login page signs in (or
registers) a member by email — the demo member is ``demo_plans.DEMO_MEMBER_EMAIL``; no
password, it is a demo — and sends the browser to the authorization request's redirect URI
with ``code`` and ``state``, only when that URI's host is allowed (Wix checks the exact URI on
the way back, docs/wix-contract.md §26.1). The plan checkout sells the plan to the member
who created the session and returns to ``thankYouPageUrl?planOrderId=…``.
"""

from __future__ import annotations

import re
from datetime import datetime
from html import escape
from urllib.parse import urlsplit

from . import demo_plans, members
from .http import Request, Response, html_response, redirect
from .state import State

_PAGE = re.compile(r"/(login|logout|plan-checkout)/([0-9a-f-]{36})(?:/(submit|cancel|pay))?/?")


def is_member_path(path: str) -> bool:
    return path.startswith(("/login/", "/logout/", "/plan-checkout/"))


def handle(
    request: Request, state: State, now: datetime, allowed_hosts: frozenset[str], shell
) -> Response | None:
    """Route a member page; None when the path is not one."""
    match = _PAGE.fullmatch(request.path)
    if not match:
        return None
    kind, session_id, action = match.groups()
    book = state.members
    if kind == "logout":
        target = book.logouts.pop(session_id, None)
        if target is None:
            return html_response(shell("", "Link used", "<h1>This link was already used</h1>"), 410)
        return (
            redirect(_with(target, wixMemberLoggedIn="false"))
            if target
            else html_response(shell("", "Signed out", "<h1>You're signed out</h1>"))
        )
    if kind == "login":
        login = book.logins.get(session_id)
        if login is None or login.used:
            return html_response(
                shell("", "Link used", "<h1>This sign-in link was already used</h1>"), 410
            )
        if action is None:
            return html_response(shell(login.base, "Sign in", _login_form(login.base, login.id)))
        if request.method != "POST":
            return None
        if action == "cancel":
            login.used = True
            return redirect(_with(login.redirect_uri, error="access_denied", state=login.state))
        host = urlsplit(login.redirect_uri).hostname or ""
        if host not in allowed_hosts and f"[{host}]" not in allowed_hosts:
            body = (
                "<h1>This site can't receive your sign-in</h1><p>Its address is not on the "
                "app's allowed authorization redirect URIs.</p>"
            )
            return html_response(shell(login.base, "Sign-in refused", body), 403)
        email = request.form.get("email", "").strip()
        if "@" not in email:
            return html_response(
                shell(
                    login.base, "Sign in", _login_form(login.base, login.id, "Enter your email.")
                ),
                400,
            )
        login.used = True
        member = members.register_in(state, email)
        code = members.issue_code(state, login, member, now)
        return redirect(_with(login.redirect_uri, code=code, state=login.state))
    return _plan_checkout(request, state, now, session_id, action, shell)


def _plan_checkout(request, state, now, session_id, action, shell) -> Response | None:
    checkout = state.members.plan_checkouts.get(session_id)
    if checkout is None or checkout.used:
        return html_response(
            shell("", "Link used", "<h1>This checkout link was already used</h1>"), 410
        )
    plan = demo_plans.plan(checkout.plan_id)
    assert plan is not None
    if action is None:
        if checkout.member_id is None:
            body = "<h1>Please sign in first</h1><p>Plans can only be bought by members.</p>"
            return html_response(shell(checkout.base, "Buy a plan", body), 403)
        base = escape(checkout.base)
        action_url = f"{base}/plan-checkout/{checkout.id}"
        body = (
            f"<h1>Buy {escape(plan.name)}</h1>\n<p>{escape(plan.description)}</p>\n"
            f'<p class="total">Total <strong>£{plan.price:,.2f}</strong></p>\n'
            f'<div class="actions"><form method="post" action="{action_url}/pay">'
            f'<button type="submit" class="primary">Pay £{plan.price:,.2f}</button></form>'
            f'<form method="post" action="{action_url}/cancel">'
            '<button type="submit" class="secondary">Cancel and go back</button></form></div>\n'
            '<p class="note">This is the offline Wix sandbox: no card is charged.</p>'
        )
        return html_response(shell(checkout.base, "Buy a plan", body))
    if request.method != "POST" or checkout.member_id is None:
        return None
    checkout.used = True
    if action == "cancel":
        target = checkout.post_flow_url or checkout.thank_you_url or "/"
        return redirect(_with(target, wixMemberLoggedIn="true"))
    order_id = members.new_order(state.members, plan, checkout.member_id, now)
    target = checkout.thank_you_url or checkout.post_flow_url or "/"
    return redirect(_with(target, planOrderId=order_id, wixMemberLoggedIn="true"))


def _login_form(base: str, session_id: str, problem: str = "") -> str:
    base = escape(base)
    error = f'<p class="problem" role="alert">{escape(problem)}</p>' if problem else ""
    return (
        "<h1>Sign in</h1>\n"
        f"<p>Demo member: <strong>{escape(demo_plans.DEMO_MEMBER_EMAIL)}</strong> (no password in "
        "the sandbox). Any other email signs up a new member.</p>\n"
        f'{error}<form method="post" action="{base}/login/{session_id}/submit">'
        '<p><label for="email">Email</label><br>'
        f'<input id="email" name="email" type="email" autocomplete="email" required '
        f'value="{escape(demo_plans.DEMO_MEMBER_EMAIL)}"></p>'
        '<button type="submit" class="primary">Sign in</button></form>\n'
        f'<form method="post" action="{base}/login/{session_id}/cancel">'
        '<button type="submit" class="secondary">Cancel</button></form>'
    )


def _with(url: str, **params: str) -> str:
    from .hosted import with_params

    return with_params(url, **params)
