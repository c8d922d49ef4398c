"""Real servers on loopback for the scale-out tests: PostgreSQL, Redis, the sandbox, gunicorn.

Each server runs in its own process group inside a temp dir and is stopped by killing that
group, so nothing outlives the test session. Readiness and shutdown are polled with deadlines.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
from pathlib import Path

import httpx

from tests.loopback import free_port, wait_until

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
SANDBOX_CLIENT_ID = "sandbox-headless-client"
SANDBOX_API_KEY = "sandbox-api-key"
SANDBOX_SITE_ID = "5a4d1c2e-0000-4000-8000-000000000001"


def port_open(port: int) -> bool:
    """True when something accepts connections on 127.0.0.1:``port``."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


def http_ok(url: str) -> bool:
    """True when ``url`` answers 200."""
    try:
        return httpx.get(url, timeout=2.0).status_code == 200
    except httpx.HTTPError:
        return False


def tail(path: Path, lines: int = 30) -> str:
    """The end of a log file, for failure messages."""
    if not path.exists():
        return "(no log)"
    return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])


class Process:
    """A child process in its own process group, logging to a file."""

    def __init__(self, args: list[str], *, log: Path, env: dict[str, str] | None = None) -> None:
        self.log = log
        with log.open("ab") as out:
            self.popen = subprocess.Popen(
                args,
                cwd=ROOT,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    @property
    def pid(self) -> int:
        return self.popen.pid

    def alive(self) -> bool:
        return self.popen.poll() is None

    def stop(self, sig: signal.Signals = signal.SIGTERM, timeout: float = 10.0) -> None:
        """Signal the whole group, wait for the leader; SIGKILL what is left after ``timeout``."""
        self._signal_group(sig)
        try:
            self.popen.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self._signal_group(signal.SIGKILL)
            self.popen.wait(timeout=5)
        self._signal_group(signal.SIGKILL)  # stragglers (workers) of a group whose leader left

    def _signal_group(self, sig: signal.Signals) -> None:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.popen.pid, sig)


class Postgres:
    """A throwaway PostgreSQL cluster owned by the ``postgres`` user (it refuses to run as root)."""

    def __init__(self, workdir: Path, port: int) -> None:
        self.dir = workdir
        self.port = port
        self.data = workdir / "data"
        self.log = workdir / "postgres.log"
        bins = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
        if not bins:
            raise AssertionError("PostgreSQL binaries missing: `make test` installs them")
        self.bin = bins[-1].parent
        self._as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if os.geteuid() == 0:
            shutil.chown(workdir, "postgres", "postgres")
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "-A", "trust", "--no-sync")

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/postgres?application_name=scaleout"

    def start(self) -> None:
        options = (
            f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.dir} "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-w", "-t", "30",
                  "-o", options, "start")  # fmt: skip

    def stop(self, mode: str = "fast") -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "-t", "30", "stop")

    def running(self) -> bool:
        return (self.data / "postmaster.pid").exists()

    def _run(self, tool: str, *args: str) -> None:
        result = subprocess.run(
            [*self._as_postgres, str(self.bin / tool), *args],
            cwd=self.dir,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        if result.returncode != 0:
            raise AssertionError(f"{tool} failed: {result.stderr}\n{tail(self.log)}")


class Redis:
    """A Redis with no persistence: a restart loses everything it held, as an outage may."""

    def __init__(self, workdir: Path, port: int) -> None:
        self.dir = workdir
        self.port = port
        self.log = workdir / "redis.log"
        self.process: Process | None = None
        if shutil.which("redis-server") is None:
            raise AssertionError("redis-server missing: `make test` installs it")

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = Process(
            ["redis-server", "--bind", "127.0.0.1", "--port", str(self.port), "--save", "",
             "--appendonly", "no", "--dir", str(self.dir)],
            log=self.log,
        )  # fmt: skip
        wait_until(self._pong, timeout=10, what=f"redis on {self.port}\n{tail(self.log)}")

    def stop(self) -> None:
        if self.process is not None:
            self.process.stop()
            self.process = None
        wait_until(lambda: not port_open(self.port), timeout=10, what="redis to stop")

    def _pong(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as sock:
                sock.sendall(b"PING\r\n")
                return sock.recv(16).startswith(b"+PONG")
        except OSError:
            return False


class Sandbox:
    """The standalone Wix sandbox (one process: its state lives in memory)."""

    def __init__(self, workdir: Path, port: int) -> None:
        self.port = port
        self.url = f"http://127.0.0.1:{port}"
        self.process = Process(
            [PYTHON, "-m", "wix_sandbox", "--port", str(port), "--public-url", self.url],
            log=workdir / "sandbox.log",
        )
        wait_until(
            lambda: http_ok(self.url + "/_sandbox/state"),
            timeout=20,
            what=f"the sandbox\n{tail(self.process.log)}",
        )

    def state(self) -> dict[str, object]:
        response = httpx.get(self.url + "/_sandbox/state", timeout=5.0)
        response.raise_for_status()
        return dict(response.json())


class AppInstance:
    """One app server: gunicorn with the production settings, on its own port."""

    def __init__(self, name: str, workdir: Path, env: dict[str, str]) -> None:
        self.name = name
        self.workdir = workdir
        self.env = env
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: Process | None = None

    def start(self) -> None:
        env = {**self.env, "GUNICORN_BIND": f"127.0.0.1:{self.port}"}
        self.process = Process(
            [PYTHON, "-m", "gunicorn", "-c", "gunicorn.conf.py"],
            log=self.workdir / f"gunicorn-{self.name}.log",
            env=env,
        )
        wait_until(
            lambda: http_ok(self.url + "/healthz"),
            timeout=30,
            what=f"instance {self.name}\n{tail(self.process.log)}",
        )

    def alive(self) -> bool:
        return self.process is not None and self.process.alive()

    def kill(self) -> None:
        """SIGKILL the master and its workers at once, as a crashed host would go."""
        if self.process is not None:
            self.process.stop(signal.SIGKILL)
        wait_until(lambda: not port_open(self.port), timeout=10, what=f"{self.name} to die")

    def stop(self) -> None:
        if self.process is not None:
            self.process.stop()
