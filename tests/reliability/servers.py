"""Real servers for reliability tests: loopback only, own process group, always stopped."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from tests.loopback import free_port, wait_until

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent

SANDBOX_CLIENT_ID = "sandbox-headless-client"
SANDBOX_API_KEY = "sandbox-api-key"
SANDBOX_SITE_ID = "5a4d1c2e-0000-4000-8000-000000000001"

# Variables of the developer's or CI's shell that would change what the servers under test do.
_SCRUBBED = ("DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "SQLITE_PATH", "DATABASE_URL", "REDIS_URL")


def clean_env(**overrides: str) -> dict[str, str]:
    """The current environment without site configuration, plus ``overrides``."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("WIX_", "GUNICORN_")) and k not in _SCRUBBED
    }
    return {**env, **overrides}


@dataclass
class Server:
    """A server process started by a test, answering at ``url``."""

    name: str
    url: str
    process: subprocess.Popen[bytes]
    log_path: Path

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def stop(self, grace: float = 15.0) -> None:
        """Stop the whole process group (gunicorn's workers too), killing it after ``grace`` s."""
        if self.process.poll() is None:
            _signal_group(self.process, signal.SIGTERM)
            try:
                self.process.wait(timeout=grace)
            except subprocess.TimeoutExpired:
                _signal_group(self.process, signal.SIGKILL)
                self.process.wait(timeout=5)


def _signal_group(process: subprocess.Popen[bytes], sig: signal.Signals) -> None:
    with contextlib.suppress(ProcessLookupError):  # it already exited
        os.killpg(process.pid, sig)


def start_server(
    name: str,
    args: list[str],
    *,
    port: int,
    env: Mapping[str, str],
    log_dir: Path,
    ready_path: str,
    timeout: float = 30.0,
) -> Server:
    """Start ``args`` in its own process group and wait until ``ready_path`` answers 200."""
    log_path = log_dir / f"{name}.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            args,
            cwd=ROOT,
            env=dict(env),
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    server = Server(name, f"http://127.0.0.1:{port}", process, log_path)

    def ready() -> bool:
        if process.poll() is not None:
            raise AssertionError(f"{name} exited early:\n{server.log()[-3000:]}")
        try:
            return httpx.get(server.url + ready_path, timeout=2).status_code == 200
        except httpx.TransportError:
            return False

    try:
        wait_until(ready, timeout=timeout, what=f"{name} on {server.url}")
    except BaseException:
        server.stop()
        raise
    return server


def start_sandbox(log_dir: Path) -> Server:
    """The standalone Wix sandbox under gunicorn: one process (it holds the state), threads."""
    port = free_port()
    args = [
        str(BIN / "gunicorn"),
        "wix_sandbox.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        "1",
        "--worker-class",
        "gthread",
        "--threads",
        "48",
        "--timeout",
        "60",
    ]
    return start_server(
        "wix-sandbox",
        args,
        port=port,
        env=clean_env(),
        log_dir=log_dir,
        ready_path="/_sandbox/state",
    )


def site_env(wix_url: str, *, sqlite_path: Path, **extra: str) -> dict[str, str]:
    """Environment for the site talking to the standalone sandbox as if it were Wix."""
    return clean_env(
        WIX_SANDBOX="0",
        WIX_CLIENT_ID=SANDBOX_CLIENT_ID,
        WIX_API_KEY=SANDBOX_API_KEY,
        WIX_SITE_ID=SANDBOX_SITE_ID,
        WIX_API_BASE_URL=wix_url,
        WIX_MEDIA_BASE_URL=f"{wix_url}/media/",
        SQLITE_PATH=str(sqlite_path),
        **extra,
    )


def start_site(wix_url: str, log_dir: Path, *, workers: int, threads: int, **extra: str) -> Server:
    """The booking site under gunicorn (gunicorn.conf.py) with a migrated SQLite file.

    ``extra`` adds or overrides environment variables (e.g. ``DEBUG="0"`` as in production).
    """
    port = free_port()
    env = site_env(
        wix_url,
        sqlite_path=log_dir / "site.sqlite3",
        GUNICORN_BIND=f"127.0.0.1:{port}",
        GUNICORN_WORKERS=str(workers),
        GUNICORN_THREADS=str(threads),
        # The simulated customers stand behind a proxy that tells them apart.
        TRUST_X_FORWARDED_FOR="1",
        LOG_LEVEL="DEBUG",
    )
    env.update(extra)
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=60,
    )
    args = [str(BIN / "gunicorn"), "-c", "gunicorn.conf.py"]
    return start_server("site", args, port=port, env=env, log_dir=log_dir, ready_path="/healthz")


class SandboxControl:
    """The standalone sandbox's control endpoints (``/_sandbox/…``)."""

    def __init__(self, url: str) -> None:
        self.url = url
        self._http = httpx.Client(base_url=url, timeout=10)

    def reset(self) -> None:
        self._post("/_sandbox/reset", {})
        self._http.delete("/_sandbox/faults").raise_for_status()
        self._post("/_sandbox/latency", {"seconds": 0})

    def inject(
        self, kind: str, rate: float, endpoints: list[str] | None = None, timeout: float = 10.0
    ) -> None:
        body = {"kind": kind, "rate": rate, "endpoints": endpoints, "timeoutSeconds": timeout}
        self._post("/_sandbox/faults", body)

    def clear_faults(self) -> None:
        self._http.delete("/_sandbox/faults").raise_for_status()

    def state(self) -> dict[str, Any]:
        response = self._http.get("/_sandbox/state")
        response.raise_for_status()
        return response.json()

    def calls(self) -> dict[str, int]:
        return dict(self.state()["callCounts"])

    def admin(self, method: str, path: str, body: dict[str, Any]) -> httpx.Response:
        """One Wix API call with the sandbox's API key (to arrange a scene)."""
        headers = {"Authorization": SANDBOX_API_KEY, "wix-site-id": SANDBOX_SITE_ID}
        return self._http.request(method, path, json=body, headers=headers)

    def close(self) -> None:
        self._http.close()

    def _post(self, path: str, body: dict[str, Any]) -> None:
        self._http.post(path, json=body).raise_for_status()


def spawn_peer(module: str, *args: str, **env: str) -> subprocess.Popen[str]:
    """Run ``python -m module args…`` from the repository root as another site process.

    Its environment is ``clean_env(**env)``; stdout and stderr come back together as text,
    for the test to read its last line (what the peer saw) or show all of it on failure.
    """
    return subprocess.Popen(
        [sys.executable, "-m", module, *args],
        cwd=ROOT,
        env=clean_env(**env),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
