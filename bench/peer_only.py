"""The peer comparison alone, in ``make bench``'s conditions, without the browsing run.

``python -m bench.peer_only [--seconds N]``: the site (Wix after 300 ms, Redis shared by the
workers, warm start) and django-appointment under the same gunicorn layout, wrk on both at
concurrency 1, 8 and 32; prints the peer table's rows. For checking a change to the service
page's throughput between full ``make bench`` runs (which write the docs); compare ours and the
peer's figures of one run, not figures of different runs.
"""

from __future__ import annotations

import argparse

from bench import peer_compare
from bench.run import SLUG
from bench.servers import running


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--seconds", type=float, default=5.0, help="wrk seconds per run (3 a figure)"
    )
    parser.add_argument("--latency", type=float, default=0.3, help="seconds per Wix call")
    args = parser.parse_args()
    warm = {"WIX_WARM_ON_START": "1"}
    with (
        running(latency=args.latency, redis=True, extra_env=warm) as servers,
        peer_compare.running_peer(workers=2, threads=8) as peer,
    ):
        pairs = peer_compare.compare(
            servers.site, peer, SLUG, concurrencies=(1, 8, 32), seconds=args.seconds
        )
    print(
        "| page | concurrency | ours req/s | peer req/s | x | ours p95 | peer p95 | p95 ours/peer |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for pair in pairs:
        print(
            f"| {pair.page} | {pair.concurrency} | {pair.ours.throughput:.0f} | "
            f"{pair.peer.throughput:.0f} | {pair.throughput_ratio:.1f} | "
            f"{pair.ours.p95_ms:.1f} ms | {pair.peer.p95_ms:.1f} ms | {pair.p95_ratio:.2f} |"
        )
        bad = pair.ours.bad_status + pair.ours.socket_errors
        if bad:
            print(f"  (ours: {bad} bad statuses or socket errors)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
