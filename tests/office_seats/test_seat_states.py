"""Seat state rules (pure) and their persistence on both backends: the log is complete and
the state survives a restart."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from clients.model import CallRecord, Client
from office.model import SeatLogEntry, SeatState, SeatStatus
from office.seat_states import RESTORED_AFTER_CALL, SeatStates, SeatWriter, restored
from storage import Database

T0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += dt.timedelta(seconds=seconds)


class Written:
    """The persist callable of the pure tests: what would be written, in order."""

    def __init__(self) -> None:
        self.rows: list[SeatStatus] = []
        self.log: list[SeatLogEntry] = []

    def __call__(self, status: SeatStatus, entry: SeatLogEntry | None) -> None:
        self.rows.append(status)
        if entry is not None:
            self.log.append(entry)


def _state(seat: SeatStates) -> SeatState:
    """The state now (a call: mypy must not narrow it from an earlier assert)."""
    return seat.state


def _seat(office: bool = True) -> tuple[SeatStates, Written, Clock]:
    written, clock = Written(), Clock()
    seat = SeatStates("s1", "host (Frau Weber)", "Frau Weber", written, office=office, clock=clock)
    seat.start(None, [])
    return seat, written, clock


def test_answer_then_wrap_up_then_available_by_itself():
    seat, written, clock = _seat()
    assert _state(seat) == SeatState.AVAILABLE and seat.accepts_calls()
    seat.call_connected("k1")
    assert _state(seat) == SeatState.IN_CALL and seat.status.call_key == "k1"
    assert not seat.accepts_calls()  # in an office the colleagues take the next call
    clock.advance(60)
    seat.call_ended("k1", wrap_up_s=30)
    assert _state(seat) == SeatState.WRAP_UP and not seat.accepts_calls()
    assert seat.status.until == clock.now + dt.timedelta(seconds=30)
    clock.advance(29)
    assert seat.tick().state == SeatState.WRAP_UP
    clock.advance(1)
    assert seat.tick().state == SeatState.AVAILABLE and seat.accepts_calls()
    assert [e.state for e in written.log] == [
        SeatState.AVAILABLE, SeatState.IN_CALL, SeatState.WRAP_UP, SeatState.AVAILABLE,
    ]  # fmt: skip
    assert [e.at - T0 for e in written.log] == [
        dt.timedelta(0), dt.timedelta(0), dt.timedelta(seconds=60), dt.timedelta(seconds=90),
    ]  # fmt: skip


def test_no_wrap_up_time_goes_straight_back_and_a_second_call_keeps_the_seat_busy():
    seat, _, _ = _seat()
    seat.call_connected("k1")
    seat.call_connected("k2")
    seat.call_ended("k1", 0)
    assert _state(seat) == SeatState.IN_CALL and seat.status.call_key == "k2"
    seat.call_ended("k2", 0)
    assert _state(seat) == SeatState.AVAILABLE


def test_a_single_seat_in_a_call_still_rings_for_call_waiting():
    seat, _, _ = _seat(office=False)
    seat.call_connected("k1")
    assert seat.accepts_calls()
    seat.call_ended("k1", 10)
    assert not seat.accepts_calls()  # wrap-up blocks ringing everywhere


def test_break_and_away_are_the_operators_and_outlast_calls():
    seat, written, _ = _seat()
    seat.take_break("  Lunch ")
    assert _state(seat) == SeatState.BREAK and seat.status.reason == "Lunch"
    assert not seat.accepts_calls()
    seat.call_connected("out-1")  # she calls a client back during the break
    seat.call_ended("out-1", 30)
    assert _state(seat) == SeatState.BREAK
    seat.go_away()
    assert _state(seat) == SeatState.AWAY and not seat.accepts_calls()
    seat.set_available()
    assert seat.accepts_calls()
    assert (written.log[1].state, written.log[1].reason) == (SeatState.BREAK, "Lunch")


def test_the_operator_may_end_a_wrap_up_early():
    seat, _, _ = _seat()
    seat.call_connected("k1")
    seat.call_ended("k1", 120)
    seat.set_available()
    assert _state(seat) == SeatState.AVAILABLE and seat.status.until is None


def _status(state: SeatState, reason: str = "", until: dt.datetime | None = None) -> SeatStatus:
    return SeatStatus("s1", "host", "Frau Weber", state, T0, reason, until)


def _entry(state: SeatState, reason: str = "", who: str = "Frau Weber") -> SeatLogEntry:
    return SeatLogEntry(T0, "s1", who, state, reason)


def test_what_a_restart_restores():
    later = T0 + dt.timedelta(minutes=5)
    assert restored(None, [], "Frau Weber", later) == (SeatState.AVAILABLE, "", None)
    crashed = restored(_status(SeatState.IN_CALL), [], "Frau Weber", later)
    assert crashed == (SeatState.AVAILABLE, RESTORED_AFTER_CALL, None)
    on_break = restored(_status(SeatState.BREAK, "Lunch"), [], "Frau Weber", later)
    assert on_break == (SeatState.BREAK, "Lunch", None)
    quit_on_break = restored(
        _status(SeatState.LOGGED_OUT),
        [_entry(SeatState.LOGGED_OUT), _entry(SeatState.BREAK, "Meeting")],
        "Frau Weber",
        later,
    )
    assert quit_on_break == (SeatState.BREAK, "Meeting", None)
    running = T0 + dt.timedelta(minutes=10)
    wrap = restored(_status(SeatState.WRAP_UP, until=running), [], "Frau Weber", later)
    assert wrap == (SeatState.WRAP_UP, "", running)
    over = restored(_status(SeatState.WRAP_UP, until=T0), [], "Frau Weber", later)
    assert over == (SeatState.AVAILABLE, "", None)
    other = restored(_status(SeatState.BREAK, "Lunch"), [], "Herr Mai", later)
    assert other == (SeatState.AVAILABLE, "", None)  # a new operator starts available


# ---- on a real store, both backends ---------------------------------------------------


def _start(
    db: Database, clock: Clock, operator: str = "Frau Weber"
) -> tuple[SeatStates, SeatWriter]:
    writer = SeatWriter(db.seats)
    seat = SeatStates("seat-a", "host (x)", operator, writer, office=db.office, clock=clock)
    seat.start(db.seats.seat_state("seat-a"), db.seats.last_states("seat-a"))
    return seat, writer


def test_the_state_survives_a_restart_and_every_change_is_logged(db: Database):
    clock = Clock()
    seat, writer = _start(db, clock)
    clock.advance(10)
    seat.take_break("Lunch")
    clock.advance(1800)
    seat.log_out()
    assert writer.flush()
    writer.close()
    assert db.seats.seat_state("seat-a") is not None
    clock.advance(60)
    again, writer = _start(db, clock)  # the app starts again
    assert _state(again) == SeatState.BREAK and again.status.reason == "Lunch"
    clock.advance(5)
    again.call_connected("k1")  # on a break: not in a call's state
    again.set_available()
    again.call_connected("k1")
    assert writer.flush()
    writer.close()
    # the app dies during the call: the next start is available, and says why
    seat3, writer = _start(db, clock)
    assert _state(seat3) == SeatState.AVAILABLE and seat3.status.reason == RESTORED_AFTER_CALL
    assert writer.flush()
    writer.close()
    log = db.seats.seat_log("seat-a")
    assert [(e.state, e.reason) for e in log] == [
        (SeatState.AVAILABLE, ""),
        (SeatState.BREAK, "Lunch"),
        (SeatState.LOGGED_OUT, ""),
        (SeatState.BREAK, "Lunch"),
        (SeatState.AVAILABLE, ""),
        (SeatState.IN_CALL, ""),
        (SeatState.AVAILABLE, RESTORED_AFTER_CALL),
    ]
    assert [(e.at - T0).total_seconds() for e in log] == [0, 10, 1810, 1870, 1875, 1875, 1875]
    assert all(e.seat == "seat-a" and e.operator == "Frau Weber" for e in log)
    window = db.seats.seat_log(
        start=T0 + dt.timedelta(seconds=5), end=T0 + dt.timedelta(seconds=1815)
    )
    assert [e.state for e in window] == [SeatState.BREAK, SeatState.LOGGED_OUT]


def test_colleagues_see_the_call_a_seat_is_on(db: Database):
    roth = db.clients.add_client(Client(code="ROTH", name="Kanzlei Dr. Roth"))
    assert roth.id is not None
    db.calls.open_call(
        CallRecord(
            call_key="k-live",
            client_id=roth.id,
            caller_number="+4917612345678",
            caller_name="Jürgen Müller",
            started_at=T0,
        )
    )
    clock = Clock()
    seat, writer = _start(db, clock)
    seat.call_connected("k-live")
    other = SeatStates("seat-b", "host-b (Herr Mai)", "Herr Mai", writer, office=True, clock=clock)
    other.start(None, [])
    other.go_away()
    assert writer.flush()
    writer.close()
    seen = {c.status.seat: c for c in db.seats.colleague_seats()}
    assert seen["seat-a"].status.state == SeatState.IN_CALL
    assert (seen["seat-a"].caller, seen["seat-a"].client) == ("Jürgen Müller", "Kanzlei Dr. Roth")
    assert seen["seat-b"].status.state == SeatState.AWAY and seen["seat-b"].caller == ""


def test_wrap_up_seconds_per_client(db: Database):
    roth = db.clients.add_client(Client(code="ROTH", name="Kanzlei Dr. Roth"))
    assert roth.id is not None
    assert db.seats.wrap_up_seconds(roth.id) == 0
    db.clients.update_client(replace(roth, wrap_up_s=45))
    assert db.seats.wrap_up_seconds(roth.id) == 45
    assert db.clients.get_client(roth.id) == replace(roth, wrap_up_s=45)
    with pytest.raises(ValueError):
        replace(roth, wrap_up_s=-1)


def test_changes_wait_through_an_outage_and_are_written_in_order():
    """The writer keeps what the store refused for a moment; nothing is lost."""
    from storage.errors import StoreUnavailable

    class Flaky:
        def __init__(self) -> None:
            self.down = True
            self.rows: list[tuple[SeatState, bool]] = []

        def put_seat_state(self, status: SeatStatus, entry: SeatLogEntry | None) -> None:
            if self.down:
                raise StoreUnavailable("down", None, detail="test")
            self.rows.append((status.state, entry is not None))

    store = Flaky()
    writer = SeatWriter(store)  # type: ignore[arg-type]
    seat = SeatStates("s", "n", "o", writer, office=True, clock=Clock())
    seat.start(None, [])
    seat.take_break("Lunch")
    assert not writer.flush() and writer.waiting == 2
    store.down = False
    seat.set_available()
    assert writer.flush()
    writer.close()
    assert store.rows == [
        (SeatState.AVAILABLE, True), (SeatState.BREAK, True), (SeatState.AVAILABLE, True),
    ]  # fmt: skip


def test_the_supervisor_reads_wrap_up_and_break_times_from_the_log(db: Database):
    """The seat's own log feeds office.stats: the figures' reader turns it into intervals."""
    from office.seat_intervals import intervals_from_rows

    clock = Clock()
    seat, writer = _start(db, clock)
    clock.advance(60)
    seat.call_connected("k1")
    clock.advance(120)
    seat.call_ended("k1", wrap_up_s=30)
    clock.advance(30)
    seat.tick()
    clock.advance(600)
    seat.take_break("Lunch")
    clock.advance(900)
    seat.set_available()
    assert writer.flush()
    writer.close()
    end = clock.now + dt.timedelta(minutes=1)
    rows = db.office_log.seat_state_rows(T0, end)
    assert rows is not None
    spans = [(i.state, i.reason, i.seconds) for i in intervals_from_rows(rows, T0, end)
             if i.state in ("wrap_up", "break")]  # fmt: skip
    assert spans == [("wrap_up", "", 30.0), ("break", "Lunch", 900.0)]
