"""Fixtures shared by the integration tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.conf import settings
from django.test import override_settings

from booking_site.wix import reset_client
from wix_sandbox import Sandbox


@pytest.fixture
def keyless(sandbox: Sandbox) -> Iterator[None]:
    """The site without the API key: it can't read or change bookings, only its own carts."""
    reset_client()
    with override_settings(WIX={**settings.WIX, "SANDBOX_API_KEY": False}):
        yield
    reset_client()
