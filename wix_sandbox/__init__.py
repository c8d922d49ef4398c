"""An offline stand-in for Wix's REST APIs, with a demo business (see README.md)."""

from __future__ import annotations

from .app import MISCONFIGURATIONS, Sandbox, get_default_sandbox
from .demo import Demo
from .routes import ENDPOINT_NAMES

__all__ = ["ENDPOINT_NAMES", "MISCONFIGURATIONS", "Demo", "Sandbox", "get_default_sandbox"]
