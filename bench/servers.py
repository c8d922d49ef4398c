"""Start and stop the benchmark's servers: the standalone sandbox and the site under gunicorn."""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))
SANDBOX_CREDENTIALS = {
    "WIX_CLIENT_ID": "sandbox-headless-client",
    "WIX_API_KEY": "sandbox-api-key",
    "WIX_SITE_ID": "5a4d1c2e-0000-4000-8000-000000000001",
}


@dataclass(frozen=True)
class Servers:
    """Where the site and the sandbox listen."""

    site: str
    sandbox: str


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_until_up(url: str, process: subprocess.Popen[bytes], deadline: float = 30.0) -> None:
    stop = time.monotonic() + deadline
    while time.monotonic() < stop:
        if process.poll() is not None:
            raise RuntimeError(f"server for {url} exited with {process.returncode}")
        try:
            httpx.get(url, timeout=1.0)
            return
        except httpx.TransportError:
            time.sleep(0.1)
    raise RuntimeError(f"{url} did not come up in {deadline} s")


def _start(args: list[str], env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        args,
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


def _wait_for_port(port: int, process: subprocess.Popen[bytes], deadline: float = 10.0) -> None:
    stop = time.monotonic() + deadline
    while time.monotonic() < stop and process.poll() is None:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise RuntimeError(f"nothing listens on port {port}")


@contextmanager
def running(
    *,
    latency: float,
    workers: int = 2,
    threads: int = 8,
    redis: bool = False,
    extra_env: dict[str, str] | None = None,
) -> Iterator[Servers]:
    """The sandbox (one process: its state is in memory) and the site, both under gunicorn.

    With ``redis`` (and redis-server installed) the site's workers share a Redis cache, as in
    production with more than one process: one rate bucket, one refresh per key.
    """
    sandbox_port, site_port = free_port(), free_port()
    sandbox_url = f"http://127.0.0.1:{sandbox_port}"
    site_url = f"http://127.0.0.1:{site_port}"
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        base = {k: v for k, v in os.environ.items() if not k.startswith(("WIX_", "GUNICORN_"))}
        sandbox_env = {
            **base,
            "WIX_SANDBOX_LATENCY": str(latency),
            "WIX_SANDBOX_PUBLIC_URL": sandbox_url,
        }
        site_env = {
            **base,
            **SANDBOX_CREDENTIALS,
            "WIX_SANDBOX": "0",
            "WIX_API_BASE_URL": sandbox_url,
            "WIX_MEDIA_BASE_URL": f"{sandbox_url}/media/",
            "DEBUG": "0",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_SSL_REDIRECT": "0",
            "SQLITE_PATH": str(Path(tmp) / "bench.sqlite3"),
            "GUNICORN_BIND": f"127.0.0.1:{site_port}",
            "GUNICORN_WORKERS": str(workers),
            "GUNICORN_THREADS": str(threads),
            "LOG_LEVEL": "WARNING",
            # As behind a load balancer: the scripted shoppers say which address they come from.
            "TRUST_X_FORWARDED_FOR": "1",
            # wrk sends everything from one address: measure throughput, not the rate limit.
            "RATE_LIMIT_BROWSE_PER_MINUTE": "100000000",
            # The figures are read from Server-Timing, off by default with DEBUG=0.
            "SERVER_TIMING": "1",
            **(extra_env or {}),
        }
        redis_server = None
        if redis and shutil.which("redis-server"):
            redis_port = free_port()
            redis_server = _start(
                ["redis-server", "--bind", "127.0.0.1", "--port", str(redis_port), "--save", "",
                 "--appendonly", "no", "--dir", tmp],
                base,
            )  # fmt: skip
            site_env["REDIS_URL"] = f"redis://127.0.0.1:{redis_port}/0"
            _wait_for_port(redis_port, redis_server)
        subprocess.run(
            [sys.executable, "manage.py", "migrate", "--noinput", "-v0"],
            cwd=ROOT,
            env=site_env,
            check=True,
        )
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
            cwd=ROOT,
            env=site_env,
            check=True,
        )
        sandbox = _start(
            [
                GUNICORN,
                "--bind",
                f"127.0.0.1:{sandbox_port}",
                "--workers",
                "1",
                "--worker-class",
                "gthread",
                "--threads",
                "64",
                "wix_sandbox.wsgi:application",
            ],
            sandbox_env,
        )
        site = None
        try:
            _wait_until_up(f"{sandbox_url}/_sandbox/state", sandbox)
            site = _start([GUNICORN, "-c", "gunicorn.conf.py"], site_env)
            _wait_until_up(f"{site_url}/healthz", site)
            yield Servers(site=site_url, sandbox=sandbox_url)
        finally:
            if site is not None:
                _stop(site)
            _stop(sandbox)
            if redis_server is not None:
                _stop(redis_server)
