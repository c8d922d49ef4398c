"""A created booking's cart (or checkout) and its hosted-checkout link; whether it is paid.

The cart is made once per booking and its id kept in the ``Submission`` row, so a retry, a
second tab or "Go back to payment" reuses it. Three things can make the kept id useless: Wix no
longer knows it (a 404 from eCommerce or Redirects is about the cart, never the service); it
belongs to another visitor (the customer's tokens were lost and a fresh visitor acts for them:
Wix answers 403), so a new cart is made for the same booking; or the customer already paid, so
a new checkout link would open a page that can't be paid, and the caller shows the status page
instead.
"""

from __future__ import annotations

from booking_site.models import Submission
from booking_site.services import submission as guard
from booking_site.services.wix_errors import already_ordered
from booking_site.wix import (
    RedirectSession,
    VisitorScope,
    WixError,
    WixForbidden,
    WixNotFound,
    get_client,
)

State = Submission.State


def ensure_cart(record: Submission, scope: VisitorScope, *, email: str | None) -> str:
    """The booking's cart (or checkout) id, creating it the first time only."""
    if record.ecom_id:
        return record.ecom_id
    checkout = scope.ecom.create(booking_id=record.booking_id, buyer_email=email)
    guard.record(record.ref, ecom_id=checkout.id, ecom_kind=checkout.kind)
    return checkout.id


def checkout_session(
    record: Submission,
    scope: VisitorScope,
    *,
    email: str | None,
    return_url: str,
    thank_you_url: str,
) -> RedirectSession:
    """A one-time hosted-checkout session for the booking's cart; raises ``WixError``.

    A kept cart id Wix no longer knows, or that another visitor owns, is dropped and a new
    cart made for the same booking, owned by this visitor.
    """
    cart_id = ensure_cart(record, scope, email=email)
    try:
        return scope.redirects.create_for_checkout(
            checkout_id=cart_id, post_flow_url=return_url, thank_you_url=thank_you_url
        )
    except (WixNotFound, WixForbidden):
        if not record.ecom_id:
            raise  # the cart was made just now: not a stale id, so a new one would not help
    guard.record(record.ref, ecom_id="", ecom_kind="")
    fresh = guard.find(record.ref) or record
    return scope.redirects.create_for_checkout(
        checkout_id=ensure_cart(fresh, scope, email=email),
        post_flow_url=return_url,
        thank_you_url=thank_you_url,
    )


def awaits_payment(record: Submission, scope: VisitorScope) -> bool:
    """Whether the booking still waits for the customer to pay; raises ``WixError``.

    With the API key the booking itself says (CREATED). Without it, the visitor's own cart
    does: Wix refuses to calculate an ordered cart and names the order (docs/wix-contract.md §31.2),
    and a Checkout V1 checkout says ``completed``; the row then records the order (DONE).
    """
    client = get_client()
    if client.has_api_key:
        return str(client.extended_bookings.get(record.booking_id).status) == "CREATED"
    order_id = order_taken(record, scope)
    if order_id is None:
        return True
    guard.record(record.ref, state=State.DONE, order_id=order_id[:64])
    return False


def order_taken(record: Submission, scope: VisitorScope) -> str | None:
    """The order Wix made from the record's cart ("" when unnamed), or None while it is open.

    An id Wix no longer knows counts as open: nothing was ordered from it. Raises ``WixError``.
    """
    if not record.ecom_id:
        return None
    try:
        basket = scope.ecom.calculate(record.ecom_id)
    except WixNotFound:
        return None
    except WixError as exc:
        earlier = already_ordered(exc)
        if earlier is None:
            raise
        return earlier
    return "" if basket.completed else None
