"""WixClient (one httpx.Client, shared identity) and VisitorScope (one customer's identity)."""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from types import TracebackType
from typing import Self

import httpx

from booking_site.wix.auth import AuthAPI, VisitorSession
from booking_site.wix.callers import Caller, SharedCaller, VisitorCaller
from booking_site.wix.constants import DEFAULT_BASE_URL, DEFAULT_MEDIA_BASE_URL
from booking_site.wix.errors import WixConfigurationError
from booking_site.wix.resources import (
    AnonymousBookingsAPI,
    BalancesAPI,
    BookingsAPI,
    CalendarEventsAPI,
    CartAPI,
    CheckoutAPI,
    EcomAPI,
    ExtendedBookingsAPI,
    FormsAPI,
    MembersAPI,
    OrdersAPI,
    PlansAPI,
    RedirectsAPI,
    ServicesAPI,
    SiteAPI,
    StaffMembersAPI,
    TimeSlotsAPI,
    VariantsAPI,
)
from booking_site.wix.tokens import VisitorTokens
from booking_site.wix.transport import HttpCore

# A customer is waiting on every call: fail fast rather than use httpx's defaults.
DEFAULT_TIMEOUT = httpx.Timeout(connect=2.0, read=6.0, write=6.0, pool=2.0)


class _Resources:
    """The resource attributes shared by WixClient and VisitorScope."""

    auth: AuthAPI
    site: SiteAPI
    staff: StaffMembersAPI
    services: ServicesAPI
    time_slots: TimeSlotsAPI
    bookings: BookingsAPI
    anonymous_bookings: AnonymousBookingsAPI
    extended_bookings: ExtendedBookingsAPI
    calendar_events: CalendarEventsAPI
    variants: VariantsAPI
    ecom: EcomAPI
    redirects: RedirectsAPI
    orders: OrdersAPI
    members: MembersAPI
    plans: PlansAPI
    balances: BalancesAPI
    forms: FormsAPI

    def _bind(self, caller: Caller, *, auth: AuthAPI, media_base_url: str, ecom_api: str) -> None:
        kwargs = {"media_base_url": media_base_url}
        self.auth = auth
        self.site = SiteAPI(caller, **kwargs)
        self.staff = StaffMembersAPI(caller, **kwargs)
        self.services = ServicesAPI(caller, **kwargs)
        self.time_slots = TimeSlotsAPI(caller, **kwargs)
        self.bookings = BookingsAPI(caller, **kwargs)
        self.anonymous_bookings = AnonymousBookingsAPI(caller, **kwargs)
        self.extended_bookings = ExtendedBookingsAPI(caller, **kwargs)
        self.calendar_events = CalendarEventsAPI(caller, **kwargs)
        self.variants = VariantsAPI(caller, **kwargs)
        self.ecom = (CartAPI if ecom_api == "cart" else CheckoutAPI)(caller, **kwargs)
        self.redirects = RedirectsAPI(caller, **kwargs)
        self.orders = OrdersAPI(caller, **kwargs)
        self.members = MembersAPI(caller, **kwargs)
        self.plans = PlansAPI(caller, **kwargs)
        self.balances = BalancesAPI(caller, **kwargs)
        self.forms = FormsAPI(caller, **kwargs)


class WixClient(_Resources):
    """The Wix REST client: one connection pool, retries, and per-call identity."""

    def __init__(
        self,
        *,
        base_url: str = DEFAULT_BASE_URL,
        client_id: str | None,
        api_key: str | None = None,
        site_id: str | None = None,
        ecom_api: str = "cart",
        media_base_url: str = DEFAULT_MEDIA_BASE_URL,
        transport: httpx.BaseTransport | None = None,
        timeout: httpx.Timeout = DEFAULT_TIMEOUT,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.time,
        max_retries: int = 2,
        rng: random.Random | None = None,
    ) -> None:
        if ecom_api not in ("cart", "checkout"):
            raise WixConfigurationError(f"ecom_api must be 'cart' or 'checkout', not {ecom_api!r}")
        if api_key and not site_id:
            raise WixConfigurationError("an API key needs a site id (wix-site-id header)")
        self._http = httpx.Client(
            base_url=base_url,
            transport=transport,
            timeout=timeout,
            headers={"Accept": "application/json"},
        )
        self._core = HttpCore(
            http=self._http,
            sleep=sleep,
            clock=clock,
            max_retries=max_retries,
            rng=rng or random.Random(),
        )
        self._clock = clock
        self._media_base_url = media_base_url
        self._ecom_api = ecom_api
        auth = AuthAPI(self._core, client_id=client_id, clock=clock)
        self._shared = SharedCaller(
            self._core,
            api_key=api_key,
            site_id=site_id,
            visitor=VisitorSession(auth, None, clock=clock),
        )
        self._bind(self._shared, auth=auth, media_base_url=media_base_url, ecom_api=ecom_api)

    @property
    def has_api_key(self) -> bool:
        """True when an API key (and site id) is configured, so admin calls can be made."""
        return self._shared.has_api_key

    def for_visitor(self, tokens: VisitorTokens | None) -> VisitorScope:
        """This client acting as one customer: their stored tokens, or a new visitor if None."""
        session = VisitorSession(self.auth, tokens, clock=self._clock)
        return VisitorScope(
            VisitorCaller(self._shared, session),
            session,
            auth=self.auth,
            media_base_url=self._media_base_url,
            ecom_api=self._ecom_api,
        )

    def close(self) -> None:
        """Close the connection pool."""
        self._http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


class VisitorScope(_Resources):
    """The client's resources acting as one visitor; store ``tokens`` back in their session."""

    def __init__(
        self,
        caller: VisitorCaller,
        session: VisitorSession,
        *,
        auth: AuthAPI,
        media_base_url: str,
        ecom_api: str,
    ) -> None:
        self._session = session
        self._caller = caller
        self._bind(caller, auth=auth, media_base_url=media_base_url, ecom_api=ecom_api)

    @property
    def tokens(self) -> VisitorTokens | None:
        """The visitor's current tokens, after any minting or refresh this scope did."""
        return self._session.tokens

    @property
    def has_api_key(self) -> bool:
        """True when admin calls are possible."""
        return self._caller.has_api_key
