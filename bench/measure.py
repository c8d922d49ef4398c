"""The measurements: per-page timings and bytes, the calendar under load, browsing traffic."""

from __future__ import annotations

import gzip
import random
import re
import statistics
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import httpx

from bench.customer import Customer, timing

_ASSET = re.compile(r'<(?:script|link)[^>]+(?:src|href)="([^"]+\.(?:js|css|svg))"')
_IMG = re.compile(r'<img[^>]+src="([^"]+)"')


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


@dataclass
class PageStats:
    """Server-Timing figures for one page over repeated requests."""

    name: str
    app_ms: list[float] = field(default_factory=list)
    wix_calls: list[int] = field(default_factory=list)

    def add(self, response: httpx.Response) -> None:
        if response.status_code >= 400:
            raise RuntimeError(f"{self.name} answered {response.status_code}")
        measured = timing(response)
        self.app_ms.append(measured.app_ms)
        self.wix_calls.append(measured.wix_calls)

    @property
    def p50(self) -> float:
        return statistics.median(self.app_ms)

    @property
    def p95(self) -> float:
        return percentile(self.app_ms, 95)

    @property
    def calls(self) -> float:
        return statistics.mean(self.wix_calls)


def sandbox_calls(sandbox: str) -> int:
    """Total Wix calls the standalone sandbox has answered."""
    state = httpx.get(f"{sandbox}/_sandbox/state", timeout=10).json()
    return sum(state["callCounts"].values())


@dataclass(frozen=True)
class Weight:
    """What a browser downloads for one page, gzip-compressed, and how many requests."""

    html: int
    css: int
    js: int
    other: int
    requests: int


def page_weight(site: str, path: str) -> Weight:
    """Fetch a page and every script, stylesheet and image it references, gzip-accepted."""
    headers = {"Accept-Encoding": "gzip"}
    page = httpx.get(f"{site}{path}", headers=headers, timeout=10)
    html = len(gzip.compress(page.content))  # Django's HTML is compressed by the proxy in front
    sizes = {"css": 0, "js": 0, "other": 0}
    assets = set(_ASSET.findall(page.text)) | set(_IMG.findall(page.text))
    for url in assets:
        absolute = url if url.startswith("http") else f"{site}{url}"
        asset = httpx.get(absolute, headers=headers, timeout=10)
        kind = "css" if url.endswith(".css") else "js" if url.endswith(".js") else "other"
        sizes[kind] += int(asset.headers.get("content-length", len(asset.content)))
    return Weight(html, sizes["css"], sizes["js"], sizes["other"], 1 + len(assets))


@dataclass(frozen=True)
class LoadResult:
    concurrency: int
    requests: int
    seconds: float
    p95_ms: float
    errors: int
    wix_calls_per_minute: float

    @property
    def throughput(self) -> float:
        return self.requests / self.seconds


def load(
    site: str,
    sandbox: str,
    paths: list[str],
    *,
    concurrency: int,
    seconds: float,
    headers: dict[str, str] | None = None,
) -> LoadResult:
    """Closed-loop load: ``concurrency`` clients request ``paths`` round-robin for ``seconds``."""
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    stop = time.monotonic() + seconds
    calls_before = sandbox_calls(sandbox)

    def client(index: int) -> None:
        nonlocal errors
        with httpx.Client(base_url=site, timeout=30, headers=headers) as http:
            n = index
            while time.monotonic() < stop:
                started = time.perf_counter()
                response = http.get(paths[n % len(paths)])
                elapsed = (time.perf_counter() - started) * 1000
                with lock:
                    latencies.append(elapsed)
                    errors += response.status_code >= 500
                n += concurrency

    started = time.monotonic()
    with ThreadPoolExecutor(concurrency) as pool:
        list(pool.map(client, range(concurrency)))
    took = time.monotonic() - started
    calls = sandbox_calls(sandbox) - calls_before
    return LoadResult(
        concurrency, len(latencies), took, percentile(latencies, 95), errors, calls * 60 / took
    )


@dataclass(frozen=True)
class BrowsingResult:
    customers: int
    seconds: float
    wix_calls: int
    errors: int
    p95_ms: float

    @property
    def customers_per_second(self) -> float:
        return self.customers / self.seconds

    @property
    def wix_calls_per_minute(self) -> float:
        return self.wix_calls * 60 / self.seconds


def browsing(
    site: str, sandbox: str, slugs: list[str], months: list[str], *, rate: float, seconds: float
) -> BrowsingResult:
    """Open-loop arrivals of ``rate`` customers/s: list → a service page → another month."""
    rng = random.Random(42)
    plan = [(rng.choice(slugs), rng.choice(months)) for _ in range(int(rate * seconds))]
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    calls_before = sandbox_calls(sandbox)

    def visit(step: tuple[str, str]) -> None:
        nonlocal errors
        slug, month = step
        customer = Customer(site)
        try:
            for path, extra in (
                ("/", {}),
                (f"/services/{slug}/", {}),
                (
                    f"/services/{slug}/?month={month}",
                    {"HX-Request": "true", "HX-Target": "calendar"},
                ),
            ):
                started = time.perf_counter()
                response = customer.get(path, headers=extra)
                with lock:
                    latencies.append((time.perf_counter() - started) * 1000)
                    errors += response.status_code >= 500
        finally:
            customer.close()

    started = time.monotonic()
    with ThreadPoolExecutor(64) as pool:
        for index, step in enumerate(plan):
            # Open loop: customers arrive on schedule whether or not earlier ones are done.
            delay = started + index / rate - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            pool.submit(visit, step)
    took = time.monotonic() - started
    calls = sandbox_calls(sandbox) - calls_before
    return BrowsingResult(len(plan), took, calls, errors, percentile(latencies, 95))


def repeat(stats: PageStats, request: Callable[[], httpx.Response], times: int) -> PageStats:
    for _ in range(times):
        stats.add(request())
    return stats
