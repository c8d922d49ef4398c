"""The single place that talks HTTP to Wix: retries, logging, call metrics and error mapping."""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable, Mapping
from typing import Any

import httpx

from booking_site.wix import metrics
from booking_site.wix.budget import UNBUDGETED_SLOT_WAIT, Budget, current_budget, gate
from booking_site.wix.errors import (
    REQUEST_ID_HEADER,
    WixAPIError,
    WixConnectionError,
    WixError,
    WixRateLimited,
    WixResponseError,
    WixServerError,
    WixTimeout,
    error_from_response,
)

logger = logging.getLogger("booking_site.wix")

BACKOFF_BASE = 0.5
BACKOFF_CAP = 4.0
RETRY_AFTER_CAP = 5.0
# Under a read budget, an attempt with less time than this left is not worth starting.
MIN_ATTEMPT_SECONDS = 0.05

# Exceptions raised before the request left this process: retrying them cannot duplicate a write.
_NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)


class HttpCore:
    """Sends one logical Wix call, retrying it when that is safe, and returns the JSON object."""

    def __init__(
        self,
        *,
        http: httpx.Client,
        sleep: Callable[[float], None],
        clock: Callable[[], float],
        max_retries: int,
        rng: random.Random,
    ) -> None:
        self.http = http
        self._sleep = sleep
        self._clock = clock
        self.max_retries = max_retries
        self._rng = rng

    def send(
        self,
        method: str,
        path: str,
        *,
        headers: Mapping[str, str],
        json: Any = None,
        params: Mapping[str, str] | None = None,
        retry: bool,
        max_retries: int | None = None,
    ) -> dict[str, Any]:
        """Perform the call; ``retry`` marks it as safe to repeat (reads and no-effect POSTs).

        Inside a ``read_budget`` the call, retries and backoff included, ends by its deadline
        (``WixTimeout``). Every attempt holds a slot of the process's gate; ``WixBusy`` (not
        sent, never retried here) when none frees up in time.
        """
        limit = self.max_retries if max_retries is None else max_retries
        budget = current_budget()
        attempt = 0
        while True:
            attempt += 1
            timeout = self._attempt_timeout(budget, method, path)
            wait = UNBUDGETED_SLOT_WAIT
            if budget is not None:
                wait = max(0.0, min(budget.slot_wait, budget.remaining()))
            try:
                with gate().slot(wait):
                    return self._attempt(method, path, headers, json, params, attempt, timeout)
            except (WixAPIError, WixConnectionError) as error:
                if attempt > limit or not _may_retry(error, retry):
                    raise
                delay = self._delay(attempt, error)
                if budget is not None and not _retry_fits(budget, error, delay):
                    raise
                self._sleep(delay)

    def _attempt_timeout(self, budget: Budget | None, method: str, path: str) -> httpx.Timeout:
        """The client's timeouts, cut to what is left of the budget."""
        configured = self.http.timeout
        if budget is None:
            return configured
        left = budget.remaining()
        if left < MIN_ATTEMPT_SECONDS:
            raise WixTimeout(f"Wix {method} {path} not sent: the read's deadline has passed")

        def cut(value: float | None) -> float:
            return left if value is None else min(value, left)

        return httpx.Timeout(
            connect=cut(configured.connect),
            read=cut(configured.read),
            write=cut(configured.write),
            pool=cut(configured.pool),
        )

    def _attempt(
        self,
        method: str,
        path: str,
        headers: Mapping[str, str],
        json: Any,
        params: Mapping[str, str] | None,
        attempt: int,
        timeout: httpx.Timeout,
    ) -> dict[str, Any]:
        started = time.perf_counter()
        try:
            response = self.http.request(
                method, path, headers=headers, json=json, params=params, timeout=timeout
            )
        except httpx.TimeoutException as exc:
            self._log(method, path, type(exc).__name__, started, attempt, None)
            raise WixTimeout(f"Wix {method} {path} timed out ({type(exc).__name__})") from exc
        except httpx.TransportError as exc:
            self._log(method, path, type(exc).__name__, started, attempt, None)
            raise WixConnectionError(f"Wix {method} {path} failed: {type(exc).__name__}") from exc
        request_id = response.headers.get(REQUEST_ID_HEADER)
        self._log(method, path, response.status_code, started, attempt, request_id)
        if not response.is_success:
            raise error_from_response(response, now=self._clock())
        return _json_body(response, method, path, request_id)

    def _delay(self, attempt: int, error: WixError) -> float:
        retry_after = getattr(error, "retry_after", None)
        if retry_after is not None:
            return min(retry_after, RETRY_AFTER_CAP)
        backoff = min(BACKOFF_CAP, BACKOFF_BASE * 2 ** (attempt - 1))
        # Jitter within the upper half of the backoff spreads out workers that failed together.
        return backoff * (0.5 + self._rng.random() / 2)

    def _log(
        self,
        method: str,
        path: str,
        status: int | str,
        started: float,
        attempt: int,
        request_id: str | None,
    ) -> None:
        elapsed = time.perf_counter() - started
        metrics.record(elapsed)
        logger.info(
            "wix %s %s -> %s in %.0fms (attempt %d, request id %s)",
            method,
            path,
            status,
            elapsed * 1000,
            attempt,
            request_id,
            extra={
                "wix_method": method,
                "wix_path": path,
                "wix_status": status,
                "wix_duration_ms": round(elapsed * 1000, 1),
                "wix_attempt": attempt,
                "wix_request_id": request_id,
            },
        )


def _may_retry(error: WixError, idempotent: bool) -> bool:
    if isinstance(error, WixRateLimited):
        # Throttling rejects the request before the method runs, so even a write may be repeated.
        return True
    if isinstance(error.__cause__, _NOT_SENT):
        return True
    # Writes are never repeated after a 5xx or a read timeout: Wix may have done the work, and
    # Create Booking has no idempotency key (docs/wix-contract.md §14.4), so a retry could
    # double-book.
    return idempotent and isinstance(error, WixServerError | WixConnectionError)


def _retry_fits(budget: Budget, error: WixError, delay: float) -> bool:
    """Whether a retry after ``delay`` still fits the budget (and the budget allows it)."""
    if isinstance(error, WixTimeout) and not budget.retry_timeouts:
        return False
    return budget.remaining() - delay >= MIN_ATTEMPT_SECONDS


def _json_body(
    response: httpx.Response, method: str, path: str, request_id: str | None
) -> dict[str, Any]:
    if not response.content:
        return {}
    try:
        body = response.json()
    except (ValueError, RecursionError) as exc:  # RecursionError: absurdly deep nesting
        raise WixResponseError(
            f"Wix {method} {path} returned non-JSON (request id {request_id})"
        ) from exc
    if not isinstance(body, dict):
        raise WixResponseError(
            f"Wix {method} {path} returned a non-object (request id {request_id})"
        )
    return body
