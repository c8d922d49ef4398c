"""``wix_sandbox.wsgi:application`` for gunicorn; configured from the environment.

WIX_SANDBOX_LATENCY (seconds per call), WIX_SANDBOX_TODAY (YYYY-MM-DD),
WIX_SANDBOX_PUBLIC_URL (origin of the hosted checkout; default: the Host the API was
called on), WIX_SANDBOX_SEED.
Control endpoints are on: this process *is* the sandbox.
"""

from __future__ import annotations

import os
from datetime import date

from .app import Sandbox


def create_application() -> Sandbox:
    today = os.environ.get("WIX_SANDBOX_TODAY")
    sandbox = Sandbox(
        today=date.fromisoformat(today) if today else None,
        seed=int(os.environ.get("WIX_SANDBOX_SEED", "0")),
        public_url=os.environ.get("WIX_SANDBOX_PUBLIC_URL") or None,
        control_enabled=True,
        # Without a public URL, hosted links use the Host the client reached us on.
        public_url_from_request=True,
    )
    sandbox.set_latency(float(os.environ.get("WIX_SANDBOX_LATENCY", "0") or 0))
    return sandbox


application = create_application()
