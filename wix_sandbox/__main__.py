"""Run the sandbox standalone: ``python -m wix_sandbox --port 8001``."""

from __future__ import annotations

import argparse
import logging
from collections.abc import Callable
from datetime import date
from socketserver import ThreadingMixIn
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from .app import Sandbox


class _ThreadingServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        logging.getLogger("wix_sandbox.access").info(format, *args)


def _not_ready(environ: dict[str, Any], start_response: Callable[..., Any]) -> list[bytes]:
    start_response("503 Service Unavailable", [("Content-Type", "text/plain")])
    return [b"starting"]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m wix_sandbox", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8001)
    parser.add_argument("--latency", type=float, default=0.0, help="seconds per API call")
    parser.add_argument("--today", type=date.fromisoformat, help="fix 'today' (YYYY-MM-DD)")
    parser.add_argument("--public-url", help="origin the hosted checkout is reached at")
    parser.add_argument("--seed", type=int, default=0, help="seed for fault injection")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO)
    server = make_server(args.host, args.port, _not_ready, _ThreadingServer, _QuietHandler)
    port = server.server_port  # the real one when --port 0 asks for any free port
    public_url = args.public_url or f"http://{args.host}:{port}"
    sandbox = Sandbox(today=args.today, seed=args.seed, public_url=public_url, control_enabled=True)
    sandbox.set_latency(args.latency)
    server.set_app(sandbox)
    print(
        f"Wix sandbox on http://{args.host}:{port} (client id {sandbox.client_id!r}, "
        f"API key {sandbox.api_key!r}, site id {sandbox.site_id!r})",
        flush=True,
    )
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
