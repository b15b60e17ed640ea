"""Shared helpers for calendar tests: corpus files, Berlin times, indexes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

from calendar_sync.busy import BusyPolicy, EventIndex
from calendar_sync.ics import parse_calendar

CORPUS = Path(__file__).parent / "corpus"
BERLIN = ZoneInfo("Europe/Berlin")


def berlin(text: str) -> dt.datetime:
    """``2027-01-11T09:30`` as an aware Berlin time."""
    return dt.datetime.fromisoformat(text).replace(tzinfo=BERLIN)


def index_of(*names: str, policy: BusyPolicy | None = None) -> EventIndex:
    calendars = [parse_calendar((CORPUS / n).read_bytes(), n) for n in names]
    return EventIndex(calendars, policy or BusyPolicy())


def blocking(index: EventIndex, start: str, minutes: int) -> list[str]:
    begin = berlin(start)
    return [b.summary for b in index.between(begin, begin + dt.timedelta(minutes=minutes))]
