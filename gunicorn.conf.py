"""gunicorn settings: threaded workers, because a request mostly waits on Wix's API."""

from __future__ import annotations

import os

bind = os.environ.get("GUNICORN_BIND", f"0.0.0.0:{os.environ.get('PORT', '8000')}")
workers = int(os.environ.get("GUNICORN_WORKERS", "2"))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "8"))
# Wix calls time out after a few seconds and retries are bounded, so 30 s is a generous ceiling.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
accesslog = "-" if os.environ.get("GUNICORN_ACCESS_LOG", "0") == "1" else None
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
wsgi_app = "config.wsgi:application"


def _without_server_header() -> None:
    """Drop gunicorn's ``Server: gunicorn`` line: it names our stack to every scanner.

    gunicorn always writes it and has no setting for it, so its response's default headers
    are filtered here, once, in the master before the workers are forked.
    """
    from gunicorn.http import wsgi

    default_headers = wsgi.Response.default_headers

    def headers(self: wsgi.Response) -> list[str]:
        return [line for line in default_headers(self) if not line.startswith("Server:")]

    wsgi.Response.default_headers = headers  # type: ignore[method-assign]


_without_server_header()
