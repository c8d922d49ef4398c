"""Drive load with wrk (C, so the load generator takes little of the machine's two cores)."""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

_SCRIPT = """
local plan = %s
local counter = 0
request = function()
  counter = counter + 1
  local step = plan[(counter %% #plan) + 1]
  return wrk.format("GET", step.path, step.headers)
end
done = function(summary, latency, requests)
  io.write(string.format("RESULT %%d %%d %%.3f %%d %%d\\n", summary.requests,
    summary.duration, latency:percentile(95) / 1000, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
"""


@dataclass(frozen=True)
class WrkResult:
    """What wrk measured: requests, seconds, p95 latency, bad statuses and socket errors."""

    requests: int
    seconds: float
    p95_ms: float
    bad_status: int
    socket_errors: int

    @property
    def throughput(self) -> float:
        return self.requests / self.seconds


def _lua_table(plan: list[tuple[str, dict[str, str]]]) -> str:
    steps = []
    for path, headers in plan:
        pairs = ", ".join(f"[{json.dumps(k)}] = {json.dumps(v)}" for k, v in headers.items())
        steps.append(f"{{ path = {json.dumps(path)}, headers = {{ {pairs} }} }}")
    return "{ " + ", ".join(steps) + " }"


def available() -> bool:
    return shutil.which("wrk") is not None


def run(
    base_url: str, plan: list[tuple[str, dict[str, str]]], *, connections: int, seconds: float
) -> WrkResult:
    """Closed-loop load: ``connections`` keep requesting the ``plan``'s paths in turn."""
    with tempfile.TemporaryDirectory(prefix="wrk-") as tmp:
        script = Path(tmp) / "plan.lua"
        script.write_text(_SCRIPT % _lua_table(plan))
        threads = max(1, min(2, connections))
        output = subprocess.run(
            [
                "wrk",
                "-t",
                str(threads),
                "-c",
                str(connections),
                "-d",
                f"{seconds:.0f}s",
                "--timeout",
                "10s",
                "-s",
                str(script),
                base_url,
            ],
            capture_output=True,
            text=True,
            check=True,
            timeout=seconds + 60,
        ).stdout
    line = next(row for row in output.splitlines() if row.startswith("RESULT "))
    requests, micros, p95, bad, sockets = line.split()[1:]
    return WrkResult(int(requests), int(micros) / 1e6, float(p95), int(bad), int(sockets))
