"""The submit shows each of its Wix calls as it happens, on a streamed page that needs no
JavaScript, and makes no more Wix calls than the booking needs."""

from __future__ import annotations

import re
import zlib

import pytest
from django.test import Client

from tests.integration.helpers import choose_first_slot, fill_details, our_bookings
from wix_sandbox import Sandbox

MASSAGE = "deep-tissue-massage"
pytestmark = pytest.mark.django_db(transaction=True)
_STEP = re.compile(r'<li data-step="([a-z-]+)">[^<]*<span data-step-result="([a-z]+)">')


def _review(client: Client) -> str:
    choose_first_slot(client, MASSAGE)
    fill_details(client)
    page = client.get("/book/review/").content.decode()
    assert 'name="progress" value="1"' in page  # the review's own form asks for progress
    return page


def test_each_wix_step_is_streamed_as_it_happens(client: Client, sandbox: Sandbox) -> None:
    _review(client)
    before = dict(sandbox.call_counts())

    response = client.post("/book/submit/", {"progress": "1"})
    chunks = iter(response.streaming_content)
    first = next(chunks).decode()
    assert "<h1>" in first
    assert our_bookings(sandbox) == []  # the page starts before the first Wix call
    page = first + b"".join(chunks).decode()

    assert response.status_code == 200
    assert _STEP.findall(page) == [("recheck", "done"), ("create", "done"), ("checkout", "done")]
    link = re.search(r'<a class="button" href="([^"]+)">', page)
    assert link is not None
    assert "/_wix-sandbox/checkout/" in link[1]
    assert f'<meta http-equiv="refresh" content="0;url={link[1]}">' in page
    assert len(our_bookings(sandbox)) == 1
    made = {k: v - before.get(k, 0) for k, v in sandbox.call_counts().items()}
    # The slot's re-check, Create Booking, the cart (with its checkout) and the checkout's
    # redirect: one call each, no read of the catalogue or month (cached), nothing repeated.
    assert {k: v for k, v in made.items() if v} == {
        "time_slots.get": 1,
        "bookings.create": 1,
        "carts.create": 1,
        "redirects.create": 1,
    }


def test_the_progress_page_keeps_the_session(client: Client, sandbox: Sandbox) -> None:
    _review(client)
    page = b"".join(client.post("/book/submit/", {"progress": "1"}).streaming_content).decode()
    assert 'data-step-result="done"' in page

    again = client.post("/book/submit/")  # the same draft: never a second booking

    assert again.status_code == 302
    assert len(our_bookings(sandbox)) == 1


def test_a_failed_step_says_so_and_leads_back_to_the_review(
    client: Client, sandbox: Sandbox
) -> None:
    _review(client)
    sandbox.inject_faults(kind="503", rate=1.0, endpoints=["bookings.create"])

    page = b"".join(client.post("/book/submit/", {"progress": "1"}).streaming_content).decode()

    assert _STEP.findall(page) == [("recheck", "done"), ("create", "failed")]
    assert '<a class="button" href="/book/review/">' in page
    assert "http-equiv" not in page
    assert our_bookings(sandbox) == []


def test_compressed_progress_reaches_the_browser_step_by_step(
    client: Client, sandbox: Sandbox
) -> None:
    _review(client)

    response = client.post("/book/submit/", {"progress": "1"}, HTTP_ACCEPT_ENCODING="gzip")

    assert response["Content-Encoding"] == "gzip"
    inflate = zlib.decompressobj(16 + zlib.MAX_WBITS)
    # Each chunk the browser gets inflates to its own part of the page at once: no step
    # waits in a compressor's buffer for the next.
    parts = [inflate.decompress(chunk).decode() for chunk in response.streaming_content]
    started = [p for p in parts if "<li data-step=" in p]
    ended = [p for p in parts if "data-step-result=" in p]
    assert len(started) == len(ended) == 3
    assert _STEP.findall("".join(parts)) == [
        ("recheck", "done"),
        ("create", "done"),
        ("checkout", "done"),
    ]
