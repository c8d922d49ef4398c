"""Side by side with a Django booking peer: django-appointment 3.12.0 from PyPI.

``install`` puts it (and its own dependencies, not Django: the site's Django serves it) into
bench/.peer, git-ignored. ``running_peer`` builds its database the README's way
(makemigrations, migrate), seeds one service with a staff member working every day, collects
its static files and serves it under gunicorn with the same workers and threads as the site.
``compare`` then measures the service page and the slots request of both with wrk at each
concurrency.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from bench import wrk
from bench.servers import GUNICORN, ROOT, _start, _stop, _wait_until_up, free_port

PEER = "django-appointment==3.12.0"
TARGET = ROOT / "bench" / ".peer"
# Its dependencies as its metadata pins them, without Django (ours, 5.2, is within its range).
PEER_DEPENDENCIES = [
    "Pillow>=10.4,<13",
    "phonenumbers>=8.13,<10",
    "django-phonenumber-field>=8,<9",
    "babel>=2.15,<3",
    "colorama>=0.4,<0.5",
    "icalendar>=7.3,<8",
    "python-dateutil",
    "tzdata",
]
AJAX = {"X-Requested-With": "XMLHttpRequest"}
HTMX_DAY = {"HX-Request": "true", "HX-Target": "calendar"}


@dataclass(frozen=True)
class Peer:
    """Where the peer listens, and its two measured paths."""

    url: str
    service_path: str
    slots_path: str


@dataclass(frozen=True)
class Pair:
    """One page at one concurrency: ours and the peer's wrk results."""

    page: str
    concurrency: int
    ours: wrk.WrkResult
    peer: wrk.WrkResult

    @property
    def throughput_ratio(self) -> float:
        return self.ours.throughput / max(self.peer.throughput, 1e-9)

    @property
    def p95_ratio(self) -> float:
        """Ours over the peer's (below 1: ours is better)."""
        return self.ours.p95_ms / max(self.peer.p95_ms, 1e-9)


def install() -> None:
    """Install the peer into bench/.peer unless it is there."""
    if (TARGET / "appointment").exists():
        return
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
         "--target", str(TARGET), "--no-deps", PEER, *PEER_DEPENDENCIES],
        check=True,
    )  # fmt: skip


@contextmanager
def running_peer(*, workers: int, threads: int) -> Iterator[Peer]:
    """The peer under gunicorn on a fresh, seeded SQLite database."""
    install()
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="bench-peer-") as tmp:
        env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("WIX_", "GUNICORN_"))},
            "PYTHONPATH": f"{TARGET}{os.pathsep}{ROOT}",
            "DJANGO_SETTINGS_MODULE": "bench.peer.settings",
            "PEER_SQLITE_PATH": str(Path(tmp) / "peer.sqlite3"),
            "PEER_STATIC_ROOT": str(Path(tmp) / "static"),
        }
        django = [sys.executable, "-m", "django"]
        for args in (
            ["makemigrations", "appointment"],
            ["migrate"],
            ["collectstatic", "--noinput"],
        ):
            subprocess.run([*django, *args, "-v0"], cwd=ROOT, env=env, check=True,
                           capture_output=True)  # fmt: skip
        seeded = subprocess.run(
            [sys.executable, "-m", "bench.peer.seed"],
            cwd=ROOT, env=env, check=True, capture_output=True, text=True,
        )  # fmt: skip
        service_path, slots_path = seeded.stdout.split()[-2:]
        process = _start(
            [GUNICORN, "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
             "--worker-class", "gthread", "--threads", str(threads),
             "bench.peer.wsgi:application"],
            env,
        )  # fmt: skip
        url = f"http://127.0.0.1:{port}"
        try:
            _wait_until_up(url + service_path, process)
            yield Peer(url, service_path, slots_path)
        finally:
            _stop(process)


def compare(
    site: str,
    peer: Peer,
    slug: str,
    *,
    concurrencies: tuple[int, ...],
    seconds: float,
    rounds: int = 3,
) -> list[Pair]:
    """wrk on both: the service page, and the request that lists a day's times.

    Each figure is the median of ``rounds`` runs, ours and the peer's taken in turn: on these
    shared two-core machines one run of the peer moved up to threefold from the next.
    """
    day = (dt.date.today() + dt.timedelta(days=1)).isoformat()
    plans = {
        "service page": ([(f"/services/{slug}/", {})], [(peer.service_path, {})]),
        "slots request": (
            [(f"/services/{slug}/?date={day}", HTMX_DAY)],
            [(peer.slots_path, AJAX)],
        ),
    }
    pairs = []
    for page, (ours_plan, peer_plan) in plans.items():
        wrk.run(site, ours_plan, connections=4, seconds=2)  # warm both, then measure
        wrk.run(peer.url, peer_plan, connections=4, seconds=2)
        for concurrency in concurrencies:
            ours_runs, peer_runs = [], []
            for _ in range(rounds):
                ours_runs.append(wrk.run(site, ours_plan, connections=concurrency, seconds=seconds))
                peer_runs.append(
                    wrk.run(peer.url, peer_plan, connections=concurrency, seconds=seconds)
                )
            pairs.append(Pair(page, concurrency, _median(ours_runs), _median(peer_runs)))
    return pairs


def _median(runs: list[wrk.WrkResult]) -> wrk.WrkResult:
    """The run of median throughput, with the median p95 and every bad answer counted."""
    middle = sorted(runs, key=lambda r: r.throughput)[len(runs) // 2]
    return dataclasses.replace(
        middle,
        p95_ms=statistics.median(r.p95_ms for r in runs),
        bad_status=sum(r.bad_status for r in runs),
        socket_errors=sum(r.socket_errors for r in runs),
    )
