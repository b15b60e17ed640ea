"""Seat-state changes turned into intervals: how long each seat spent in wrap-up, on break.

The seat-state log (table ``seat_state_log``: seat, operator, state, reason, at) records
each change of a seat's state. A state lasts from its change until the seat's next change;
the seat's last state lasts until the end of the period asked for (or "now", whichever is
earlier). The intervals are cut to the period, so the state a seat was in when the period
began counts from the period's start. Plain data in, plain data out: no database here.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from appenv.times import to_utc

#: The states the figures read (the seat-state vocabulary is ``office.seat_states``'s).
WRAP_UP = "wrap_up"
BREAK = "break"


@dataclass(frozen=True)
class SeatStateRow:
    """One logged change: from ``at`` on, ``seat`` was in ``state`` (operator, reason)."""

    seat: str
    operator: str
    state: str
    reason: str
    at: dt.datetime  # timezone-aware; kept in UTC

    def __post_init__(self) -> None:
        object.__setattr__(self, "at", to_utc(self.at))


@dataclass(frozen=True)
class StateInterval:
    """A stretch of time one seat (and its operator) spent in one state."""

    seat: str
    operator: str
    state: str
    reason: str
    start: dt.datetime  # timezone-aware; kept in UTC (arithmetic across DST is then right)
    end: dt.datetime

    def __post_init__(self) -> None:
        object.__setattr__(self, "start", to_utc(self.start))
        object.__setattr__(self, "end", to_utc(self.end))

    @property
    def seconds(self) -> float:
        return (self.end - self.start).total_seconds()


def intervals_from_rows(
    rows: Iterable[SeatStateRow], start: dt.datetime, end: dt.datetime
) -> list[StateInterval]:
    """The intervals within ``[start, end)`` that the change rows describe, per seat.

    Rows may come in any order and may begin before ``start`` (the state the seat was in
    when the period began). Two changes at the same moment: the later row wins, the
    earlier one gives an empty interval and is dropped. Sorted by start, then seat.
    """
    start, end = to_utc(start), to_utc(end)
    if end <= start:
        return []
    by_seat: dict[str, list[tuple[int, SeatStateRow]]] = defaultdict(list)
    for order, row in enumerate(rows):
        by_seat[row.seat].append((order, row))
    result: list[StateInterval] = []
    for changes in by_seat.values():
        changes.sort(key=lambda item: (item[1].at, item[0]))
        for index, (_, row) in enumerate(changes):
            until = changes[index + 1][1].at if index + 1 < len(changes) else end
            lo, hi = max(row.at, start), min(until, end)
            if hi > lo:
                result.append(StateInterval(row.seat, row.operator, row.state, row.reason, lo, hi))
    result.sort(key=lambda i: (i.start, i.seat))
    return result


def current_states(rows: Iterable[SeatStateRow]) -> list[SeatStateRow]:
    """Each seat's latest change: the state it is in now. Sorted by seat."""
    latest: dict[str, SeatStateRow] = {}
    for row in rows:
        seen = latest.get(row.seat)
        if seen is None or row.at >= seen.at:
            latest[row.seat] = row
    return [latest[seat] for seat in sorted(latest)]
