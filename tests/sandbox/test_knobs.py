"""Knobs and plumbing: faults, latency, call counts, reset, control endpoints, request ids."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx
import pytest

from wix_sandbox import Sandbox, get_default_sandbox
from wix_sandbox.wsgi import create_application

from .conftest import TODAY, Clock, app_code, appointment_slot, create_booking

QUERY = {"query": {}}
SERVICES = "/bookings/v2/services/query"
ROOT = Path(__file__).resolve().parents[2]


def test_every_response_has_a_unique_request_id(api: httpx.Client, visitor: dict[str, str]) -> None:
    responses = [
        api.post(SERVICES, json=QUERY, headers=visitor),
        api.post(SERVICES, json=QUERY),
        api.get("/no/such/path", headers=visitor),
        api.get("/static/checkout.css"),
    ]

    ids = [r.headers["x-wix-request-id"] for r in responses]
    assert len(set(ids)) == 4


def test_unknown_path_is_a_404_envelope(api: httpx.Client, visitor: dict[str, str]) -> None:
    response = api.post("/bookings/v9/everything", json={}, headers=visitor)

    assert response.status_code == 404
    assert app_code(response) == "NOT_FOUND"
    assert response.json()["message"]


def test_invalid_json_is_400(api: httpx.Client, visitor: dict[str, str]) -> None:
    response = api.post(SERVICES, content=b"{not json", headers=visitor)

    assert response.status_code == 400


def test_fault_rate_one_hits_only_chosen_endpoints(
    api: httpx.Client, visitor: dict[str, str], sandbox: Sandbox
) -> None:
    sandbox.inject_faults(kind="429", rate=1.0, endpoints=["services.query"])

    throttled = api.post(SERVICES, json=QUERY, headers=visitor)
    other = api.get("/site-properties/v4/properties", headers=visitor)
    sandbox.clear_faults()
    after = api.post(SERVICES, json=QUERY, headers=visitor)

    assert throttled.status_code == 429
    assert throttled.headers["retry-after"] == "1"
    assert throttled.json()["details"] == {}
    assert throttled.headers["x-wix-request-id"]
    assert other.status_code == 200
    assert after.status_code == 200


def test_fault_rate_zero_never_fires(
    api: httpx.Client, visitor: dict[str, str], sandbox: Sandbox
) -> None:
    sandbox.inject_faults(kind="503", rate=0.0)

    statuses = {api.post(SERVICES, json=QUERY, headers=visitor).status_code for _ in range(20)}

    assert statuses == {200}


def test_503_and_timeout_faults(
    api: httpx.Client, visitor: dict[str, str], sandbox: Sandbox
) -> None:
    slept: list[float] = []
    sandbox._sleep = slept.append  # the test never really waits
    sandbox.inject_faults(kind="503", rate=1.0, endpoints=["services.query"])
    sandbox.inject_faults(
        kind="timeout", rate=1.0, endpoints=["site.properties"], timeout_seconds=9
    )

    unavailable = api.post(SERVICES, json=QUERY, headers=visitor)
    late = api.get("/site-properties/v4/properties", headers=visitor)

    assert unavailable.status_code == 503
    assert late.status_code == 504
    assert slept == [9]


def test_faults_are_seeded(clock: Clock) -> None:
    def pattern(seed: int) -> list[int]:
        sandbox = Sandbox(clock=clock, seed=seed)
        sandbox.inject_faults(kind="503", rate=0.5)
        transport = httpx.WSGITransport(app=sandbox.app)
        with httpx.Client(transport=transport, base_url="https://www.wixapis.com") as api:
            headers = {"Authorization": sandbox.api_key, "wix-site-id": sandbox.site_id}
            return [api.post(SERVICES, json=QUERY, headers=headers).status_code for _ in range(16)]

    assert pattern(7) == pattern(7)
    assert set(pattern(7)) == {200, 503}


def test_unknown_fault_settings_are_rejected(sandbox: Sandbox) -> None:
    with pytest.raises(ValueError, match="unknown endpoint"):
        sandbox.inject_faults(kind="429", rate=1.0, endpoints=["bookings.nope"])
    with pytest.raises(ValueError, match="kind"):
        sandbox.inject_faults(kind="418", rate=1.0)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="misconfiguration"):
        sandbox.set_misconfiguration("no_such_thing")


def test_latency_knob(api: httpx.Client, visitor: dict[str, str], sandbox: Sandbox) -> None:
    sandbox.set_latency(0.02)

    started = time.perf_counter()
    api.post(SERVICES, json=QUERY, headers=visitor)

    assert time.perf_counter() - started >= 0.02


def test_call_counts_and_reset(
    api: httpx.Client, visitor: dict[str, str], sandbox: Sandbox
) -> None:
    seeded = len(sandbox.bookings())
    api.post(SERVICES, json=QUERY, headers=visitor)
    api.post(SERVICES, json=QUERY, headers=visitor)
    api.get(f"/bookings/v2/services/{sandbox.demo.service('yoga')}", headers=visitor)
    sandbox.inject_faults(kind="429", rate=1.0)

    counts = sandbox.call_counts()
    sandbox.reset()

    assert counts == {"oauth.token": 1, "services.query": 2, "services.get": 1}
    assert sandbox.call_counts() == {}
    assert len(sandbox.bookings()) == seeded == 12 + 110  # with the talks series' bookings
    assert api.post(SERVICES, json=QUERY, headers=visitor).status_code == 200


def test_snapshots_are_copies(sandbox: Sandbox) -> None:
    sandbox.bookings()[0]["status"] = "CANCELED"

    assert sandbox.bookings()[0]["status"] == "CONFIRMED"


def test_control_endpoints_are_off_by_default(api: httpx.Client) -> None:
    assert api.post("/_sandbox/reset").status_code == 404
    assert api.get("/_sandbox/state").status_code == 404


def test_control_endpoints_when_enabled(clock: Clock) -> None:
    sandbox = Sandbox(clock=clock, control_enabled=True)
    transport = httpx.WSGITransport(app=sandbox)
    with httpx.Client(transport=transport, base_url="http://127.0.0.1:8001") as api:
        admin = {"Authorization": sandbox.api_key, "wix-site-id": sandbox.site_id}
        api.post(
            "/_sandbox/faults", json={"kind": "503", "rate": 1, "endpoints": ["services.query"]}
        )
        faulty = api.post(SERVICES, json=QUERY, headers=admin)
        api.delete("/_sandbox/faults")
        healthy = api.post(SERVICES, json=QUERY, headers=admin)
        latency = api.post("/_sandbox/latency", json={"seconds": 0})
        bad = api.post("/_sandbox/faults", json={"kind": "nope", "rate": 1})
        state = api.get("/_sandbox/state").json()
        reset = api.post("/_sandbox/reset")
        after = api.get("/_sandbox/state").json()

    assert (faulty.status_code, healthy.status_code, latency.status_code) == (503, 200, 200)
    assert bad.status_code == 400
    assert state["callCounts"] == {"services.query": 2}
    assert set(state) == {"bookings", "carts", "checkouts", "orders", "callCounts"}
    assert reset.json() == {"ok": True}
    assert after["callCounts"] == {}


def test_default_sandbox_is_a_singleton() -> None:
    assert get_default_sandbox() is get_default_sandbox()


def test_today_without_clock_is_eight_in_the_morning() -> None:
    sandbox = Sandbox(today=TODAY)

    assert sandbox.now().isoformat() == "2026-03-02T08:00:00+00:00"
    assert sandbox.today == TODAY
    assert sandbox.time_zone == "Europe/London"


def test_wsgi_application_reads_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WIX_SANDBOX_TODAY", "2026-10-25")
    monkeypatch.setenv("WIX_SANDBOX_LATENCY", "0")
    monkeypatch.setenv("WIX_SANDBOX_PUBLIC_URL", "http://127.0.0.1:9000")

    app = create_application()

    assert app.today.isoformat() == "2026-10-25"
    assert app.control_enabled is True
    assert app.hosted.public_url == "http://127.0.0.1:9000"


def test_standalone_server_serves_the_api() -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "wix_sandbox", "--port", "0", "--today", "2026-03-02"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert process.stdout is not None
        banner = process.stdout.readline()
        base = banner.split()[3]
        token = httpx.post(
            f"{base}/oauth2/token",
            json={"clientId": "sandbox-headless-client", "grantType": "anonymous"},
        ).json()["access_token"]
        services = httpx.post(f"{base}{SERVICES}", json=QUERY, headers={"Authorization": token})
        state = httpx.get(f"{base}/_sandbox/state")
    finally:
        process.terminate()
        process.wait(timeout=5)

    assert banner.startswith("Wix sandbox on http://127.0.0.1:")
    assert services.json()["pagingMetadata"]["total"] == 17
    assert state.json()["callCounts"] == {"oauth.token": 1, "services.query": 1}


@pytest.mark.parametrize(
    ("kind", "body_check"),
    [
        ("drop_after", lambda r: int(r.headers["content-length"]) > len(r.content) > 0),
        ("empty_after", lambda r: r.content == b""),
        ("garble_after", lambda r: r.content.startswith(b"<html>")),
    ],
)
def test_spoiled_answer_faults_store_the_booking_then_spoil_the_2xx(
    api: httpx.Client, admin: dict[str, str], sandbox: Sandbox, kind: str, body_check: Any
) -> None:
    sandbox.inject_faults(kind=kind, rate=1.0, endpoints=["bookings.create"])  # type: ignore[arg-type]

    answer = create_booking(api, admin, {"slot": appointment_slot(sandbox)}, externalUserId="x1")

    assert answer.status_code == 200
    assert body_check(answer)
    with pytest.raises(json.JSONDecodeError):
        answer.json()
    assert [b["status"] for b in sandbox.bookings() if b.get("externalUserId") == "x1"] == [
        "CREATED"
    ]
