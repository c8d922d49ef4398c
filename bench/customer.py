"""A scripted customer over plain HTTP, and what the site's Server-Timing header says."""

from __future__ import annotations

import re
from dataclasses import dataclass

import httpx

_TIMING = re.compile(r"app;dur=([\d.]+).*wix;dur=([\d.]+).*wixcalls;dur=(\d+)")
_CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
_SLOT = re.compile(r'name="slot" value="([^"]+)"')


@dataclass(frozen=True)
class Timing:
    """One response's Server-Timing: our own milliseconds, Wix milliseconds, Wix calls."""

    app_ms: float
    wix_ms: float
    wix_calls: int


def timing(response: httpx.Response) -> Timing:
    match = _TIMING.search(response.headers.get("server-timing", ""))
    if match is None:
        raise RuntimeError(f"no Server-Timing on {response.request.url}")
    return Timing(float(match[1]), float(match[2]), int(match[3]))


class Customer:
    """One browser: its own cookies, sent by hand.

    The site runs with production settings (Secure cookies) on plain loopback HTTP, where
    httpx would withhold Secure cookies; a browser on localhost sends them, and so do we.
    """

    def __init__(self, base_url: str, *, address: str | None = None) -> None:
        self.http = httpx.Client(base_url=base_url, timeout=30.0)
        self.cookies: dict[str, str] = {}
        # Each scripted shopper comes from its own address, as real customers do, so the
        # per-client limit on submits (10 a minute) applies to each of them separately.
        self.address = address

    def close(self) -> None:
        self.http.close()

    def request(self, method: str, path: str, **kwargs: object) -> httpx.Response:
        headers = dict(kwargs.pop("headers", {}) or {})  # type: ignore[arg-type]
        if self.address:
            headers["X-Forwarded-For"] = self.address
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        response = self.http.request(method, path, headers=headers, **kwargs)  # type: ignore[arg-type]
        for raw in response.headers.get_list("set-cookie"):
            name, _, rest = raw.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response

    def get(self, path: str, **kwargs: object) -> httpx.Response:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, data: dict[str, object], *, page: httpx.Response) -> httpx.Response:
        token = _CSRF.search(page.text)
        if token is None:
            raise RuntimeError(f"no CSRF token on {page.request.url}")
        headers = {"Referer": str(page.request.url)}
        return self.request(
            "POST", path, data={**data, "csrfmiddlewaretoken": token[1]}, headers=headers
        )

    def slot_keys(self, page: httpx.Response) -> list[str]:
        return [key.replace("&amp;", "&") for key in _SLOT.findall(page.text)]

    def reach_review(self, slug: str, slot_index: int) -> httpx.Response:
        """Choose a slot and fill in the details; returns the review page."""
        page = self.get(f"/services/{slug}/")
        keys = self.slot_keys(page)
        chosen = self.post(
            f"/services/{slug}/choose/", {"slot": keys[slot_index % len(keys)]}, page=page
        )
        if chosen.status_code != 302:
            raise RuntimeError(f"choosing a slot answered {chosen.status_code}")
        details = self.get("/book/details/")
        done = self.post(
            "/book/details/",
            {
                "participants": 1,
                "first_name": "Bench",
                "last_name": "Mark",
                "email": "bench@example.com",
            },
            page=details,
        )
        if done.status_code != 302:
            raise RuntimeError(f"details answered {done.status_code}")
        return self.get("/book/review/")
