"""The calendar fragment's own time in-process: Django's test client on the in-process sandbox.

``python -m bench.fragment [--repeat N]``: production settings (DEBUG=0), a warm cache, the
bench's HTMX request over four months; prints p50/p95 of the Server-Timing ``app`` entry (our
time) and of the wall and CPU time around each request. A quick check of the 8 ms budget
between full ``make bench`` runs; compare ratios of runs made back to back, not milliseconds.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("SECRET_KEY", "bench-only-not-secret-" + "x" * 40)
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("LOG_LEVEL", "WARNING")
# One client sends every request, as in make bench: no per-client browsing limit applies.
os.environ.setdefault("RATE_LIMIT_BROWSE_PER_MINUTE", "1000000")

import django

django.setup()

from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from bench.measure import percentile  # noqa: E402
from bench.run import HTMX, SLUG, _months  # noqa: E402

_APP = re.compile(r"app;dur=([0-9.]+)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=400)
    args = parser.parse_args()
    setup_test_environment()
    client = Client()
    months = _months(4)
    headers = {"HX-Request": HTMX["HX-Request"], "HX-Target": HTMX["HX-Target"]}
    app_ms: list[float] = []
    wall_ms: list[float] = []
    cpu_ms: list[float] = []
    for index in range(args.repeat + 40):
        path = f"/services/{SLUG}/?month={months[index % len(months)]}"
        started, cpu_started = time.perf_counter(), time.thread_time()
        response = client.get(path, headers=headers)
        elapsed = (time.perf_counter() - started) * 1000
        cpu = (time.thread_time() - cpu_started) * 1000
        assert response.status_code == 200, response.status_code
        if index < 40:  # warm-up: caches filled, templates compiled
            continue
        match = _APP.search(response.headers.get("Server-Timing", ""))
        app_ms.append(float(match.group(1)) if match else elapsed)
        wall_ms.append(elapsed)
        cpu_ms.append(cpu)
    # CPU time of this thread: on a shared, loaded machine it is the steadiest of the three.
    for name, values in (("app", app_ms), ("wall", wall_ms), ("cpu", cpu_ms)):
        print(
            f"calendar fragment {name}: p50 {statistics.median(values):.2f} ms, "
            f"p95 {percentile(values, 95):.2f} ms over {len(values)} requests"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
