"""The submit's progress page: each of its Wix calls shown as it starts and ends, no script.

The page is streamed: its top and the start of the step list go out at once, a line for each
step the submit core names (``services/progress.py``) follows as it starts and is completed
as it ends, and the outcome comes last: a link to where the customer goes next (followed at
once by a ``<meta http-equiv="refresh">``), the held-claim note, or what went wrong with a way
back to the review. Browsers render HTML as it arrives, so this needs no JavaScript.

The submit runs in a worker thread (with this request's context) while the response thread
writes the steps it reports; the session is saved once it has finished, since Django's session
middleware has already run by the time a streamed body is written.
"""

from __future__ import annotations

import contextvars
import logging
import queue
import threading
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.conf import settings
from django.db import connections
from django.http import HttpRequest, StreamingHttpResponse
from django.template.loader import render_to_string
from django.utils.cache import patch_vary_headers

from booking_site.errors import BookingError
from booking_site.presentation import progress as words
from booking_site.services import progress

logger = logging.getLogger(__name__)

_STEPS_HERE = "\x00steps\x00"
_OUTCOME_HERE = "\x00outcome\x00"
_PAGE = "booking/submitting.html"
_GZIP_MIDDLEWARE = "django.middleware.gzip.GZipMiddleware"


@dataclass(frozen=True)
class Next:
    """Where a submit sends the customer: a page (``url``), the held-claim note, or an error."""

    url: str | None = None
    kind: str = "status"  # where ``url`` leads: "checkout", "slot-taken" or "status"
    held: bool = False
    error: BookingError | None = None
    retry_url: str = ""


def streamed(request: HttpRequest, run: Callable[[], Next]) -> StreamingHttpResponse:
    """The progress page of ``run`` (the submit, returning where to go next)."""
    # The page around the steps is rendered now: its CSP nonce must be in the header.
    page = render_to_string(
        _PAGE, {"steps_here": _STEPS_HERE, "outcome_here": _OUTCOME_HERE}, request=request
    )
    gzip = _GZIP_MIDDLEWARE in settings.MIDDLEWARE and _accepts_gzip(request)
    steps = _page(request, run, page)
    body = _gzip_each(steps) if gzip else (chunk.encode() for chunk in steps)
    response = StreamingHttpResponse(body, content_type="text/html; charset=utf-8")
    if gzip:
        # Django's GZipMiddleware would hold the steps back until its buffer fills (it never
        # flushes a streamed body); compressed here with a flush per step, it leaves it alone.
        response["Content-Encoding"] = "gzip"
    patch_vary_headers(response, ("Accept-Encoding",))
    response["Cache-Control"] = "no-store"
    response["X-Accel-Buffering"] = "no"  # a buffering proxy would hold the steps back
    return response


def _page(request: HttpRequest, run: Callable[[], Next], page: str) -> Iterator[str]:
    head, _sep, rest = page.partition(_STEPS_HERE)
    middle, _sep, foot = rest.partition(_OUTCOME_HERE)
    yield head
    events: queue.Queue[progress.Step | Next | BaseException] = queue.Queue()
    worker = threading.Thread(
        target=contextvars.copy_context().run,
        args=(_work, run, events),
        name="submit-progress",
        daemon=True,
    )
    worker.start()
    event = events.get()
    while isinstance(event, progress.Step):
        yield _step(event)
        event = events.get()
    worker.join()
    if request.session.modified:
        request.session.save()  # the middleware saved it before this body was written
    if isinstance(event, BaseException):
        logger.error("submit failed on the progress page", exc_info=event)
        event = Next(error=BookingError("unknown"))
    yield middle
    yield _outcome(request, event)
    yield foot


def _gzip_each(chunks: Iterator[str]) -> Iterator[bytes]:
    """Gzip ``chunks``, flushing after each so every step reaches the browser as it happens."""
    compressor = zlib.compressobj(6, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    for chunk in chunks:
        yield compressor.compress(chunk.encode()) + compressor.flush(zlib.Z_SYNC_FLUSH)
    yield compressor.flush()


def _accepts_gzip(request: HttpRequest) -> bool:
    return "gzip" in request.headers.get("Accept-Encoding", "").lower()


def _work(
    run: Callable[[], Next], events: queue.Queue[progress.Step | Next | BaseException]
) -> None:
    try:
        with progress.reporting(events.put):
            events.put(run())
    except BaseException as error:  # shown as a failure; the core keeps its row consistent
        events.put(error)
    finally:
        connections.close_all()  # this thread's own database connection


def _step(step: progress.Step) -> str:
    if step.state == "started":
        name = "step-start"
        context = {"name": step.name, "doing": words.doing(step)}
    else:
        name = "step-end"
        context = {"state": step.state, "result": words.result(step)}
    return render_to_string(f"{_PAGE}#{name}", context)


def _outcome(request: HttpRequest, after: Next) -> str:
    context = {
        "url": after.url,
        "next_words": words.going_on(after.kind),
        "held": after.held,
        "error_message": after.error.message if after.error else "",
        "retry_url": after.retry_url,
    }
    return render_to_string(f"{_PAGE}#outcome", context, request=request)
