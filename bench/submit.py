"""The submit's Wix calls: how many, and how many the customer waits for one after another.

A submit re-checks the chosen slot, creates the booking, creates the cart and the checkout
session (docs/architecture.md §10): at most 4 calls, each waiting on the one before. The
budget is on the sequential ones, as the customer feels them, measured two ways:

* ``thread_calls``: the calls made on the request's own thread (Server-Timing ``wixcalls``),
  each necessarily after the previous one;
* ``round_trips``: how many whole Wix latencies fit in the response time the client saw
  (``floor(elapsed / latency)``), which also catches calls made on other threads while the
  request waits for them (calls run side by side add one latency, not one each).

``sandbox_calls`` is every call the sandbox answered during the submit (side by side
included), for the record.
"""

from __future__ import annotations

import argparse
import math
from collections.abc import Callable
from dataclasses import dataclass, field

from bench.customer import Customer, timing
from bench.measure import PageStats, percentile, sandbox_calls
from bench.servers import running

MAX_SEQUENTIAL = 4


@dataclass
class SubmitStats:
    """Per submit: calls on the request thread, Wix round trips waited, calls Wix answered."""

    page: PageStats = field(default_factory=lambda: PageStats("submit"))
    details: PageStats = field(default_factory=lambda: PageStats("details step"))
    thread_calls: list[int] = field(default_factory=list)
    round_trips: list[int] = field(default_factory=list)
    sandbox_calls: list[int] = field(default_factory=list)
    elapsed_ms: list[float] = field(default_factory=list)

    @property
    def sequential(self) -> int:
        """The most sequential calls any submit made, by either measure."""
        return max(max(self.thread_calls), max(self.round_trips))

    def figure(self) -> str:
        return (
            f"max {max(self.thread_calls)} on the request thread, max {max(self.round_trips)} "
            f"round trips waited, max {max(self.sandbox_calls)} calls answered by Wix "
            f"({len(self.thread_calls)} submits)"
        )


def measure_submits(
    site: str, sandbox: str, *, slug: str, runs: int, latency: float
) -> SubmitStats:
    """Book ``runs`` different slots of ``slug`` to the checkout, one shopper at a time.

    Raises ``RuntimeError`` when a submit doesn't reach the checkout.
    """
    stats = SubmitStats()
    for index in range(runs):
        shopper = Customer(site, address=f"192.0.2.{index + 1}")
        try:
            review = shopper.reach_review(slug, slot_index=index * 3)
            stats.details.add(shopper.get("/book/details/"))
            before = sandbox_calls(sandbox)
            sent = shopper.post("/book/submit/", {}, page=review)
            answered = sandbox_calls(sandbox) - before
        finally:
            shopper.close()
        if sent.status_code != 302 or "/checkout/" not in sent.headers["location"]:
            raise RuntimeError(f"submit answered {sent.status_code} {sent.headers.get('location')}")
        stats.page.add(sent)
        elapsed_ms = sent.elapsed.total_seconds() * 1000
        stats.elapsed_ms.append(elapsed_ms)
        stats.thread_calls.append(timing(sent).wix_calls)
        stats.round_trips.append(math.floor(elapsed_ms / (latency * 1000)))
        stats.sandbox_calls.append(answered)
    return stats


def submit_budget(submits: SubmitStats, budget: Callable[[str, bool, str], None]) -> None:
    # The re-check before Create Booking (docs/architecture.md §10) is the fourth sequential call.
    budget(
        f"submit: <= {MAX_SEQUENTIAL} sequential Wix calls (re-check included)",
        submits.sequential <= MAX_SEQUENTIAL,
        submits.figure(),
    )


def submit_only(
    args: argparse.Namespace,
    say: Callable[..., None],
    budget: Callable[[str, bool, str], None],
    *,
    slug: str,
) -> None:
    """Just the submit (``--only submit``): a minute or so, not the whole bench."""
    runs = max(10, args.repeat // 3)
    with running(latency=args.latency) as servers:
        Customer(servers.site).get(f"/services/{slug}/")  # the catalogue and a window, cached
        submits = measure_submits(
            servers.site, servers.sandbox, slug=slug, runs=runs, latency=args.latency
        )
    say()
    say("## Submit (sequential shoppers, warm catalogue)")
    say()
    say(
        f"gunicorn (2 workers x 8 threads) with production settings against the standalone "
        f"sandbox answering every Wix call after {args.latency * 1000:.0f} ms; {runs} shoppers "
        f"one after another, each booking another slot of {slug} to the checkout."
    )
    say()
    say(
        "| our time p50 | p95 | response p50 | p95 | Wix calls on the request thread | "
        "Wix round trips waited | calls Wix answered |"
    )
    say("|---|---|---|---|---|---|---|")
    say(
        f"| {submits.page.p50:.1f} ms | {submits.page.p95:.1f} ms | "
        f"{percentile(submits.elapsed_ms, 50):.0f} ms | {percentile(submits.elapsed_ms, 95):.0f} ms"
        f" | max {max(submits.thread_calls)} | max {max(submits.round_trips)} | "
        f"max {max(submits.sandbox_calls)} |"
    )
    submit_budget(submits, budget)
