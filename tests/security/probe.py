"""Run in a subprocess with production environment variables: fetch paths, print what came back.

``python -m tests.security.probe /path …`` migrates the (temporary) SQLite database named by
``SQLITE_PATH``, then prints one JSON object per path: status, headers and cookie flags.
Settings are read once at start-up, so production settings can only be tried in a new process.
"""

from __future__ import annotations

import json
import os
import sys


def main(paths: list[str]) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    call_command("migrate", verbosity=0)
    host = os.environ["ALLOWED_HOSTS"].split(",")[0]
    results = {}
    for path in paths:
        secure = not path.startswith("http:")
        client = Client(HTTP_HOST=host)
        response = client.get(path.removeprefix("http:"), secure=secure)
        results[path] = {
            "status": response.status_code,
            "headers": dict(response.items()),
            "cookies": {
                name: {
                    "secure": bool(morsel["secure"]),
                    "httponly": bool(morsel["httponly"]),
                    "samesite": morsel["samesite"],
                }
                for name, morsel in response.cookies.items()
            },
            "text": response.content.decode(errors="replace")[:2000],
        }
    print(json.dumps(results))


if __name__ == "__main__":
    main(sys.argv[1:])
