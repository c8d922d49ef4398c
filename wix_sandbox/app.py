"""The Sandbox: a WSGI app speaking Wix's REST contract, with its knobs and snapshots."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from . import control, hosted, routes
from .auth import authenticate, issue_token, require_admin
from .context import Ctx, HostedConfig
from .demo import TIME_ZONE, Demo
from .errors import WixError, not_found
from .http import Request, Response, StartResponse, error_response, json_response, new_request_id
from .knobs import (
    LEGACY_BEHAVIOURS,
    SPOILED_KINDS,
    FaultKind,
    Knobs,
    acts_first,
    fault_error,
    spoiled,
)
from .misconfig import SERVICE_MISCONFIGURATIONS, apply_service_misconfigurations
from .seed import build_state
from .site_edits import SiteEdits, Snapshots
from .timeutil import at_local

log = logging.getLogger(__name__)

DEFAULT_CALLBACK_HOSTS = ("127.0.0.1", "localhost", "testserver", "[::1]")
MISCONFIGURATIONS = frozenset(
    {
        "site_not_accepting_payments",
        "callback_host_not_allowed",
        "reject_non_appointment_slots",
        "site_properties_admin_only",
        "echo_local_slot_dates",
        # Used by manage.py wix_doctor's checks:
        # Not a misconfiguration but an UNCONFIRMED behaviour (§1.4): visitors may mint the
        # anonymous-action token of their own booking, as Wix's headless recipe does.
        "visitor_action_tokens",
        "api_key_revoked",  # the API key gets 401, as after revoking it in Wix
        "client_id_unknown",  # the token endpoint refuses the OAuth client id
        "booking_form_restricted",  # Get Form Summary / Get Form of custom forms answer 403
        *SERVICE_MISCONFIGURATIONS,
    }
)


class Sandbox(SiteEdits, Snapshots):
    """An offline Wix: call it (or ``.app``) as a WSGI application.

    All state sits behind one lock; latency and injected timeouts sleep outside it, so
    a slow call never blocks the others. ``today``/``clock`` fix time for tests: with
    ``today`` and no clock, "now" is that day at 08:00 business time.

    Hosted checkout links use ``public_url`` if given; otherwise the origin the API call
    came in on (``public_url_from_request``, for standalone servers), or by default the
    callback URL's origin plus ``mount_path`` (the site proxies that path in-process).
    """

    client_id = "sandbox-headless-client"
    api_key = "sandbox-api-key"
    site_id = "5a4d1c2e-0000-4000-8000-000000000001"
    time_zone = TIME_ZONE

    def __init__(
        self,
        *,
        today: date | None = None,
        clock: Callable[[], datetime] | None = None,
        seed: int = 0,
        public_url: str | None = None,
        mount_path: str = "/_wix-sandbox",
        allowed_callback_hosts: Iterable[str] = DEFAULT_CALLBACK_HOSTS,
        created_blocks: bool = False,
        any_staff_checked_at_creation: bool = False,
        redirect_checked_at_creation: bool = False,
        control_enabled: bool = False,
        public_url_from_request: bool = False,
    ) -> None:
        self._tz = ZoneInfo(TIME_ZONE)
        self._fixed_today = today
        self._clock = clock
        self._seed = seed
        # Wix's behaviour by default (docs/wix-contract.md §6.3, §24, §26.1); the older
        # sandbox behaviour stays available behind these three knobs.
        self._created_blocks = created_blocks
        self._any_staff_checked = any_staff_checked_at_creation
        self.hosted = HostedConfig(
            public_url,
            mount_path,
            frozenset(allowed_callback_hosts),
            public_url_from_request,
            redirect_checked_at_creation,
        )
        self.control_enabled = control_enabled
        self.demo = Demo()
        self._lock = threading.Lock()
        self._sleep: Callable[[float], None] = time.sleep
        self._knobs = Knobs(seed)
        self.reset()

    # -- time ------------------------------------------------------------------------

    def now(self) -> datetime:
        """The sandbox's "now" (aware UTC)."""
        if self._clock is not None:
            return self._clock().astimezone(UTC)
        if self._fixed_today is not None:
            return at_local(self._fixed_today, "08:00", self._tz)
        return datetime.now(UTC)

    @property
    def today(self) -> date:
        return self._fixed_today or self.now().astimezone(self._tz).date()

    # -- knobs -----------------------------------------------------------------------

    def reset(self) -> None:
        """Back to the seeded demo; clears call counts, faults and misconfigurations.

        Issued visitor tokens survive, so a browser mid-session keeps working.
        """
        state = build_state(
            self.today,
            self._tz,
            self._created_blocks,
            self.now(),
            any_staff_checked=self._any_staff_checked,
        )
        with self._lock:
            if hasattr(self, "_state"):
                state.tokens = self._state.tokens
                state.refresh_tokens = self._state.refresh_tokens
                state.members.refresh_members = self._state.members.refresh_members
            self._state = state
            self._knobs = Knobs(self._seed, self._knobs.latency)

    def set_latency(self, seconds: float) -> None:
        """Sleep this long before answering each API call (outside the lock)."""
        with self._lock:
            self._knobs.latency = max(0.0, float(seconds))

    def inject_faults(
        self,
        *,
        kind: FaultKind,
        rate: float,
        endpoints: Iterable[str] | None = None,
        timeout_seconds: float = 10.0,
    ) -> None:
        """Answer ``rate`` of calls to ``endpoints`` (None = all) with a 429, 500, 503 or a
        late 504 (``timeout``: after ``timeout_seconds``; ``timeout_after``: the same, but
        after the call did its work), do the work and spoil the answer (``drop_after``,
        ``empty_after``, ``garble_after``; see ``knobs.spoiled``), or answer 200 with ``{}``
        (``empty``, nothing done). Draws are seeded."""
        names = list(endpoints) if endpoints is not None else None
        unknown = set(names or ()) - routes.ENDPOINT_NAMES
        if unknown:
            raise ValueError(f"unknown endpoint names: {sorted(unknown)}")
        with self._lock:
            self._knobs.add_fault(kind, rate, names, timeout_seconds)

    def clear_faults(self) -> None:
        with self._lock:
            self._knobs.rules.clear()

    def set_legacy(self, name: str, enabled: bool = True) -> None:
        """Bring back an old, undocumented behaviour (``knobs.LEGACY_BEHAVIOURS``) until reset."""
        if name not in LEGACY_BEHAVIOURS:
            raise ValueError(
                f"unknown legacy behaviour {name!r}; known: {sorted(LEGACY_BEHAVIOURS)}"
            )
        with self._lock:
            (self._knobs.legacy.add if enabled else self._knobs.legacy.discard)(name)

    def legacy(self, name: str) -> bool:
        with self._lock:
            return name in self._knobs.legacy

    def set_misconfiguration(self, name: str, enabled: bool = True) -> None:
        """Turn on a site misconfiguration (see ``MISCONFIGURATIONS``)."""
        if name not in MISCONFIGURATIONS:
            raise ValueError(
                f"unknown misconfiguration {name!r}; known: {sorted(MISCONFIGURATIONS)}"
            )
        with self._lock:
            if enabled:
                self._state.misconfigurations.add(name)
            else:
                self._state.misconfigurations.discard(name)
            apply_service_misconfigurations(self._state)

    # -- WSGI --------------------------------------------------------------------------

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        return self.app(environ, start_response)

    def app(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        """The WSGI entry point; every response carries a fresh ``x-wix-request-id``."""
        try:
            response = self._dispatch(Request.from_environ(environ))
        except WixError as exc:
            response = error_response(exc)
        except Exception:
            log.exception("wix sandbox: unhandled error")
            response = error_response(WixError(500, "Internal error in the Wix sandbox"))
        response.headers.append(("x-wix-request-id", new_request_id()))
        return response.send(start_response)

    def _dispatch(self, request: Request) -> Response:
        if request.path.startswith("/_sandbox/"):
            if not self.control_enabled:
                raise not_found("NOT_FOUND", "no such path")
            return control.handle(self, request)
        if hosted.is_hosted_path(request.path):
            with self._lock:
                page = hosted.handle(request, self._state, self.now(), self.hosted)
            if page is None:
                raise not_found("NOT_FOUND", "no such page")
            return page
        found = routes.match(request.method, request.path)
        if found is None:
            raise not_found("NOT_FOUND", f"no such method: {request.method} {request.path}")
        route, params = found
        with self._lock:
            self._state.call_counts[route.name] += 1
            fault = self._knobs.draw(route.name)
            latency = self._knobs.latency
        if latency:
            self._sleep(latency)
        if fault is not None and fault.kind == "empty":
            return json_response({})
        if fault is not None and not acts_first(fault):
            if fault.kind == "timeout":
                self._sleep(fault.timeout_seconds)
            raise fault_error(fault)
        response = self._execute(request, route, params)
        if fault is not None and fault.kind in SPOILED_KINDS:
            return spoiled(fault, response)
        if fault is not None:  # timeout_after: the work is done, only the answer is lost
            self._sleep(fault.timeout_seconds)
            raise fault_error(fault)
        return response

    def _execute(self, request: Request, route: routes.Route, params: dict[str, str]) -> Response:
        with self._lock:
            ctx = Ctx(
                request,
                self._state,
                self.now(),
                self.hosted,
                params=params,
                legacy=frozenset(self._knobs.legacy),
            )
            if route.name == "oauth.token":
                return json_response(issue_token(ctx, self.client_id))
            if route.access != "token" or request.headers.get("authorization"):
                ctx.identity = authenticate(ctx, api_key=self.api_key, site_id=self.site_id)
            if route.access == "admin" or (
                route.name == "site.properties"
                and "site_properties_admin_only" in self._state.misconfigurations
            ):
                require_admin(ctx)
            return json_response(route.handler(ctx))


_default: Sandbox | None = None
_default_lock = threading.Lock()


def get_default_sandbox() -> Sandbox:
    """The process-wide sandbox the Django site uses in-process (created on first use)."""
    global _default
    with _default_lock:
        if _default is None:
            _default = Sandbox()
        return _default
