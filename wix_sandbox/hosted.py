"""The sandbox's hosted checkout page, its CSS and the demo media (not API: no auth).

Plain HTML that works without JavaScript: one form to pay, one to go back. Every URL
in the page is built from the session's ``base`` so it works both on the sandbox
itself and mounted under the site (``/_wix-sandbox/…``).
"""

from __future__ import annotations

import gzip
import re
from datetime import datetime
from decimal import Decimal
from functools import lru_cache
from html import escape
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit
from zoneinfo import ZoneInfo

from . import demo as d
from .context import HostedConfig
from .hosted_members import handle as member_pages
from .hosted_members import is_member_path
from .http import Request, Response, html_response, redirect
from .orders import complete_basket
from .plans import redeem, violations
from .pricing import ZERO, totals
from .redirects import host_allowed
from .state import RedirectRecord, State

STATIC_DIR = Path(__file__).with_name("static")
CONTENT_TYPES = {
    ".css": "text/css; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".ico": "image/x-icon",
}
_SAFE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._~-]*")
_CHECKOUT = re.compile(r"/checkout/([0-9a-f-]{36})(?:/(pay|cancel))?/?")


# Text formats a media CDN sends compressed to a browser that accepts it (images such as PNG
# and JPEG are compressed already). Wix's demo images here are SVG stand-ins for a business's
# photos; sent raw they would weigh several times what the page's real images cost.
_COMPRESSIBLE = frozenset({".css", ".svg"})


def serve_file(folder: str, name: str, accept_encoding: str = "") -> Response | None:
    """A file under ``static/`` (``static/media`` for media); None when it doesn't exist.

    CSS and SVG are sent gzip-compressed when ``accept_encoding`` (the request's
    Accept-Encoding header) allows it, with ``Vary: Accept-Encoding`` either way.
    """
    path = STATIC_DIR / folder / name if folder else STATIC_DIR / name
    if not _SAFE_NAME.fullmatch(name) or not path.is_file() or path.suffix not in CONTENT_TYPES:
        return None
    headers = [
        ("Content-Type", CONTENT_TYPES[path.suffix]),
        ("Cache-Control", "public, max-age=3600"),
    ]
    if path.suffix not in _COMPRESSIBLE:
        return Response(200, path.read_bytes(), headers)
    headers.append(("Vary", "Accept-Encoding"))
    if "gzip" not in accept_encoding.lower():
        return Response(200, path.read_bytes(), headers)
    headers.append(("Content-Encoding", "gzip"))
    return Response(200, _gzipped(path, path.stat().st_mtime_ns), headers)


@lru_cache(maxsize=64)
def _gzipped(path: Path, modified: int) -> bytes:
    # ``modified`` is part of the cache key: an edited demo file is compressed afresh.
    return gzip.compress(path.read_bytes(), mtime=0)


def is_hosted_path(path: str) -> bool:
    return path.startswith(("/checkout/", "/static/", "/media/")) or is_member_path(path)


def handle(request: Request, state: State, now: datetime, hosted: HostedConfig) -> Response | None:
    """Route a hosted-page request; None means "not a hosted page" (the app 404s)."""
    if is_member_path(request.path):
        allowed_hosts = hosted.allowed_callback_hosts
        if "callback_host_not_allowed" in state.misconfigurations:
            allowed_hosts = frozenset()
        return member_pages(request, state, now, allowed_hosts, _shell)
    if request.path.startswith("/static/") and request.method in ("GET", "HEAD"):
        name = request.path.removeprefix("/static/")
        return serve_file("", name, request.headers.get("accept-encoding", ""))
    if request.path.startswith("/media/") and request.method in ("GET", "HEAD"):
        name = request.path.removeprefix("/media/")
        return serve_file("media", name, request.headers.get("accept-encoding", ""))
    match = _CHECKOUT.fullmatch(request.path)
    if not match:
        return None
    record = state.redirects.get(match.group(1))
    if record is None:
        return _message(
            None,
            "Checkout link not found",
            "This checkout link does not exist. Please start your booking again.",
            404,
        )
    if record.used:
        return _message(
            record,
            "This link was already used",
            "This checkout link has already been used. Please return to the booking "
            "site to check your booking or start again.",
            410,
        )
    action = match.group(2)
    if action is None and request.method in ("GET", "HEAD"):
        return _page(record, state)
    if action and request.method == "POST":
        done = _pay(record, state, now) if action == "pay" else _cancel(record)
        return _sent_back(done, state, hosted, record)
    return _message(record, "Not allowed", "Use the buttons on the checkout page.", 405)


def _sent_back(
    done: Response, state: State, hosted: HostedConfig, record: RedirectRecord
) -> Response:
    """Wix's way back to the site, refused (403) for a domain not on the allowed list.

    Wix applies the allowed redirect domains here, when it sends the visitor back, not when
    the session was created (docs/wix-contract.md §26.1): a payment already made stays made.
    """
    target = dict(done.headers).get("Location")
    if done.status != 303 or not target or host_allowed(state, hosted, target):
        return done
    host = urlsplit(target).hostname or target
    done_text = "Your payment went through." if record.used == "paid" else "Nothing was charged."
    return _message(
        record,
        "This site can't be reached from checkout",
        f"The booking site's domain ({host}) is not in this Wix site's allowed redirect "
        f"domains, so you can't be sent back to it. {done_text}",
        403,
    )


def with_params(url: str, **params: str) -> str:
    parts = urlsplit(url)
    query = parse_qsl(parts.query, keep_blank_values=True) + list(params.items())
    return urlunsplit(parts._replace(query=urlencode(query)))


def _pay(record: RedirectRecord, state: State, now: datetime) -> Response:
    basket = state.baskets[record.basket_id]
    if totals(state, basket)["errors"] or basket.completed or violations(state, basket, now):
        return _message(
            record,
            "This booking can't be paid",
            "Something in this checkout is no longer available. Go back to the "
            "booking site to choose another time.",
            409,
        )
    redeem(state, basket, now)  # the plan-paid lines of a cart with a remainder to pay
    order_id = complete_basket(state, basket, now, paid_online=True)
    record.used = "paid"
    if record.thank_you_url:
        return redirect(
            with_params(record.thank_you_url, orderId=order_id, wixMemberLoggedIn="false")
        )
    if record.post_flow_url:
        return redirect(with_params(record.post_flow_url, wixMemberLoggedIn="false"))
    return _message(record, "Booking complete", "Thank you: your booking is complete.", 200)


def _cancel(record: RedirectRecord) -> Response:
    record.used = "cancelled"
    target = record.post_flow_url or record.thank_you_url
    if target:
        return redirect(with_params(target, wixMemberLoggedIn="false"))
    return _message(record, "Checkout cancelled", "Nothing was charged. You can close this page.")


def _shell(base: str, title: str, body: str) -> str:
    return (
        '<!doctype html>\n<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)} · {escape(d.BUSINESS_NAME)}</title>\n"
        f'<link rel="stylesheet" href="{escape(base)}/static/checkout.css">\n</head>\n<body>\n'
        '<header class="bar"><p class="brand">'
        f"{escape(d.BUSINESS_NAME)}</p>"
        '<p class="secure">Secure checkout · Wix sandbox</p></header>\n'
        f'<main class="card">\n{body}\n</main>\n</body>\n</html>\n'
    )


def _message(record: RedirectRecord | None, title: str, text: str, status: int = 200) -> Response:
    base = record.base if record else ""
    body = f"<h1>{escape(title)}</h1>\n<p>{escape(text)}</p>"
    return html_response(_shell(base, title, body), status)


def _when(start: datetime, end: datetime, tz: ZoneInfo, sessions: int) -> str:
    local_start, local_end = start.astimezone(tz), end.astimezone(tz)
    day = f"{local_start:%A} {local_start.day} {local_start:%B %Y}"
    zone_label = f"{tz.key}, {local_start.tzname()}"
    if sessions > 1:
        return f"{sessions} weekly sessions from {day}, {local_start:%H:%M} ({zone_label})"
    return f"{day}, {local_start:%H:%M}-{local_end:%H:%M} ({zone_label})"


def _page(record: RedirectRecord, state: State) -> Response:
    basket = state.baskets[record.basket_id]
    t = totals(state, basket)
    base = escape(record.base)
    items = []
    for n, line in enumerate(t["lines"], 1):
        booking = state.bookings.get(line["catalogReference"]["catalogItemId"])
        if booking is None:
            continue
        spec = booking.service
        sessions = len(state.course_sessions(spec)) if spec.type == "COURSE" else 1
        staff = (booking.doc["bookedEntity"].get("slot") or {}).get("resource", {}).get("name")
        where = state.demo.locations[booking.location].name if booking.location else ""
        rows = [
            ("When", _when(booking.start, booking.end, state.tz, sessions)),
            ("Where", where),
            ("With", staff or ""),
            ("Participants", str(booking.participants)),
            ("Price", line["price"]["formattedAmount"]),
        ]
        details = "".join(f"<dt>{k}</dt><dd>{escape(v)}</dd>" for k, v in rows if v)
        items.append(
            f'<section class="item" aria-labelledby="item-{n}">'
            f'<img src="{base}/media/{escape(spec.image)}" alt="" width="120" height="80">'
            f'<div><h2 id="item-{n}">{escape(spec.name)}</h2><dl>{details}</dl></div></section>'
        )
    total, pay_now = t["total"], t["pay_now"]
    later = total - pay_now
    summary = f'<p class="total">Total <strong>{_money(total)}</strong></p>'
    if later > ZERO and pay_now > ZERO:
        summary += f'<p class="total">Deposit due now <strong>{_money(pay_now)}</strong></p>'
    if later > ZERO:
        summary += f'<p class="note">{_money(later)} is paid at the studio.</p>'
    label = f"Pay {_money(pay_now)}" if pay_now > ZERO else "Confirm booking"
    if t["errors"] or basket.completed:
        pay = '<p class="problem" role="alert">This booking is no longer available.</p>'
    else:
        pay = (
            f'<form method="post" action="{base}/checkout/{record.id}/pay">'
            f'<button type="submit" class="primary">{escape(label)}</button></form>'
        )
    cancel = (
        f'<form method="post" action="{base}/checkout/{record.id}/cancel">'
        '<button type="submit" class="secondary">Cancel and go back</button></form>'
    )
    body = (
        "<h1>Review and pay</h1>\n" + "\n".join(items) + f"\n{summary}\n"
        f'<div class="actions">{pay}{cancel}</div>\n'
        '<p class="note">This is the offline Wix sandbox: no card is charged.</p>'
    )
    return html_response(_shell(record.base, "Checkout", body))


def _money(value: Decimal) -> str:
    return f"£{value:,.2f}"
