"""A process that finds one key stale and lets the background pool refresh it.

``python -m tests.reliability.refresh_peer DIR NAME KEY``: puts a stale copy of KEY in the
shared cache unless one is there, says ``DIR/NAME-ready``, waits (bounded) for ``DIR/go``,
reads KEY through ``cached_read`` (served the stale copy), waits for the background refresh,
and prints what it was served. Its loader appends NAME to ``DIR/loads``. Run with a
``REDIS_URL`` and the site's settings, so that several of them share the cache and its locks.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import django


def main(workdir: Path, name: str, key: str) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    from django.core.cache import cache

    from booking_site.services import refresh
    from booking_site.services.cache_entries import KEY_PREFIX, Entry
    from booking_site.services.caching import cached_read

    now = time.time()
    cache.add(KEY_PREFIX + key, Entry("stale", now - 1, now + 60), timeout=120)

    def load() -> str:
        with (workdir / "loads").open("a") as loads:
            loads.write(name + "\n")
        time.sleep(0.5)  # a Wix call long enough for the other process to try as well
        return f"fresh from {name}"

    (workdir / f"{name}-ready").touch()
    deadline = time.monotonic() + 30
    while not (workdir / "go").exists() and time.monotonic() < deadline:
        time.sleep(0.01)
    served = cached_read(key, load, ttl=30)
    assert refresh.drain(timeout=10)
    print(served, flush=True)


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2], sys.argv[3])
