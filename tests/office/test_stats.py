"""Every figure of :mod:`office.stats` on the scripted day (tests/office/scripted_day.py),
against values worked out by hand from the script, plus the edge cases."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from office.stats import (
    Dimension,
    Figures,
    StatsInput,
    StatsOptions,
    compute_figures,
    distinct_calls,
    period_label,
)
from tests.office.scripted_day import BERLIN, CALLS, DAY_INPUT, OPTIONS, at, call

approx = pytest.approx


def by_group(rows: list[Figures]) -> dict[tuple[str, ...], Figures]:
    return {row.group: row for row in rows}


def test_per_client_on_the_scripted_day() -> None:
    rows, total = compute_figures(DAY_INPUT, (Dimension.CLIENT,), OPTIONS)
    assert [r.group for r in rows] == [("BAU",), ("ROTH",)]
    roth, bau = by_group(rows)[("ROTH",)], by_group(rows)[("BAU",)]

    # ROTH counts r1 r2 r3 r4 r5 r6 r8 (not the call-back r7, not r8's other leg, not the
    # ringing r9): answered r1 r2 r5 r8; missed r3 r4 (abandoned) and r6 (busy).
    assert (roth.offered, roth.answered, roth.missed, roth.abandoned) == (7, 4, 3, 2)
    assert roth.short_abandons == 1  # r3 after 3 s
    assert roth.abandon_rate == approx(2 / 7)
    assert roth.asa_s == approx((10 + 25 + 5 + 12) / 4)  # 13.0
    assert roth.answer_wait_max_s == 25
    assert roth.missed_wait_mean_s == approx((3 + 40 + 0) / 3)
    assert roth.missed_wait_max_s == 40
    assert roth.sl_threshold_s == 20
    assert roth.sl == approx(3 / 4)  # 10, 5, 12 within 20 s; 25 not
    # SL2: answered within 20 (3) + abandoned within 20 (r3; r4 waited 40) over 4 + 2
    assert roth.sl2 == approx(4 / 6)
    assert roth.talk_s == 180 + 120 + 60 + 60
    assert roth.talk_mean_s == approx(105)
    assert roth.started_minutes == 3 + 2 + 1 + 1
    assert roth.wrap_up_mean_s == approx((30 + 60) / 4)  # r1 30 s, r2 60 s, r5 r8 none
    assert roth.break_s is None  # a break belongs to no client
    assert (roth.messages, roth.bookings) == (3, 3)  # r1 r2 r8; 1 + 2

    # BAU counts b1 b2 b3 b4: answered b1 and b3 (interrupted after its answer); missed
    # b2 (abandoned after 10 s) and b4 (interrupted while ringing, 20 s).
    assert (bau.offered, bau.answered, bau.missed, bau.abandoned) == (4, 2, 2, 1)
    assert bau.short_abandons == 0
    assert bau.abandon_rate == approx(1 / 4)
    assert bau.asa_s == approx((25 + 4) / 2)
    assert (bau.missed_wait_mean_s, bau.missed_wait_max_s) == approx((15, 20))
    assert bau.sl_threshold_s == 30
    assert bau.sl == 1.0  # 25 s and 4 s, both within 30 s
    assert bau.sl2 == 1.0  # (2 + b2 after 10 s) / (2 + 1)
    assert (bau.talk_s, bau.talk_mean_s, bau.started_minutes) == approx((720, 360, 10 + 2))
    assert bau.wrap_up_mean_s == approx(60 / 2)  # Anna's 60 s after b1; none after b3
    assert (bau.messages, bau.bookings) == (1, 0)

    # All together: each call judged by its own client's T, so the total has no one T.
    assert (total.offered, total.answered, total.missed, total.abandoned) == (11, 6, 5, 3)
    assert total.asa_s == approx((52 + 29) / 6)
    assert total.sl == approx(5 / 6)
    assert total.sl2 == approx((5 + 1 + 1) / (6 + 3))
    assert total.sl_threshold_s is None
    assert total.wrap_up_mean_s == approx((30 + 60 + 60) / 6)
    assert (total.talk_s, total.started_minutes) == (1140, 19)
    assert total.break_s is None


def test_per_operator_uses_the_call_log_then_the_note() -> None:
    rows, total = compute_figures(DAY_INPUT, (Dimension.OPERATOR,), OPTIONS)
    groups = by_group(rows)
    assert list(groups) == [("Anna",), ("Ben",), ("–",)]
    anna, ben, nobody = groups[("Anna",)], groups[("Ben",)], groups[("–",)]
    # Anna: r1, r5 (her notes), b1 (her note) — waits 10, 5, 25; all within their T.
    assert (anna.offered, anna.answered, anna.asa_s, anna.sl) == approx((3, 3, 40 / 3, 1.0))
    assert anna.talk_s == 180 + 60 + 600
    assert anna.wrap_up_mean_s == approx((30 + 0 + 60) / 3)  # 15:00 wrap-up is nobody's
    assert (anna.messages, anna.bookings, anna.break_s) == (2, 1, 0)
    # Ben: r2, r8 (notes), b3 (the call log) — waits 25 (over 20), 12, 4 (BAU: T = 30).
    assert (ben.answered, ben.asa_s, ben.sl) == approx((3, 41 / 3, 2 / 3))
    assert (ben.talk_s, ben.wrap_up_mean_s) == approx((120 + 60 + 120, 60 / 3))
    assert (ben.messages, ben.bookings, ben.break_s) == (2, 2, 900)
    # Nobody answered r3 r4 r6 b2 b4: abandoned r3 (3 s), r4 (40 s), b2 (10 s).
    assert (nobody.offered, nobody.answered, nobody.missed, nobody.abandoned) == (5, 0, 5, 3)
    assert (nobody.asa_s, nobody.sl, nobody.wrap_up_mean_s) == (None, None, None)
    assert nobody.sl2 == approx(2 / 3)  # r3 within 20 s, b2 within 30 s; r4 not
    assert nobody.missed_wait_mean_s == approx((3 + 40 + 0 + 10 + 20) / 5)
    assert total.break_s == 900


def test_short_abandons_can_be_left_out_of_offered() -> None:
    options = replace(OPTIONS, count_short_abandons=False)
    rows, _ = compute_figures(DAY_INPUT, (Dimension.CLIENT,), options)
    roth = by_group(rows)[("ROTH",)]
    # r3 (3 s) is no longer offered, but still counted apart.
    assert (roth.offered, roth.missed, roth.abandoned, roth.short_abandons) == (6, 2, 1, 1)
    assert roth.abandon_rate == approx(1 / 6)
    assert roth.sl == approx(3 / 4)  # SL does not look at abandons
    assert roth.sl2 == approx(3 / 5)  # r4 waited 40 s: (3 + 0) / (4 + 1)
    assert roth.missed_wait_mean_s == approx((40 + 0) / 2)
    # a longer short-abandon limit makes b2 (10 s) short as well
    longer = replace(options, short_abandon_seconds=11)
    bau = by_group(compute_figures(DAY_INPUT, (Dimension.CLIENT,), longer)[0])[("BAU",)]
    assert (bau.offered, bau.abandoned, bau.short_abandons) == (3, 0, 1)


def test_one_threshold_for_all_and_a_threshold_is_inclusive() -> None:
    rows, _ = compute_figures(DAY_INPUT, (Dimension.CLIENT,), StatsOptions(sl_seconds=25))
    roth, bau = by_group(rows)[("ROTH",)], by_group(rows)[("BAU",)]
    assert roth.sl == 1.0  # 25 s is within 25 s
    assert bau.sl == 1.0 and bau.sl_threshold_s == 25


def test_no_seat_state_log_gives_no_wrap_up_or_break() -> None:
    data = replace(DAY_INPUT, intervals=None)
    rows, total = compute_figures(data, (Dimension.OPERATOR,), OPTIONS)
    assert all(r.wrap_up_mean_s is None and r.break_s is None for r in [*rows, total])


def test_no_calls() -> None:
    rows, total = compute_figures(StatsInput([]), (Dimension.CLIENT,))
    assert rows == []
    assert (total.offered, total.answered, total.talk_s, total.messages) == (0, 0, 0, 0)
    assert (total.asa_s, total.sl, total.sl2, total.abandon_rate) == (None, None, None, None)


def test_all_missed() -> None:
    calls = [
        call("m1", "ROTH", "09:00:00", ended="09:00:30", outcome="missed"),
        call("m2", "ROTH", "09:05:00", ended="09:05:10", outcome="missed"),
        call("m3", "ROTH", "09:10:00", ended="09:10:01", outcome="failed"),
    ]
    (roth,), _ = compute_figures(StatsInput(calls), (Dimension.CLIENT,))
    assert (roth.offered, roth.answered, roth.missed, roth.abandoned) == (3, 0, 3, 2)
    assert (roth.asa_s, roth.sl, roth.talk_mean_s, roth.abandon_rate) == (None, None, None, 2 / 3)
    assert roth.sl2 == approx(1 / 2)  # m2 gave up within 20 s, m1 after 30 s
    assert (roth.missed_wait_mean_s, roth.missed_wait_max_s) == approx((41 / 3, 30))


def test_days_weeks_months_are_cut_in_berlin_across_dst() -> None:
    # Summer time begins on Sunday 29 March 2026 at 02:00 CET (01:00 UTC).
    sat_late = dt.datetime(2026, 3, 28, 23, 30, tzinfo=BERLIN)  # 22:30 UTC
    sun_early = dt.datetime(2026, 3, 29, 0, 30, tzinfo=BERLIN)  # 23:30 UTC on the 28th
    sun_late = dt.datetime(2026, 3, 29, 23, 30, tzinfo=BERLIN)  # 21:30 UTC (CEST)
    mon_early = dt.datetime(2026, 3, 30, 0, 10, tzinfo=BERLIN)  # 22:10 UTC on the 29th
    calls = [
        replace(
            call(f"d{i}", "ROTH", "00:00:00", outcome="missed"),
            started_at=moment,
            ended_at=moment + dt.timedelta(seconds=30),
        )
        for i, moment in enumerate([sat_late, sun_early, sun_late, mon_early])
    ]
    days, _ = compute_figures(StatsInput(calls), (Dimension.DAY,))
    assert [(r.group, r.offered) for r in days] == [
        (("2026-03-28",), 1),
        (("2026-03-29",), 2),
        (("2026-03-30",), 1),
    ]
    weeks, _ = compute_figures(StatsInput(calls), (Dimension.WEEK,))
    assert [(r.group, r.offered) for r in weeks] == [(("2026-W13",), 3), (("2026-W14",), 1)]


def test_iso_week_and_month_at_the_turn_of_the_year() -> None:
    new_year = dt.datetime(2027, 1, 1, 0, 30, tzinfo=BERLIN)  # 23:30 UTC on 31 Dec
    assert period_label(new_year, Dimension.DAY, BERLIN) == "2027-01-01"
    assert period_label(new_year, Dimension.WEEK, BERLIN) == "2026-W53"  # Friday
    assert period_label(new_year, Dimension.MONTH, BERLIN) == "2027-01"
    assert period_label(new_year, Dimension.MONTH, dt.UTC) == "2026-12"


def test_client_and_month_together() -> None:
    rows, _ = compute_figures(DAY_INPUT, (Dimension.CLIENT, Dimension.MONTH), OPTIONS)
    assert [(r.group, r.offered) for r in rows] == [
        (("BAU", "2026-03"), 4),
        (("ROTH", "2026-03"), 7),
    ]


def test_legs_of_one_office_call_count_once() -> None:
    missed_here = call("k", "ROTH", "09:00:00", ended="09:00:20", outcome="missed")
    answered_there = call(
        "k", "ROTH", "09:00:00", answered="09:00:15", ended="09:02:00", outcome="answered"
    )
    assert distinct_calls([missed_here, answered_there]) == [answered_there]
    (roth,), _ = compute_figures(StatsInput([missed_here, answered_there]))
    assert (roth.offered, roth.answered, roth.missed) == (1, 1, 0)
    # rows without a key are separate calls
    keyless = [replace(missed_here, key=""), replace(missed_here, key="")]
    assert len(distinct_calls(keyless)) == 2


def test_a_call_still_up_counts_as_answered_without_talk() -> None:
    talking = call("t", "ROTH", "09:00:00", answered="09:00:08", outcome=None)
    (roth,), _ = compute_figures(StatsInput([talking, *CALLS[:1]]))
    assert (roth.offered, roth.answered, roth.asa_s) == approx((2, 2, 9))
    assert (roth.talk_s, roth.talk_mean_s) == (180, 180)  # only r1 has ended


def test_scripted_times_are_local() -> None:
    assert at("09:00:00").utcoffset() == dt.timedelta(hours=1)


def test_a_wrap_up_logged_twice_stays_with_its_call() -> None:
    from tests.office.scripted_day import wrap

    calls = [
        call(
            "a",
            "ROTH",
            "09:00:00",
            answered="09:00:05",
            ended="09:01:00",
            outcome="answered",
            operator="Anna",
        )
    ]
    intervals = [
        wrap("s1", "Anna", "wrap_up", "09:01:00", "09:04:00"),  # 180 s
        wrap("s1", "Anna", "wrap_up", "09:04:00", "09:05:00"),  # 60 s more: same wrap-up
        wrap("s1", "Anna", "wrap_up", "09:10:00", "09:11:00"),  # 9 min later: nobody's
    ]
    (roth,), _ = compute_figures(StatsInput(calls, intervals=intervals))
    assert roth.wrap_up_mean_s == 240
