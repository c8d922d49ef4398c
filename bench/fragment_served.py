"""The calendar fragment alone, in ``make bench``'s conditions: gunicorn with production
settings against the standalone sandbox answering after 120 ms.

``python -m bench.fragment_served [--repeat N]``: the same requests as the benchmark's
"calendar fragment" row (four months in turn, HTMX), after a warm-up pass, reporting p50/p95
of our time (Server-Timing ``app``). For checking the 8 ms budget without the whole run.
"""

from __future__ import annotations

import argparse

from bench.customer import Customer
from bench.measure import PageStats
from bench.run import HTMX, SLUG, _months
from bench.servers import running


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--latency", type=float, default=0.12, help="seconds per Wix call")
    parser.add_argument("--repeat", type=int, default=300)
    args = parser.parse_args()
    with running(latency=args.latency) as servers:
        customer = Customer(servers.site)
        months = _months(4)
        customer.get(f"/services/{SLUG}/")
        for month in months * 4:  # warm-up: both workers' caches, compiled templates
            customer.get(f"/services/{SLUG}/?month={month}", headers=HTMX)
        fragment = PageStats("calendar fragment")
        for index in range(args.repeat):
            month = months[index % len(months)]
            fragment.add(customer.get(f"/services/{SLUG}/?month={month}", headers=HTMX))
    print(
        f"calendar fragment (served): our p50 {fragment.p50:.2f} ms, p95 {fragment.p95:.2f} ms, "
        f"max {max(fragment.wix_calls)} Wix calls, over {len(fragment.app_ms)} requests"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
