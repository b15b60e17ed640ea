"""Business hours as one line of text, for CSV import/export and quick editing.

Format: groups separated by ``;``, each ``DAYS INTERVAL [INTERVAL ...]``. ``DAYS`` is a
day (``Mo``) or a range (``Mo-Fr``), several joined by ``,`` (``Mo,Mi``); German and
English day abbreviations both work. Intervals are ``HH:MM-HH:MM``; a gap between two
intervals is a break. Example: ``Mo-Do 08:00-12:00 13:00-17:00; Fr 08:00-14:00``.
"""

from __future__ import annotations

import re

from clients.model import BusinessHours, OpeningInterval, format_hhmm, parse_hhmm

DAY_NAMES_DE = ("Mo", "Di", "Mi", "Do", "Fr", "Sa", "So")
_DAY_PREFIXES = {
    "mo": 0,
    "di": 1,
    "tu": 1,
    "mi": 2,
    "we": 2,
    "do": 3,
    "th": 3,
    "fr": 4,
    "sa": 5,
    "so": 6,
    "su": 6,
}
_INTERVAL = re.compile(r"^(\d{1,2}:\d{2})\s*[-–]\s*(\d{1,2}:\d{2})$")


def _day(token: str) -> int:
    key = token.strip().lower()[:2]
    if key not in _DAY_PREFIXES:
        raise ValueError(f"unknown weekday {token!r} (use Mo Di Mi Do Fr Sa So)")
    return _DAY_PREFIXES[key]


def _days(spec: str) -> list[int]:
    days: list[int] = []
    for part in spec.split(","):
        if "-" in part:
            first, last = (_day(p) for p in part.split("-", 1))
            if last < first:
                raise ValueError(f"day range {part!r} runs backwards")
            days.extend(range(first, last + 1))
        else:
            days.append(_day(part))
    return days


def parse_hours(text: str) -> BusinessHours:
    """Parse the one-line format; raises ``ValueError`` with the offending part."""
    intervals: list[OpeningInterval] = []
    for group in filter(None, (g.strip() for g in text.split(";"))):
        parts = group.split()
        if len(parts) < 2:
            raise ValueError(f"expected days and times in {group!r}")
        days = _days(parts[0])
        for token in parts[1:]:
            match = _INTERVAL.match(token)
            if not match:
                raise ValueError(f"expected HH:MM-HH:MM, got {token!r}")
            opens = parse_hhmm(match.group(1).zfill(5))
            closes = parse_hhmm(match.group(2).zfill(5))
            intervals.extend(OpeningInterval(day, opens, closes) for day in days)
    seen: dict[int, list[OpeningInterval]] = {}
    for interval in intervals:
        for other in seen.get(interval.weekday, []):
            if interval.opens < other.closes and other.opens < interval.closes:
                raise ValueError(
                    f"overlapping hours on {DAY_NAMES_DE[interval.weekday]}: "
                    f"{format_hhmm(other.opens)}-{format_hhmm(other.closes)} and "
                    f"{format_hhmm(interval.opens)}-{format_hhmm(interval.closes)}"
                )
        seen.setdefault(interval.weekday, []).append(interval)
    return BusinessHours(tuple(intervals))


def format_hours(hours: BusinessHours) -> str:
    """The inverse of :func:`parse_hours`; equal days are joined into ranges."""
    per_day = [
        " ".join(f"{format_hhmm(i.opens)}-{format_hhmm(i.closes)}" for i in hours.on(d))
        for d in range(7)
    ]
    groups: list[str] = []
    day = 0
    while day < 7:
        if not per_day[day]:
            day += 1
            continue
        last = day
        while last + 1 < 7 and per_day[last + 1] == per_day[day]:
            last += 1
        days = DAY_NAMES_DE[day] if last == day else f"{DAY_NAMES_DE[day]}-{DAY_NAMES_DE[last]}"
        groups.append(f"{days} {per_day[day]}")
        day = last + 1
    return "; ".join(groups)
