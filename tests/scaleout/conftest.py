"""The scale-out stack: PostgreSQL, Redis, one standalone sandbox and two gunicorn instances.

Started once per module on loopback in a temp dir, and torn down whatever happens.
"""

from __future__ import annotations

import os
import secrets
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.scaleout.servers import (
    PYTHON,
    ROOT,
    SANDBOX_API_KEY,
    SANDBOX_CLIENT_ID,
    SANDBOX_SITE_ID,
    AppInstance,
    Postgres,
    Redis,
    Sandbox,
    free_port,
)

# Our variables that must come from this stack only, not from whoever runs the tests.
_SITE_VARIABLES = ("WIX_", "DATABASE_", "REDIS_", "SQLITE_PATH", "SITE_URL", "GUNICORN_")


@dataclass
class Stack:
    workdir: Path
    postgres: Postgres
    redis: Redis
    sandbox: Sandbox
    env: dict[str, str]
    instances: dict[str, AppInstance] = field(default_factory=dict)

    def instance(self, name: str) -> AppInstance:
        """Instance ``name``, started (again) when it is not running."""
        if name not in self.instances:
            self.instances[name] = AppInstance(name, self.workdir, self.env)
        instance = self.instances[name]
        if not instance.alive():
            instance.start()
        return instance


def _site_env(postgres: Postgres, redis: Redis, sandbox: Sandbox) -> dict[str, str]:
    """Production settings (DEBUG=0) behind a TLS-terminating proxy, on the shared services."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(_SITE_VARIABLES)}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(40),
        ALLOWED_HOSTS="localhost",
        DATABASE_URL=postgres.url,
        REDIS_URL=redis.url,
        WIX_SANDBOX="0",
        WIX_CLIENT_ID=SANDBOX_CLIENT_ID,
        WIX_API_KEY=SANDBOX_API_KEY,
        WIX_SITE_ID=SANDBOX_SITE_ID,
        WIX_API_BASE_URL=sandbox.url,
        WIX_MEDIA_BASE_URL=sandbox.url + "/media/",
        GUNICORN_WORKERS="2",
        GUNICORN_THREADS="4",
        LOG_LEVEL="WARNING",
    )
    return env


def _manage(env: dict[str, str], *args: str) -> None:
    result = subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr


@pytest.fixture(scope="module")
def stack() -> Iterator[Stack]:
    workdir = Path(tempfile.mkdtemp(prefix="booking-scaleout-"))
    started: list[object] = []
    try:
        workdir.chmod(0o711)  # PostgreSQL runs as its own user and must reach its subdir
        (workdir / "pg").mkdir()
        postgres = Postgres(workdir / "pg", free_port())
        postgres.start()
        started.append(postgres)
        redis = Redis(workdir, free_port())
        redis.start()
        started.append(redis)
        sandbox = Sandbox(workdir, free_port())
        started.append(sandbox)
        env = _site_env(postgres, redis, sandbox)
        _manage(env, "migrate", "--noinput", "-v0")  # once, before any instance starts
        if not (ROOT / "staticfiles" / "staticfiles.json").exists():
            _manage(env, "collectstatic", "--noinput", "-v0")  # DEBUG=0 pages need the manifest
        stack = Stack(workdir, postgres, redis, sandbox, env)
        try:
            stack.instance("A")
            stack.instance("B")
            yield stack
        finally:
            for instance in stack.instances.values():
                instance.stop()
    finally:
        for server in reversed(started):
            _stop_quietly(server)
        shutil.rmtree(workdir, ignore_errors=True)


def _stop_quietly(server: object) -> None:
    try:
        if isinstance(server, Postgres):
            if server.running():
                server.stop("immediate")
        elif isinstance(server, Redis):
            server.stop()
        elif isinstance(server, Sandbox):
            server.process.stop()
    except AssertionError:
        pass  # best effort: the process group is gone or the data dir is removed next
