"""Typed values parsed from requests, shared by the forms that produce them and the services
that consume them (so services never import forms)."""

from __future__ import annotations

import datetime as dt
from typing import TypedDict
from zoneinfo import ZoneInfo


class CalendarQuery(TypedDict, total=False):
    """CalendarForm's cleaned values; a key is absent when its value was missing or invalid."""

    month: dt.date
    date: dt.date
    staff: str
    location: str
    tz: ZoneInfo
    duration: int
