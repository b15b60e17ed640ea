"""When a staff member can be booked at all: weekly hours with breaks, minus closed days.

Hours are wall-clock times in the staff member's zone, so "09:00" stays 09:00 across a
DST change; a day's open periods are computed per date (a 02:00–03:00 gap on the spring
change simply does not exist). Holidays and closures are whole local days.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from calendar_sync.zones import DEFAULT_ZONE, zone_of


def parse_hhmm(text: str) -> dt.time:
    try:
        hours, minutes = text.split(":")
        return dt.time(int(hours), int(minutes))
    except ValueError as exc:
        raise ValueError(f"time must look like HH:MM, got {text!r}") from exc


@dataclass(frozen=True)
class Opening:
    """One open stretch on a weekday (0 = Monday); ``closes`` 00:00 means midnight."""

    weekday: int
    opens: dt.time
    closes: dt.time

    def __post_init__(self) -> None:
        if not 0 <= self.weekday <= 6:
            raise ValueError(f"weekday must be 0..6, got {self.weekday}")
        if self.closes != dt.time(0) and self.closes <= self.opens:
            raise ValueError(f"{self.opens:%H:%M}–{self.closes:%H:%M} closes before it opens")


@dataclass(frozen=True)
class WorkingHours:
    """Weekly openings (breaks are the gaps between them) and closed days, in ``zone``."""

    openings: tuple[Opening, ...]
    zone: str = DEFAULT_ZONE
    closed_days: frozenset[dt.date] = field(default_factory=frozenset)

    @classmethod
    def weekly(
        cls,
        spec: Mapping[int, Iterable[tuple[str, str]]],
        *,
        zone: str = DEFAULT_ZONE,
        closed_days: Iterable[dt.date] = (),
    ) -> WorkingHours:
        """``{0: [("08:00", "12:00"), ("13:00", "17:00")], ...}`` (a lunch break 12–13)."""
        openings = tuple(
            Opening(day, parse_hhmm(a), parse_hhmm(b)) for day in sorted(spec) for a, b in spec[day]
        )
        return cls(openings, zone, frozenset(closed_days))

    @classmethod
    def office(cls, zone: str = DEFAULT_ZONE, closed_days: Iterable[dt.date] = ()) -> WorkingHours:
        """Monday to Friday 08:00–12:00 and 13:00–17:00: the default until hours are set."""
        day = [("08:00", "12:00"), ("13:00", "17:00")]
        return cls.weekly(dict.fromkeys(range(5), day), zone=zone, closed_days=closed_days)

    def with_closed(self, days: Iterable[dt.date]) -> WorkingHours:
        return WorkingHours(self.openings, self.zone, self.closed_days | frozenset(days))

    def open_periods(self, day: dt.date) -> list[tuple[dt.datetime, dt.datetime]]:
        """Open stretches of one local date as aware UTC pairs, merged and sorted."""
        if day in self.closed_days:
            return []
        zone = zone_of(self.zone)
        periods: list[tuple[dt.datetime, dt.datetime]] = []
        for opening in sorted(
            (o for o in self.openings if o.weekday == day.weekday()), key=lambda o: o.opens
        ):
            start = _local(day, opening.opens, zone)
            end_day = day + dt.timedelta(days=1) if opening.closes == dt.time(0) else day
            end = _local(end_day, opening.closes, zone)
            if periods and start <= periods[-1][1]:
                periods[-1] = (periods[-1][0], max(end, periods[-1][1]))
            else:
                periods.append((start, end))
        return periods


def _local(day: dt.date, time: dt.time, zone: dt.tzinfo) -> dt.datetime:
    """Wall-clock time on ``day`` in UTC; a time inside the spring-forward gap moves on."""
    local = dt.datetime.combine(day, time, tzinfo=zone)
    utc = local.astimezone(dt.UTC)
    if utc.astimezone(zone).replace(tzinfo=None) != local.replace(tzinfo=None):
        utc = local.replace(fold=1).astimezone(dt.UTC)
    return utc


def public_holidays(state: str, years: Iterable[int]) -> frozenset[dt.date]:
    """German public holidays of ``state`` (``BE``, ``BY``, …) for the given years."""
    import holidays

    return frozenset(holidays.country_holidays("DE", subdiv=state, years=list(years)).keys())
