"""A process that reads one key through ``cached_read`` and holds its load until told to finish.

``python -m tests.reliability.lock_holder DIR NAME KEY``: once its loader runs it creates
``DIR/NAME-loading``, then waits (bounded) for ``DIR/NAME-go`` and returns NAME as the value.
Run with the site's settings and a ``REDIS_URL``, so that two of them share the cache.
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
    from booking_site.services.caching import cached_read

    def load() -> str:
        (workdir / f"{name}-loading").touch()
        deadline = time.monotonic() + 30
        while not (workdir / f"{name}-go").exists() and time.monotonic() < deadline:
            time.sleep(0.02)
        return name

    print(cached_read(key, load, ttl=60), flush=True)


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2], sys.argv[3])
