"""A duration-variant service opens warm after a warm start (issue 13 point 3).

The service page lists its default length without asking Time Slots for it, so the window warm
start filled serves it; only another length is a Time Slots call of its own.
"""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.test import Client

from tests.integration.helpers import slot_buttons
from wix_sandbox import Sandbox

pytestmark = pytest.mark.django_db(transaction=True)

DURATIONS = "thai-massage"  # 60 min (the service's own length) or 90 min


def _slot_reads(sandbox: Sandbox) -> int:
    return sandbox.call_counts().get("time_slots.list", 0)


def test_the_default_length_is_served_from_the_warm_window(
    client: Client, sandbox: Sandbox
) -> None:
    call_command("wix_warm")
    warmed = _slot_reads(sandbox)

    plain = client.get(f"/services/{DURATIONS}/")
    default = client.get(f"/services/{DURATIONS}/", {"duration": "60"})

    assert _slot_reads(sandbox) == warmed  # neither page asked Time Slots again
    assert slot_buttons(plain)
    assert slot_buttons(default) == slot_buttons(plain)

    longer = client.get(f"/services/{DURATIONS}/", {"duration": "90"})

    assert _slot_reads(sandbox) == warmed + 1  # 90 min is its own window
    assert slot_buttons(longer)
    assert slot_buttons(longer) != slot_buttons(plain)
