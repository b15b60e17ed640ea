"""Calls waiting now and seats by state."""

from __future__ import annotations

import datetime as dt

from office.live_figures import live_figures
from office.seat_intervals import SeatStateRow
from tests.office.scripted_day import at, call


def test_waiting_calls_and_seats_by_state() -> None:
    now = at("10:20:30")
    calls = [
        call("w1", "ROTH", "10:20:00", outcome=None),  # ringing 30 s
        call("w2", "BAU", "10:20:20", outcome=None),  # ringing 10 s
        call("w3", None, "10:20:25", outcome=None),  # no client known yet
        call("t", "ROTH", "10:19:00", answered="10:19:05", outcome=None),  # talking
        call("old", "ROTH", "08:00:00", outcome=None),  # left open by a crash
        call("done", "ROTH", "10:00:00", ended="10:00:10", outcome="missed"),
        call("x", "ROTH", "10:20:10", outcome="answered_elsewhere"),
    ]
    seats = [
        SeatStateRow("s1", "Anna", "available", "", at("09:00:00")),
        SeatStateRow("s1", "Anna", "in_call", "", at("10:19:05")),
        SeatStateRow("s2", "Ben", "break", "Mittag", at("10:00:00")),
        SeatStateRow("s3", "Cem", "available", "", at("08:00:00")),
    ]
    live = live_figures(calls, seats, now)
    assert live.waiting == 3
    assert live.longest_wait_s == 30
    assert live.waiting_by_client == (("BAU", 1), ("ROTH", 1), ("–", 1))
    assert live.seats_by_state == (("available", 1), ("break", 1), ("in_call", 1))


def test_no_calls_no_log() -> None:
    live = live_figures([], None, at("10:00:00"))
    assert (live.waiting, live.longest_wait_s, live.seats_by_state) == (0, None, None)
    assert live_figures([], [], at("10:00:00")).seats_by_state == ()
    assert live_figures([], [], at("10:00:00"), stale_after=dt.timedelta(0)).waiting == 0
