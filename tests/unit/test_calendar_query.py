"""``calendar_query``: CalendarForm's parse of the calendar's query string, memoized on the
string's own fields, giving the form's answer and a dict of the caller's own; and the zone
select offering each zone once."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

import pytest
from django.http import QueryDict

from booking_site.calendar_query import calendar_query
from booking_site.forms import CalendarForm, zone_choices

QUERIES = [
    "",
    "month=2027-01",
    "month=2027-13&date=2027-01-05",  # a bad month dropped, the date kept
    "date=2027-02-30&staff=tom",
    "tz=Europe/Paris&duration=90",
    "tz=Mars/Olympus&duration=0",
    "month=2027-01&month=2027-03",  # the last value wins, as in the form
    "utm_source=mail&first_name=Ann",  # not the calendar's fields: nothing parsed
]


@pytest.mark.parametrize("query", QUERIES)
def test_the_memo_answers_what_the_form_answers(query: str) -> None:
    data = QueryDict(query)

    first, again = calendar_query(data), calendar_query(QueryDict(query))

    assert first == CalendarForm(data).valid_values()
    assert again == first


def test_parsed_values_are_typed() -> None:
    parsed = calendar_query(QueryDict("month=2027-01&date=2027-01-05&tz=Europe/Paris"))

    assert parsed == {
        "month": date(2027, 1, 1),
        "date": date(2027, 1, 5),
        "tz": ZoneInfo("Europe/Paris"),
    }


def test_each_caller_gets_its_own_dict() -> None:
    first = calendar_query(QueryDict("month=2027-01"))
    first["staff"] = "changed by a caller"  # type: ignore[typeddict-unknown-key]

    assert calendar_query(QueryDict("month=2027-01")) == {"month": date(2027, 1, 1)}


def test_each_zone_is_offered_once() -> None:
    values = [value for value, _ in zone_choices("Europe/London", "Europe/London")]
    with_visitor = [value for value, _ in zone_choices("Asia/Tokyo", "Europe/London")]

    assert values[0] == "Europe/London"
    assert len(values) == len(set(values))
    assert with_visitor[:2] == ["Asia/Tokyo", "Europe/London"]
    assert len(with_visitor) == len(set(with_visitor))
