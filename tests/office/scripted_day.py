"""A scripted day of calls for two clients, with the figures worked out by hand.

Tuesday 10 March 2026 in Europe/Berlin (CET, UTC+1). ROTH has the default threshold
T = 20 s, BAU T = 30 s. Operators Anna and Ben; every time below is local.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from office.seat_intervals import StateInterval
from office.stats import CallNote, StatsCall, StatsInput, StatsOptions

BERLIN = ZoneInfo("Europe/Berlin")
DAY = dt.date(2026, 3, 10)
OPTIONS = StatsOptions(sl_by_client={"BAU": 30.0})


def at(hms: str, day: dt.date = DAY) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.fromisoformat(hms), tzinfo=BERLIN)


def call(
    key: str,
    client: str | None,
    start: str,
    *,
    answered: str | None = None,
    ended: str | None = None,
    outcome: str | None,
    operator: str = "",
    incoming: bool = True,
) -> StatsCall:
    return StatsCall(
        key=key,
        client_code=client,
        started_at=at(start),
        answered_at=at(answered) if answered else None,
        ended_at=at(ended) if ended else None,
        outcome=outcome,
        operator=operator,
        incoming=incoming,
    )


CALLS = [
    # ROTH ------------------------------------------------------------------------------
    # r1: waited 10 s, talked 180 s; Anna's note, one booking
    call("r1", "ROTH", "09:00:00", answered="09:00:10", ended="09:03:10", outcome="answered"),
    # r2: waited 25 s (over T = 20), talked 120 s; Ben's note
    call("r2", "ROTH", "09:10:00", answered="09:10:25", ended="09:12:25", outcome="answered"),
    # r3: hung up after 3 s: a short abandon (< 5 s)
    call("r3", "ROTH", "09:20:00", ended="09:20:03", outcome="missed"),
    # r4: hung up after 40 s
    call("r4", "ROTH", "09:30:00", ended="09:30:40", outcome="missed"),
    # r5: waited 5 s, talked 60 s, transferred; Anna's note holds no message
    call("r5", "ROTH", "09:40:00", answered="09:40:05", ended="09:41:05", outcome="transferred"),
    # r6: all lines busy: missed at once (wait 0), not an abandon
    call("r6", "ROTH", "09:50:00", ended="09:50:00", outcome="busy"),
    # r7: a call-back Anna dialled: not an offered call
    call(
        "r7",
        "ROTH",
        "10:00:00",
        answered="10:00:05",
        ended="10:05:00",
        outcome="answered",
        incoming=False,
    ),
    # r8: rang at two seats: one leg answered elsewhere (never counted), Ben's leg
    # answered after 12 s, talked 60 s; Ben's note with two bookings
    call("r8", "ROTH", "10:10:00", ended="10:10:12", outcome="answered_elsewhere"),
    call("r8", "ROTH", "10:10:00", answered="10:10:12", ended="10:11:12", outcome="answered"),
    # r9: still ringing: waiting, not in the day's figures
    call("r9", "ROTH", "10:20:00", outcome=None),
    # BAU -------------------------------------------------------------------------------
    # b1: waited 25 s (within T = 30), talked 600 s; Anna's note
    call("b1", "BAU", "11:00:00", answered="11:00:25", ended="11:10:25", outcome="answered"),
    # b2: hung up after 10 s (not short; within T)
    call("b2", "BAU", "11:30:00", ended="11:30:10", outcome="missed"),
    # b3: waited 4 s, talked 120 s, then the app died: answered. The call log names Ben.
    call(
        "b3",
        "BAU",
        "12:00:00",
        answered="12:00:04",
        ended="12:02:04",
        outcome="interrupted",
        operator="Ben",
    ),
    # b4: the app died while it rang for 20 s: missed
    call("b4", "BAU", "12:30:00", ended="12:30:20", outcome="interrupted"),
]

NOTES = {
    "r1": CallNote("r1", "Anna", message=True),
    "r2": CallNote("r2", "Ben", message=True),
    "r5": CallNote("r5", "Anna", message=False),
    "r8": CallNote("r8", "Ben", message=True),
    "b1": CallNote("b1", "Anna", message=True),
}
BOOKINGS = {"r1": 1, "r8": 2}


def wrap(seat: str, operator: str, state: str, start: str, end: str) -> StateInterval:
    return StateInterval(seat, operator, state, "", at(start), at(end))


INTERVALS = [
    wrap("s1", "Anna", "wrap_up", "09:03:10", "09:03:40"),  # 30 s after r1
    wrap("s2", "Ben", "wrap_up", "09:12:25", "09:13:25"),  # 60 s after r2
    wrap("s1", "Anna", "wrap_up", "11:10:26", "11:11:26"),  # 60 s after b1 (1 s later)
    wrap("s2", "Ben", "break", "13:00:00", "13:15:00"),  # 900 s break
    wrap("s1", "Anna", "wrap_up", "15:00:00", "15:01:00"),  # no call before it: nobody's
]

DAY_INPUT = StatsInput(CALLS, NOTES, BOOKINGS, INTERVALS)
