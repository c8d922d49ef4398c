"""A stale key is refreshed once across processes: two real processes sharing a real Redis
both serve the stale copy at once, and only one of them asks Wix for a fresh one."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.loopback import wait_until
from tests.reliability.servers import spawn_peer
from tests.scaleout.servers import Redis

KEY = "slots:probe-service:v0:2026-12"  # an availability key: served stale inside 2 minutes


def _peer(workdir: Path, name: str, redis_url: str) -> subprocess.Popen[str]:
    return spawn_peer(
        "tests.reliability.refresh_peer",
        str(workdir),
        name,
        KEY,
        REDIS_URL=redis_url,
        LOG_LEVEL="WARNING",
    )


def test_two_processes_refresh_a_stale_key_once(redis_server: Redis, tmp_path: Path) -> None:
    peers = [_peer(tmp_path, name, redis_server.url) for name in ("a", "b")]
    wait_until(
        lambda: all((tmp_path / f"{n}-ready").exists() for n in "ab"),
        timeout=30,
        what="both peers set up",
    )
    (tmp_path / "go").touch()  # both read at once, while either's refresh takes 0.5 s
    outputs = []
    for peer in peers:
        out, _ = peer.communicate(timeout=60)
        assert peer.returncode == 0, out
        outputs.append(out.strip().splitlines()[-1])

    assert outputs == ["stale", "stale"]  # neither waited for Wix
    loads = (tmp_path / "loads").read_text().split()
    assert len(loads) == 1, loads  # one refresh for both processes
