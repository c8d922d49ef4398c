"""The sandbox's query language compares timestamps as instants, as Wix does (contract §8)."""

from __future__ import annotations

from wix_sandbox.query import matches

DOC = {"startDate": "2026-12-08T10:00:00.000Z", "name": "b"}


def test_timestamps_compare_as_instants_whatever_their_precision() -> None:
    assert matches({"startDate": {"$gte": "2026-12-08T10:00:00Z"}}, DOC)
    assert not matches({"startDate": {"$gt": "2026-12-08T10:00:00Z"}}, DOC)
    assert matches({"startDate": {"$lt": "2026-12-08T10:00:01Z"}}, DOC)


def test_an_offset_is_the_same_instant_as_utc() -> None:
    assert matches({"startDate": {"$lte": "2026-12-08T11:00:00+01:00"}}, DOC)
    assert not matches({"startDate": {"$lt": "2026-12-08T11:00:00+01:00"}}, DOC)


def test_other_text_still_compares_as_text() -> None:
    assert matches({"name": {"$gt": "a"}}, DOC)
