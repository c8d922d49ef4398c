"""Scripted browsing customers against a slow Wix: how many requests waited on Wix, and why.

Each customer opens the services list, a service, another month of that service (the HTMX
calendar swap) and another service, then the next customer starts. ``concurrency`` of them
run at once (closed loop) for ``seconds``. Every response's Server-Timing says whether it
waited on Wix (``wixcalls``) and why (``wixwait``: e.g. ``slots-cold``); the latency is the
whole response as the client saw it. Customers pause ``think`` seconds (jittered) between
pages, as people do; with none the run measures a saturated server's queue instead.
"""

from __future__ import annotations

import random
import threading
import time
from collections import Counter
from dataclasses import dataclass, field

import httpx

from bench.measure import percentile, sandbox_calls

_HTMX = {"HX-Request": "true", "HX-Target": "calendar"}


@dataclass
class BrowseResult:
    """What the browsing run measured."""

    seconds: float
    concurrency: int
    latencies_ms: list[float] = field(default_factory=list)
    waited: int = 0
    reasons: Counter[str] = field(default_factory=Counter)
    failed: int = 0
    wix_calls: int = 0

    @property
    def requests(self) -> int:
        return len(self.latencies_ms)

    @property
    def waited_share(self) -> float:
        return self.waited / max(1, self.requests)

    @property
    def p50_ms(self) -> float:
        return percentile(self.latencies_ms, 50)

    @property
    def p95_ms(self) -> float:
        return percentile(self.latencies_ms, 95)

    @property
    def wix_calls_per_minute(self) -> float:
        return self.wix_calls * 60 / self.seconds


def _script(rng: random.Random, slugs: list[str], months: list[str]) -> list[tuple[str, dict]]:
    first, second = rng.sample(slugs, 2)
    month = rng.choice(months[1:])
    return [
        ("/", {}),
        (f"/services/{first}/", {}),
        (f"/services/{first}/?month={month}", _HTMX),
        (f"/services/{second}/", {}),
    ]


def settle(sandbox: str, *, quiet: float = 3.0, limit: float = 120.0) -> float:
    """Wait until the site's warm start is done (no Wix call for ``quiet`` seconds); the
    seconds waited. As a load balancer's readiness check would: a new instance takes its
    first customers once it has warmed (``WIX_WARM_ON_START``), not while it is warming."""
    started = time.monotonic()
    last, last_change = sandbox_calls(sandbox), started
    while time.monotonic() - last_change < quiet and time.monotonic() - started < limit:
        time.sleep(0.5)
        now = sandbox_calls(sandbox)
        if now != last:
            last, last_change = now, time.monotonic()
    return time.monotonic() - started


def run(
    site: str,
    sandbox: str,
    *,
    slugs: list[str],
    months: list[str],
    concurrency: int,
    seconds: float,
    think: float = 0.0,
) -> BrowseResult:
    """Run the scripted customers; count the sandbox's Wix calls meanwhile."""
    result = BrowseResult(seconds=seconds, concurrency=concurrency)
    guard = threading.Lock()
    stop = time.monotonic() + seconds
    before = sandbox_calls(sandbox)

    def customer_loop(seed: int) -> None:
        rng = random.Random(seed)
        with httpx.Client(base_url=site, timeout=30.0) as http:
            while time.monotonic() < stop:
                for path, headers in _script(rng, slugs, months):
                    started = time.perf_counter()
                    try:
                        response = http.get(path, headers=headers)
                    except httpx.HTTPError:
                        with guard:
                            result.failed += 1
                        continue
                    elapsed = (time.perf_counter() - started) * 1000
                    timing = response.headers.get("server-timing", "")
                    calls = _calls(timing)
                    why = _why(timing)
                    with guard:
                        result.latencies_ms.append(elapsed)
                        if response.status_code >= 400:
                            result.failed += 1
                        if calls or why:
                            result.waited += 1
                            result.reasons.update(why or ["wix call outside the cache"])
                    # A customer reads the page before the next click (jittered).
                    time.sleep(think * rng.uniform(0.5, 1.5))

    threads = [threading.Thread(target=customer_loop, args=(n,)) for n in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    result.wix_calls = sandbox_calls(sandbox) - before
    return result


def _calls(timing: str) -> int:
    marker = "wixcalls;dur="
    if marker not in timing:
        return 0
    return int(timing.split(marker, 1)[1].split(";", 1)[0])


def _why(timing: str) -> list[str]:
    marker = 'wixwait;desc="'
    if marker not in timing:
        return []
    return timing.split(marker, 1)[1].split('"', 1)[0].split()
