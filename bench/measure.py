"""The measurements: per-page timings and bytes, the calendar under load, browsing traffic."""

from __future__ import annotations

import gzip
import re
import statistics
from collections.abc import Callable
from dataclasses import dataclass, field

import httpx

from bench import wrk
from bench.customer import timing
from bench.wrk import WrkResult

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

    @property
    def total(self) -> int:
        """All of it: HTML, CSS, JS and images (the page uses no web fonts)."""
        return self.html + self.css + self.js + self.other


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
    """One wrk run with the Wix calls the sandbox answered meanwhile."""

    label: str
    concurrency: int
    run: WrkResult
    wix_calls: int

    @property
    def wix_calls_per_minute(self) -> float:
        return self.wix_calls * 60 / self.run.seconds


def load(
    site: str,
    sandbox: str,
    plan: list[tuple[str, dict[str, str]]],
    *,
    label: str,
    concurrency: int,
    seconds: float,
) -> LoadResult:
    """Closed-loop load with wrk over ``plan``, counting Wix calls made meanwhile."""
    before = sandbox_calls(sandbox)
    result = wrk.run(site, plan, connections=concurrency, seconds=seconds)
    return LoadResult(label, concurrency, result, sandbox_calls(sandbox) - before)


def repeat(stats: PageStats, request: Callable[[], httpx.Response], times: int) -> PageStats:
    for _ in range(times):
        stats.add(request())
    return stats
