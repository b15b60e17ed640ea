"""Recurring series, expanded with ``recurring-ical-events`` one calendar month at a time.

A slot search asks for many small windows (one per day); expanding 500 series for each
of them is what makes reference tools slow or lazy (blocking only the first occurrence).
Here each series knows its span (first start; last end from UNTIL, or unbounded), a
month is expanded once for the series alive in it, and later windows are cut from the
kept month.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import icalendar
import recurring_ical_events

from calendar_sync.errors import BrokenCalendar

MARGIN = dt.timedelta(days=2)  # floating times and zones: months are widened, then cut
Month = tuple[int, int]


@dataclass(frozen=True)
class Series:
    first: dt.datetime
    last: dt.datetime | None  # None: no UNTIL (COUNT or endless)
    query: recurring_ical_events.CalendarQuery


def make_series(
    components: Sequence[icalendar.Component],
    timezones: Sequence[icalendar.Component],
    moment: Callable[[dt.date | dt.datetime], dt.datetime],
) -> Series:
    """One series (master and overrides of one UID), ready to expand."""
    calendar = icalendar.Calendar()
    for tz in timezones:
        calendar.add_component(tz)
    for component in components:
        calendar.add_component(component)
    try:
        query = recurring_ical_events.of(calendar)
        first, last = _span(components, moment)
    except BrokenCalendar:
        raise
    except Exception as exc:  # a broken RRULE: refuse the calendar, do not crash
        raise BrokenCalendar(f"A recurring event cannot be read: {exc}", detail=repr(exc)) from exc
    return Series(first, last, query)


class SeriesSet:
    """The series of one index; ``to_busy`` turns an occurrence into a busy period."""

    def __init__(
        self,
        to_busy: Callable[[icalendar.Component, str], object | None],
        series: Sequence[Series] = (),
    ) -> None:
        self._to_busy = to_busy
        self._series = list(series)
        self._months: dict[Month, list[object]] = {}

    def __len__(self) -> int:
        return len(self._series)

    def warm(self, start: dt.datetime, end: dt.datetime) -> None:
        """Expand the months of [start, end) now (a background task after a sync)."""
        for month in _months(start - MARGIN, end + MARGIN):
            self._month(month)

    def between(self, start: dt.datetime, end: dt.datetime) -> list[object]:
        """Occurrences (as ``to_busy`` made them) of every month touching [start, end)."""
        found: list[object] = []
        seen: set[tuple[str, dt.datetime]] = set()
        for month in _months(start - MARGIN, end + MARGIN):
            for busy in self._month(month):
                key = (getattr(busy, "uid", ""), getattr(busy, "start", start))
                if key not in seen:
                    seen.add(key)
                    found.append(busy)
        return found

    def _month(self, month: Month) -> list[object]:
        kept = self._months.get(month)
        if kept is not None:
            return kept
        low = dt.datetime(month[0], month[1], 1, tzinfo=dt.UTC)
        high = dt.datetime(month[0] + month[1] // 12, month[1] % 12 + 1, 1, tzinfo=dt.UTC)
        result: list[object] = []
        for series in self._series:
            if series.first > high + MARGIN or (
                series.last is not None and series.last < low - MARGIN
            ):
                continue
            try:
                occurrences = series.query.between(low - MARGIN, high + MARGIN)
            except Exception as exc:  # rrule/ical errors of one series: refuse, not crash
                raise BrokenCalendar(
                    f"A recurring event cannot be expanded: {exc}", detail=repr(exc)
                ) from exc
            for occurrence in occurrences:
                busy = self._to_busy(occurrence, str(occurrence.get("UID", "")))
                if busy is not None:
                    result.append(busy)
        self._months[month] = result
        return result


def _months(start: dt.datetime, end: dt.datetime) -> list[Month]:
    year, month = start.year, start.month
    months = []
    while (year, month) <= (end.year, end.month):
        months.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def _span(
    components: Sequence[icalendar.Component],
    moment: Callable[[dt.date | dt.datetime], dt.datetime],
) -> tuple[dt.datetime, dt.datetime | None]:
    """(first start, last end or None) of a series, generously: it only skips months."""
    starts: list[dt.datetime] = []
    ends: list[dt.datetime] = []
    bounded = True
    for component in components:
        for name in ("DTSTART", "RECURRENCE-ID"):
            prop = component.get(name)
            value = getattr(prop, "dt", None)
            if isinstance(value, dt.date):
                starts.append(moment(value))
        rule = component.get("RRULE")
        if rule is not None:
            until = rule.get("UNTIL")
            if not until:
                bounded = False
            else:
                value = until[0] if isinstance(until, list) else until
                if isinstance(value, dt.date):
                    ends.append(moment(value) + dt.timedelta(days=2))
        rdates = component.get("RDATE")
        for prop in rdates if isinstance(rdates, list) else [rdates] if rdates else []:
            for item in getattr(prop, "dts", []):
                value = item.dt[0] if isinstance(item.dt, tuple) else item.dt
                if isinstance(value, dt.date):
                    ends.append(moment(value) + dt.timedelta(days=2))
    if not starts:
        raise BrokenCalendar("A recurring event has no usable DTSTART.")
    longest = dt.timedelta(days=400)  # an occurrence may last long (multi-day, all-day)
    last = max([*ends, *starts]) + longest if bounded else None
    return min(starts) - MARGIN, last
