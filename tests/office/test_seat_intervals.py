"""Seat-state log rows → intervals, cut to the period; each seat's state now."""

from __future__ import annotations

import datetime as dt

from office.seat_intervals import (
    SeatStateRow,
    StateInterval,
    current_states,
    intervals_from_rows,
)
from tests.office.scripted_day import BERLIN, at


def row(seat: str, state: str, hms: str, operator: str = "Anna", reason: str = "") -> SeatStateRow:
    return SeatStateRow(seat, operator, state, reason, at(hms))


def spans(intervals: list[StateInterval]) -> list[tuple[str, str, str, str]]:
    """(seat, state, local start, local end) of each interval."""
    return [(i.seat, i.state, _local(i.start), _local(i.end)) for i in intervals]


def _local(moment: dt.datetime) -> str:
    return moment.astimezone(BERLIN).strftime("%H:%M:%S")


def test_each_change_lasts_until_the_seat_s_next_one() -> None:
    rows = [  # shuffled on purpose: the log's order is not trusted
        row("s1", "available", "09:03:40"),
        row("s2", "break", "10:00:00", operator="Ben", reason="Mittag"),
        row("s1", "wrap_up", "09:03:10"),
        row("s1", "available", "08:00:00"),  # before the period: the state at 09:00
        row("s2", "available", "10:30:00", operator="Ben"),
    ]
    found = intervals_from_rows(rows, at("09:00:00"), at("18:00:00"))
    assert spans(found) == [
        ("s1", "available", "09:00:00", "09:03:10"),
        ("s1", "wrap_up", "09:03:10", "09:03:40"),
        ("s1", "available", "09:03:40", "18:00:00"),
        ("s2", "break", "10:00:00", "10:30:00"),
        ("s2", "available", "10:30:00", "18:00:00"),
    ]
    assert found[1].seconds == 30
    assert (found[3].operator, found[3].reason, found[3].seconds) == ("Ben", "Mittag", 1800)


def test_cut_at_both_ends_and_nothing_for_an_empty_period() -> None:
    rows = [row("s1", "break", "08:00:00"), row("s1", "available", "20:00:00")]
    assert spans(intervals_from_rows(rows, at("09:00:00"), at("10:00:00"))) == [
        ("s1", "break", "09:00:00", "10:00:00")
    ]
    assert intervals_from_rows(rows, at("10:00:00"), at("10:00:00")) == []
    assert intervals_from_rows([], at("09:00:00"), at("10:00:00")) == []


def test_two_changes_at_one_moment_the_later_row_wins() -> None:
    rows = [row("s1", "wrap_up", "09:00:00"), row("s1", "available", "09:00:00")]
    found = intervals_from_rows(rows, at("08:00:00"), at("09:30:00"))
    assert spans(found) == [("s1", "available", "09:00:00", "09:30:00")]


def test_across_the_dst_change_an_hour_is_an_hour() -> None:
    day = dt.date(2026, 3, 29)  # 02:00 CET → 03:00 CEST
    rows = [SeatStateRow("s1", "Anna", "break", "", at("01:30:00", day))]
    (interval,) = intervals_from_rows(rows, at("00:00:00", day), at("03:30:00", day))
    assert interval.seconds == 3600  # 01:30 CET to 03:30 CEST


def test_current_state_is_each_seat_s_latest_row() -> None:
    rows = [
        row("s2", "available", "09:00:00", operator="Ben"),
        row("s1", "break", "10:00:00"),
        row("s2", "in_call", "10:05:00", operator="Ben"),
        row("s1", "available", "09:00:00"),
    ]
    assert [(r.seat, r.state) for r in current_states(rows)] == [
        ("s1", "break"),
        ("s2", "in_call"),
    ]
