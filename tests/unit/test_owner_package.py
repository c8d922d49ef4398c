"""Owner mode as a package over one booking core (issue 15, point 2).

Owner mode lives in ``booking_site/owner/``; its funnel is a ``flow.Flow`` like the customer's,
its draft is kept by ``session.DraftStore`` like the customer's, and rules both front ends
share are written once.
"""

from __future__ import annotations

from pathlib import Path

from django.contrib.sessions.backends.cache import SessionStore
from django.http import HttpRequest
from django.test import RequestFactory

from booking_site import flow
from booking_site.drafts import DraftStore
from booking_site.owner import steps
from booking_site.owner.session import STORE, OwnerDraft

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "booking_site"


def _request() -> HttpRequest:
    request = RequestFactory().get("/")
    request.session = SessionStore()
    return request


def test_owner_funnel_is_a_flow_over_its_own_store() -> None:
    assert isinstance(steps.OWNER, flow.Flow)
    assert isinstance(flow.CUSTOMER, flow.Flow)
    assert [step.name for step in steps.OWNER.steps] == ["service", "slot", "details", "review"]
    assert steps.OWNER.store is STORE
    assert isinstance(STORE, DraftStore)
    assert STORE.key == "booking_site.owner_draft" != flow.CUSTOMER.store.key


def test_unchanged_owner_draft_is_not_written_again() -> None:
    request = _request()
    draft = OwnerDraft(service_id="svc-1", service_slug="massage")
    STORE.save(request, draft)
    request.session.modified = False

    STORE.save(request, draft.with_changes())  # only a fresher timestamp

    assert request.session.modified is False
    assert STORE.load(request).draft == draft


def test_the_phone_rule_is_written_once() -> None:
    rule = r"[0-9 ()\-.]{6,20}"
    places = [
        str(path.relative_to(PACKAGE))
        for path in sorted(PACKAGE.rglob("*.py"))
        if rule in path.read_text()
    ]

    assert places == ["validators.py"]


def test_no_module_over_300_lines() -> None:
    long = {
        str(path.relative_to(ROOT))
        for folder in (PACKAGE, ROOT / "config")
        for path in folder.rglob("*.py")
        if len(path.read_text().splitlines()) > 300
    }

    assert long == set()


def test_nothing_of_owner_mode_is_left_outside_the_package() -> None:
    assert not list((PACKAGE / "views").glob("owner*.py"))
    assert not list((PACKAGE / "services").glob("owner*.py"))
    assert not list(PACKAGE.glob("owner*.py"))
