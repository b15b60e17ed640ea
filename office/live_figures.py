"""The supervisor's live figures: calls waiting now, and the seats by state.

A call is *waiting* while it rings unanswered (no answer, no outcome yet). A row left open
by a seat that crashed is closed only when that seat starts again, so a "ringing" row
older than :data:`STALE_AFTER` is not a caller on the line and is not counted.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from office.seat_intervals import SeatStateRow, current_states
from office.stats import NONE_LABEL, Served, StatsCall, distinct_calls, served

STALE_AFTER = dt.timedelta(hours=1)


@dataclass(frozen=True)
class LiveFigures:
    waiting: int
    longest_wait_s: float | None
    waiting_by_client: tuple[tuple[str, int], ...]  # (client code, calls), by code
    seats_by_state: tuple[tuple[str, int], ...] | None  # None: no seat-state log


def live_figures(
    calls: Iterable[StatsCall],
    seat_changes: Sequence[SeatStateRow] | None,
    now: dt.datetime,
    *,
    stale_after: dt.timedelta = STALE_AFTER,
) -> LiveFigures:
    """What is happening at ``now``: ``calls`` the recent calls, ``seat_changes`` the
    seat-state log (each seat's latest row is its state now)."""
    ringing = [
        c
        for c in distinct_calls(calls)
        if served(c) is Served.RINGING and now - stale_after <= c.started_at <= now
    ]
    per_client = Counter(c.client_code or NONE_LABEL for c in ringing)
    waits = [(now - c.started_at).total_seconds() for c in ringing]
    seats = None
    if seat_changes is not None:
        states = Counter(row.state for row in current_states(seat_changes))
        seats = tuple(sorted(states.items()))
    return LiveFigures(
        waiting=len(ringing),
        longest_wait_s=max(waits, default=None),
        waiting_by_client=tuple(sorted(per_client.items())),
        seats_by_state=seats,
    )
