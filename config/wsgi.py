"""WSGI entry point for gunicorn and runserver."""

from __future__ import annotations

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

application = get_wsgi_application()

# Views imported and templates compiled now, not on a first customer's request
# (booking_site/boot.py).
from booking_site.boot import prepare  # noqa: E402  (needs the app set up above)

prepare()

# With WIX_WARM_ON_START=1, each web process reads the catalogue and first windows in the
# background as it starts, so its first customers do not wait on Wix (services/warm.py).
from booking_site.services.warm import on_start  # noqa: E402  (needs the app set up above)

on_start()
