"""The shared cache's coalescing lock is released only by the process that holds it.

Process A's load outlives its lock; process B then takes the lock and loads. When A finishes
it must leave B's lock alone: deleting it would let a third process call Wix for the same key.
Two real processes share a real Redis; the same lock on the local-memory backend in-process.
"""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import redis

from booking_site.services import cache_lock
from tests.loopback import wait_until
from tests.reliability.servers import spawn_peer
from tests.scaleout.servers import Redis

KEY = "lock-probe"
# What Django's Redis cache makes of the lock's key: KEY_PREFIX, version 1, our prefix.
REDIS_LOCK_KEY = f"booking-site:1:wixcache:v1:{KEY}:lock"


def _holder(workdir: Path, name: str, redis_url: str) -> subprocess.Popen[str]:
    return spawn_peer(
        "tests.reliability.lock_holder",
        str(workdir),
        name,
        KEY,
        REDIS_URL=redis_url,
        WIX_READ_DEADLINE_SECONDS="1",
        LOG_LEVEL="WARNING",
    )


def _finish(workdir: Path, name: str, process: subprocess.Popen[str]) -> str:
    (workdir / f"{name}-go").touch()
    out, _ = process.communicate(timeout=30)
    assert process.returncode == 0, out
    return out.strip().splitlines()[-1]


def test_a_process_whose_lock_expired_leaves_the_next_holders_lock(
    redis_server: Redis, tmp_path: Path
) -> None:
    store = redis.Redis.from_url(redis_server.url)
    store.flushdb()
    first = _holder(tmp_path, "A", redis_server.url)
    second: subprocess.Popen[str] | None = None
    try:
        wait_until(lambda: (tmp_path / "A-loading").exists(), timeout=30, what="A to load")
        assert store.exists(REDIS_LOCK_KEY)
        # A's load outlives its lock (it is bounded by the read deadline, A's load is not).
        wait_until(lambda: not store.exists(REDIS_LOCK_KEY), timeout=15, what="A's lock to expire")
        second = _holder(tmp_path, "B", redis_server.url)
        wait_until(lambda: (tmp_path / "B-loading").exists(), timeout=30, what="B to load")

        assert _finish(tmp_path, "A", first) == "A"

        assert store.exists(REDIS_LOCK_KEY), "A deleted the lock B holds"
        assert _finish(tmp_path, "B", second) == "B"
        assert not store.exists(REDIS_LOCK_KEY)  # B released its own lock
    finally:
        for process in (first, second):
            if process is not None and process.poll() is None:
                process.kill()
                process.wait(5)


def test_local_memory_lock_is_released_only_with_its_token() -> None:
    mine = cache_lock.acquire("probe:lock", 1)
    assert mine is not None
    assert cache_lock.acquire("probe:lock", 1) is None
    time.sleep(1.1)  # expired: someone else takes it
    theirs = cache_lock.acquire("probe:lock", 1)
    assert theirs is not None

    assert cache_lock.release("probe:lock", mine) is False
    assert cache_lock.acquire("probe:lock", 1) is None  # still theirs
    assert cache_lock.release("probe:lock", theirs) is True
    assert cache_lock.acquire("probe:lock", 1) is not None
