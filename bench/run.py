"""`make bench`: measure the site against the standalone sandbox and check the budgets.

Everything runs on loopback with bounded counts and durations. Results go to stdout and to
docs/benchmarks.md with the machine's description and the date.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import random
from collections.abc import Callable
from pathlib import Path

from bench import browse, paint, peer_compare
from bench.customer import Customer, timing
from bench.measure import PageStats, load, page_weight, repeat
from bench.servers import ROOT, running
from bench.submit import measure_submits, submit_budget, submit_only

SLUG = "deep-tissue-massage"
BROWSE_SLUGS = [
    "deep-tissue-massage",
    "wellbeing-consultation",
    "hot-stone-massage",
    "vinyasa-flow",
    "family-yoga",
    "mindfulness-foundations-6-weeks",
]
HTMX = {"HX-Request": "true", "HX-Target": "calendar"}


def _months(count: int) -> list[str]:
    today = dt.date.today().replace(day=1)
    months = []
    for _ in range(count):
        months.append(today.strftime("%Y-%m"))
        today = (today + dt.timedelta(days=32)).replace(day=1)
    return months


def _machine() -> str:
    model = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return (
        f"{platform.system()} {platform.release()}, {os.cpu_count()} cores ({model}), "
        f"Python {platform.python_version()}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--latency", type=float, default=0.12, help="seconds per Wix call")
    parser.add_argument("--repeat", type=int, default=60, help="requests per page measured")
    parser.add_argument("--load-seconds", type=float, default=6.0)
    parser.add_argument("--browse-connections", type=int, default=32)
    parser.add_argument("--browse-seconds", type=float, default=30.0)
    parser.add_argument(
        "--only",
        choices=("all", "classic", "browse", "submit"),
        default="all",
        help="which part to run (submit: only the submit's Wix calls, about a minute)",
    )
    parser.add_argument("--swr-latency", type=float, default=0.3, help="Wix latency, browsing")
    parser.add_argument("--customers", type=int, default=8, help="concurrent browsing customers")
    parser.add_argument(
        "--think", type=float, default=0.5, help="seconds between a customer's pages"
    )
    parser.add_argument(
        "--paint-runs",
        type=int,
        default=15,
        help="Chromium visits each (0: none; medians are noisy)",
    )
    parser.add_argument(
        "--peer-seconds", type=float, default=5.0, help="wrk seconds per run, 3 runs (0: no peer)"
    )
    parser.add_argument(
        "--customers-seconds",
        type=float,
        default=float(os.environ.get("BENCH_BROWSE_SECONDS", "600")),
        help="how long the scripted customers browse (env BENCH_BROWSE_SECONDS; default 600)",
    )
    args = parser.parse_args()

    lines: list[str] = []
    verdicts: list[tuple[str, bool, str]] = []

    def say(text: str = "") -> None:
        print(text, flush=True)
        lines.append(text)

    def budget(name: str, ok: bool, figure: str) -> None:
        verdicts.append((name, ok, figure))

    say("# Benchmarks")
    say()
    say(f"Run {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC on {_machine()}.")

    if args.only == "submit":
        submit_only(args, say, budget, slug=SLUG)
    if args.only in ("all", "classic"):
        _classic(args, say, budget)
    if args.only in ("all", "browse"):
        _browsing(args, say, budget)
    say()
    say("## Budgets")
    say()
    say("| budget | result | figure |")
    say("|---|---|---|")
    for name, ok, figure in verdicts:
        say(f"| {name} | {'PASS' if ok else 'FAIL'} | {figure} |")
    (ROOT / "docs").mkdir(exist_ok=True)
    name = "benchmarks.md" if args.only == "all" else f"benchmarks-{args.only}.md"
    (ROOT / "docs" / name).write_text("\n".join(lines) + "\n")
    return 0 if all(ok for _, ok, _ in verdicts) else 1


def _classic(
    args: argparse.Namespace,
    say: Callable[..., None],
    budget: Callable[[str, bool, str], None],
) -> None:
    """Pages, weight, the calendar under load and wrk browsing at ``--latency`` (120 ms)."""
    with running(latency=args.latency) as servers:
        months = _months(4)
        customer = Customer(servers.site)
        # Cold pass first: it fills the caches and shows what a cold page costs.
        cold = {
            "services list": customer.get("/"),
            "service page": customer.get(f"/services/{SLUG}/"),
        }
        pages = {
            "services list": repeat(
                PageStats("services list"), lambda: customer.get("/"), args.repeat
            ),
            "service page": repeat(
                PageStats("service page"), lambda: customer.get(f"/services/{SLUG}/"), args.repeat
            ),
        }
        fragment = PageStats("calendar fragment")
        for index in range(args.repeat):
            month = months[index % len(months)]
            fragment.add(customer.get(f"/services/{SLUG}/?month={month}", headers=HTMX))
        pages["calendar fragment"] = fragment
        submits = measure_submits(
            servers.site,
            servers.sandbox,
            slug=SLUG,
            runs=max(10, args.repeat // 3),
            latency=args.latency,
        )
        pages["details step"] = submits.details
        pages["submit"] = submits.page
        weights = {
            "services list": page_weight(servers.site, "/"),
            "service page (calendar)": page_weight(servers.site, f"/services/{SLUG}/"),
        }
        fragment_plan = [(f"/services/{SLUG}/?month={m}", HTMX) for m in months[:2]]
        loads = [
            load(
                servers.site,
                servers.sandbox,
                fragment_plan,
                label="calendar fragment",
                concurrency=c,
                seconds=args.load_seconds,
            )
            for c in (1, 16, 64)
        ]
        rng = random.Random(7)
        browse_plan: list[tuple[str, dict[str, str]]] = []
        for _ in range(120):  # 120 scripted customers, replayed in turn
            slug, month = rng.choice(BROWSE_SLUGS), rng.choice(months[:3])
            browse_plan += [
                ("/", {}),
                (f"/services/{slug}/", {}),
                (f"/services/{slug}/?month={month}", HTMX),
            ]
        # Warm every window once, so the run measures steady browsing, not the first minute.
        load(servers.site, servers.sandbox, browse_plan, label="warm-up", concurrency=4, seconds=3)
        browse = load(
            servers.site,
            servers.sandbox,
            browse_plan,
            label="browsing",
            concurrency=args.browse_connections,
            seconds=args.browse_seconds,
        )
        customer.close()

    say(
        f"gunicorn (2 workers x 8 threads) with production settings, against the standalone "
        f"sandbox (gunicorn, 1 worker x 64 threads) answering every Wix call after "
        f"{args.latency * 1000:.0f} ms; wrk and the scripted customers run on the same "
        "machine; all on loopback. "
        "Our own time is the `app` entry of the Server-Timing header (time not spent waiting "
        "on Wix); these machines are shared and noisy, so compare ratios, not milliseconds."
    )
    say()
    say("## Pages (sequential, warm cache unless noted)")
    say()
    say("| page | our time p50 | p95 | Wix calls / request | cold: Wix calls |")
    say("|---|---|---|---|---|")
    for name, stats in pages.items():
        cold_calls = str(timing(cold[name]).wix_calls) if name in cold else ""
        say(
            f"| {name} | {stats.p50:.1f} ms | {stats.p95:.1f} ms | {stats.calls:.2f} | "
            f"{cold_calls} |"
        )
    say()
    say("## Page weight (gzip)")
    say()
    say("| page | HTML | CSS | JS | images | all-in | browser requests |")
    say("|---|---|---|---|---|---|---|")
    for name, w in weights.items():
        say(
            f"| {name} | {w.html / 1024:.1f} KB | {w.css / 1024:.1f} KB | {w.js / 1024:.1f} KB | "
            f"{w.other / 1024:.1f} KB | {w.total / 1024:.1f} KB | {w.requests} |"
        )
    say()
    say("## Calendar fragment under load (wrk, closed loop)")
    say()
    say("| concurrency | requests | throughput | p95 latency | non-2xx/3xx | Wix calls / minute |")
    say("|---|---|---|---|---|---|")
    for r in loads:
        say(
            f"| {r.concurrency} | {r.run.requests} | {r.run.throughput:.0f} req/s | "
            f"{r.run.p95_ms:.0f} ms | {r.run.bad_status + r.run.socket_errors} | "
            f"{r.wix_calls_per_minute:.0f} |"
        )
    say()
    say("## Browsing customers (wrk: the list, a service page, another month each)")
    say()
    customers_per_second = browse.run.throughput / 3
    say(
        f"{browse.run.requests} requests in {browse.run.seconds:.1f} s with "
        f"{browse.concurrency} connections = {customers_per_second:.0f} customers/s; "
        f"{browse.wix_calls} Wix calls = {browse.wix_calls_per_minute:.0f} per minute; "
        f"p95 latency {browse.run.p95_ms:.0f} ms; "
        f"{browse.run.bad_status + browse.run.socket_errors} non-2xx/3xx."
    )

    calendar = weights["service page (calendar)"]
    budget(
        "calendar page <= 30 KB gzip all-in (HTML+CSS+JS+images)",
        calendar.total <= 30 * 1024,
        f"{calendar.total / 1024:.1f} KB",
    )
    for name in ("services list", "service page", "details step"):
        budget(f"{name}: our p95 <= 15 ms", pages[name].p95 <= 15, f"{pages[name].p95:.1f} ms")
    budget(
        "calendar fragment: our p95 <= 8 ms",
        pages["calendar fragment"].p95 <= 8,
        f"{pages['calendar fragment'].p95:.1f} ms",
    )
    for name in ("services list", "service page"):
        budget(
            f"{name} warm: 0 Wix calls",
            max(pages[name].wix_calls) == 0,
            f"max {max(pages[name].wix_calls)}",
        )
    budget(
        "calendar navigation: <= 1 Wix call per uncached window",
        max(pages["calendar fragment"].wix_calls) <= 1,
        f"max {max(pages['calendar fragment'].wix_calls)}",
    )
    failed = sum(r.run.bad_status + r.run.socket_errors for r in loads)
    budget("no failed request under load", failed == 0, f"{failed} failed")
    submit_budget(submits, budget)
    budget(
        "100 browsing customers/s: < 200 Wix calls/minute",
        customers_per_second >= 100
        and browse.wix_calls_per_minute < 200
        and browse.run.bad_status + browse.run.socket_errors == 0,
        f"{browse.wix_calls_per_minute:.0f}/min at {customers_per_second:.0f} customers/s",
    )


def _browsing(
    args: argparse.Namespace,
    say: Callable[..., None],
    budget: Callable[[str, bool, str], None],
) -> None:
    """Scripted customers against a Wix answering after ``--swr-latency`` (300 ms)."""
    warm = {"WIX_WARM_ON_START": "1"}
    with running(latency=args.swr_latency, redis=True, extra_env=warm) as servers:
        warming = browse.settle(servers.sandbox)
        result = browse.run(
            servers.site,
            servers.sandbox,
            slugs=BROWSE_SLUGS,
            months=_months(3),
            concurrency=args.customers,
            seconds=args.customers_seconds,
            think=args.think,
        )
        pairs: list[peer_compare.Pair] = []
        paints: dict[str, paint.Paint] = {}
        if args.peer_seconds > 0 or args.paint_runs > 0:
            with peer_compare.running_peer(workers=2, threads=8) as peer:
                if args.peer_seconds > 0:
                    pairs = peer_compare.compare(
                        servers.site,
                        peer,
                        SLUG,
                        concurrencies=(1, 8, 32),
                        seconds=args.peer_seconds,
                    )
                if args.paint_runs > 0:
                    ours_paint, peer_paint, floor_paint = paint.measure(
                        [
                            paint.Target(
                                f"{servers.site}/services/{SLUG}/", "#calendar button[name=slot]"
                            ),
                            paint.Target(
                                peer.url + peer.service_path, ".djangoAppt_appointment-slot"
                            ),
                            paint.floor_target(servers.site),
                        ],
                        runs=args.paint_runs,
                    )
                    paints = {"ours": ours_paint, "peer": peer_paint, "floor": floor_paint}
    say()
    say("## Browsing customers against a slow Wix (stale-while-revalidate, prefetch)")
    say()
    say(
        f"Wix answers every call after {args.swr_latency * 1000:.0f} ms; production cache "
        f"lifetimes (availability 30 s fresh, 2 min hard limit); Redis shared by the workers; "
        f"warm start on (customers start once it is done: {warming:.1f} s after the site "
        f"answered); {args.customers} scripted customers at once for "
        f"{args.customers_seconds:.0f} s, each: the list, a service, another month of it, "
        f"another service, pausing {args.think:.1f} s (jittered) between pages. Latency is "
        "the whole response as the client saw it."
    )
    say()
    say("| requests | waited on Wix | p50 | p95 | Wix calls / minute | failed |")
    say("|---|---|---|---|---|---|")
    say(
        f"| {result.requests} | {result.waited} ({result.waited_share:.2%}) | "
        f"{result.p50_ms:.1f} ms | {result.p95_ms:.1f} ms | "
        f"{result.wix_calls_per_minute:.0f} | {result.failed} |"
    )
    say()
    say("Why requests waited: " + (", ".join(
        f"{reason} {count}" for reason, count in result.reasons.most_common()
    ) or "none"))  # fmt: skip
    budget(
        ">= 99 % of browse requests did not wait on Wix",
        result.waited_share <= 0.01,
        f"{result.waited_share:.2%} waited",
    )
    budget("browsing p95 (whole response) <= 30 ms", result.p95_ms <= 30, f"{result.p95_ms:.1f} ms")
    budget(
        "browsing: <= 200 Wix calls/minute",
        result.wix_calls_per_minute <= 200,
        f"{result.wix_calls_per_minute:.0f}/min",
    )
    budget("browsing: no failed request", result.failed == 0, f"{result.failed} failed")
    if pairs:
        _peer_report(pairs, say, budget)
    if paints:
        _paint_report(paints, args.paint_runs, say, budget)


def _paint_report(
    paints: dict[str, paint.Paint],
    runs: int,
    say: Callable[..., None],
    budget: Callable[[str, bool, str], None],
) -> None:
    ours, peer = paints["ours"], paints["peer"]
    say()
    say("## First visit in Chromium at 4x CPU slowdown (CDP Emulation.setCPUThrottlingRate)")
    say()
    say(
        f"Median of {runs} first visits each (new context each, ours and the peer's in turn), "
        "1280x800, loopback. Time visible: the animation frame after a bookable time is on the "
        "page with a box (ours: the calendar's time buttons; the peer's: its slot list). Time "
        "painted: when that frame was painted (Element Timing). The peer's CDN files are "
        "served locally (bench/paint.py). Single visits spread widely on a 2-core machine. "
        "Floor: a page of one unstyled time button answered by the browser itself, visited in "
        "the same rounds: what a first visit costs in this harness before any page's own work."
    )
    say()
    say("| | first contentful paint | first time visible | first time painted |")
    say("|---|---|---|---|")
    rows = (("ours", ours), ("peer", peer), ("floor (one button)", paints["floor"]))
    for name, figures in rows:
        say(
            f"| {name} | {figures.fcp_ms:.0f} ms | {figures.time_visible_ms:.0f} ms | "
            f"{figures.time_painted_ms:.0f} ms |"
        )
    missed = {name: figures.missed for name, figures in paints.items() if figures.missed}
    if missed:
        say()
        say(
            "Visits made again because a figure never came: "
            + ", ".join(f"{name} {count}" for name, count in missed.items())
            + "."
        )
    budget(
        "first time painted <= 1/4 of the peer's (4x CPU slowdown)",
        ours.time_painted_ms <= peer.time_painted_ms / 4,
        f"{ours.time_painted_ms:.0f} vs {peer.time_painted_ms:.0f} ms "
        f"(1/{peer.time_painted_ms / ours.time_painted_ms:.1f}); frame begun "
        f"{ours.time_visible_ms:.0f} vs {peer.time_visible_ms:.0f} ms",
    )
    budget(
        "first contentful paint no later than the peer's",
        ours.fcp_ms <= peer.fcp_ms,
        f"{ours.fcp_ms:.0f} vs {peer.fcp_ms:.0f} ms",
    )


def _peer_report(
    pairs: list[peer_compare.Pair],
    say: Callable[..., None],
    budget: Callable[[str, bool, str], None],
) -> None:
    say()
    say(f"## Against the peer ({peer_compare.PEER}), same run, same gunicorn (2 x 8 threads)")
    say()
    say(
        "wrk, closed loop, each page alone; each figure the median of 3 runs, ours and the "
        "peer's in turn. Ours: the service page and the day's times (the "
        "HTMX calendar swap for a date), served from the cache while Wix takes 300 ms; the "
        "peer's: its appointment request page and its available-slots AJAX call, from SQLite."
    )
    say()
    say(
        "| page | concurrency | ours req/s | peer req/s | x | ours p95 | peer p95 | p95 ours/peer |"
    )
    say("|---|---|---|---|---|---|---|---|")
    for pair in pairs:
        say(
            f"| {pair.page} | {pair.concurrency} | {pair.ours.throughput:.0f} | "
            f"{pair.peer.throughput:.0f} | {pair.throughput_ratio:.1f} | "
            f"{pair.ours.p95_ms:.1f} ms | {pair.peer.p95_ms:.1f} ms | {pair.p95_ratio:.2f} |"
        )
    for pair in pairs:
        name = f"{pair.page} at {pair.concurrency}"
        budget(f"{name}: >= 3x the peer's throughput", pair.throughput_ratio >= 3,
               f"{pair.throughput_ratio:.1f}x")  # fmt: skip
        budget(f"{name}: p95 no worse than the peer's", pair.p95_ratio <= 1,
               f"{pair.ours.p95_ms:.1f} vs {pair.peer.p95_ms:.1f} ms")  # fmt: skip


if __name__ == "__main__":
    raise SystemExit(main())
