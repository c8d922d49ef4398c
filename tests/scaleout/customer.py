"""A customer's browser behind a load balancer that spreads its requests over app servers.

The "load balancer" is this class: it terminates TLS (so it sends ``X-Forwarded-Proto: https``
and the public ``Host``), picks the next live instance for every request (round robin), and
the browser keeps one cookie jar for the public origin whichever instance answered. Cookies
are ``Secure`` in production settings, so the jar is kept here by name rather than by httpx,
which would not send them over the plain-HTTP hop to the instance.
"""

from __future__ import annotations

import threading
from collections import Counter
from http.cookies import SimpleCookie
from urllib.parse import urlsplit

import httpx
from bs4 import BeautifulSoup

from tests.scaleout.servers import AppInstance

PUBLIC_HOST = "localhost"
PUBLIC_ORIGIN = f"https://{PUBLIC_HOST}"


def page(response: httpx.Response) -> BeautifulSoup:
    return BeautifulSoup(response.text, "html.parser")


def csrf_token(response: httpx.Response) -> str:
    """The CSRF token of the first form on the page."""
    field = page(response).select_one("input[name=csrfmiddlewaretoken]")
    assert field is not None, f"no form on {response.url}: {response.text[:300]}"
    return str(field["value"])


def local_path(location: str) -> str:
    """The path and query of a redirect to the public origin (or of a relative one)."""
    parts = urlsplit(location)
    assert parts.netloc in {"", PUBLIC_HOST}, f"expected a redirect to the site, got {location}"
    return parts.path + (f"?{parts.query}" if parts.query else "")


class Customer:
    """One browser; ``request`` goes through the load balancer to the next live instance."""

    def __init__(self, instances: list[AppInstance]) -> None:
        self.instances = list(instances)
        self.cookies: dict[str, str] = {}
        self.served_by: Counter[str] = Counter()
        self._next = 0
        self._lock = threading.Lock()
        # Redirects are followed by hand so that each hop may land on another instance.
        self.http = httpx.Client(timeout=20.0, follow_redirects=False)

    def close(self) -> None:
        self.http.close()

    def mark_down(self, instance: AppInstance) -> None:
        """The load balancer's health check noticed ``instance`` is gone."""
        self.instances = [i for i in self.instances if i is not instance]

    def pick(self) -> AppInstance:
        with self._lock:
            instance = self.instances[self._next % len(self.instances)]
            self._next += 1
            return instance

    def get(self, path: str, *, via: AppInstance | None = None) -> httpx.Response:
        return self.request("GET", path, via=via)

    def post(
        self,
        path: str,
        data: dict[str, str],
        *,
        via: AppInstance | None = None,
        referer: str | None = None,
    ) -> httpx.Response:
        """POST a form, as from the page at ``referer`` (a path on the public origin)."""
        return self.request("POST", path, data=data, via=via, referer=referer)

    def request(
        self,
        method: str,
        path: str,
        *,
        data: dict[str, str] | None = None,
        via: AppInstance | None = None,
        referer: str | None = None,
    ) -> httpx.Response:
        instance = via or self.pick()
        headers = {"Host": PUBLIC_HOST, "X-Forwarded-Proto": "https"}
        if referer is not None:
            headers["Referer"] = PUBLIC_ORIGIN + referer
        with self._lock:
            if self.cookies:
                headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if method == "POST":
            headers["Origin"] = PUBLIC_ORIGIN  # what a browser sends; Django's CSRF checks it
        response = self.http.request(method, instance.url + path, headers=headers, data=data)
        self.http.cookies.clear()  # the jar above is the only one
        with self._lock:
            self.served_by[instance.name] += 1
            for header in response.headers.get_list("set-cookie"):
                self._store(header)
        return response

    def _store(self, header: str) -> None:
        jar: SimpleCookie = SimpleCookie()
        jar.load(header)
        for name, morsel in jar.items():
            if morsel["max-age"] == "0":
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = morsel.value
