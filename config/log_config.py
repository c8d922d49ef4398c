"""The logging configuration: one machine-readable ``key=value`` line per event, on stderr."""

from __future__ import annotations

from typing import Any


def one_line_logging(level: str) -> dict[str, Any]:
    """Django's ``LOGGING`` for ``level``: every record through ``OneLineFormatter``."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"line": {"()": "booking_site.logging.OneLineFormatter"}},
        "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "line"}},
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            "django.server": {"level": "WARNING"},
            # httpx logs every request's full URL at INFO; our client logs one line per Wix call.
            "httpx": {"level": "WARNING"},
            "httpcore": {"level": "WARNING"},
        },
    }
