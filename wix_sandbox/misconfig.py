"""Misconfigurations that change the demo's services (for ``manage.py wix_doctor`` and tests).

The other misconfigurations are flags the handlers read; these swap a service's spec, so the
catalogue and Create Booking's checks see the same (broken) setup, as they would at Wix.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from .demo_data import SERVICES
from .state import State

# name → (service key, spec fields to change while the misconfiguration is on)
SERVICE_MISCONFIGURATIONS: dict[str, tuple[str, dict[str, Any]]] = {
    # The free consultation can no longer be "paid" in person: Create Booking refuses OFFLINE,
    # and ONLINE makes the cart fail with INSUFFICIENT_INVENTORY (docs/wix-contract.md §6.2, §9.1).
    "free_service_not_payable_in_person": ("consultation", {"in_person": False}),
}


def apply_service_misconfigurations(state: State) -> None:
    """Make each service's spec match the misconfigurations currently switched on."""
    originals = {spec.key: spec for spec in SERVICES}
    for name, (key, changes) in SERVICE_MISCONFIGURATIONS.items():
        spec = originals[key]
        if name in state.misconfigurations:
            spec = dataclasses.replace(spec, **changes)
        # Every index must follow, or Get Service and Create Booking see the old spec.
        state.demo.replace(spec)
