"""The booking desk against real Radicale and Xandikos (and the local calendar): book →
move → cancel keep the UID and are journalled with their calls; a move racing another
seat's booking; offline bookings flushed into the journal; conflicts until acknowledged."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from appenv.errors import UserError
from appenv.secrets import set_secret
from calendar_sync import desk
from calendar_sync.booking import BookingTarget
from calendar_sync.caldav_source import CalDavCalendar
from calendar_sync.errors import SlotTaken, SourceUnreachable
from calendar_sync.journal import AppointmentRecord, AppointmentState
from calendar_sync.local_calendar import LocalCalendar
from calendar_sync.registry import CalendarSource, type_named
from calendar_sync.slots import Slot
from clients.model import BusinessHours, Client, ClientProfile
from storage import Database, open_database
from tests.calendar_sync.helpers import BERLIN
from tests.calendar_sync.test_cli_booking import HOURS, a_free_monday
from tests.fixtures.caldav import CalDavServer

STAFF = "Dr. Roth"


@dataclass
class Seat:
    db: Database
    profile: ClientProfile
    target: BookingTarget
    name: str

    def slot(self, day: dt.date, hour: int, minute: int = 0) -> Slot:
        start = dt.datetime.combine(day, dt.time(hour, minute), tzinfo=BERLIN)
        return Slot(start.astimezone(dt.UTC), (start + dt.timedelta(minutes=30)), STAFF)

    def book(self, slot: Slot, call_key: str | None = None, caller: str = "Frau Meyer"):
        kind = type_named(self.db.calendars, "ROTH", "Erstgespräch")
        return desk.book(
            self.db.calendars, self.profile, kind, slot, caller, "030 1234567", self.name,
            call_key=call_key, email="meyer@example.com", operator="Anna",
        )  # fmt: skip


def open_seat(
    path: Path | str, url: str, kind: str, server: CalDavServer | None, name: str
) -> Seat:
    db = open_database(path)
    client = db.clients.get_client_by_code("ROTH")
    if client is None:
        client = db.clients.add_client(Client(code="ROTH", name="Praxis Dr. Roth"))
        db.clients.add_client(Client(code="KURZ", name="Kanzlei Kurz", language="en"))
        assert client.id is not None
        db.clients.set_business_hours(client.id, BusinessHours.weekly(HOURS))
        user = server.user if server is not None and server.user else ""
        source = db.calendars.add_source(CalendarSource("ROTH", url, kind, STAFF, user))
        if user and server is not None and server.password:
            set_secret(source.secret_key, server.password)
        from calendar_sync.slots import AppointmentType

        db.calendars.put_type("ROTH", AppointmentType("Erstgespräch", 30, step=30))
    assert client.id is not None
    profile = db.clients.get_profile(client.id)
    assert profile is not None
    target: BookingTarget
    if kind == "local":
        target = LocalCalendar(Path(url))
    else:
        assert server is not None
        target = CalDavCalendar(url, server.user, server.password)
    return Seat(db, profile, target, name)


@pytest.fixture
def seats(
    caldav_server: CalDavServer, secret_service: str, tmp_path: Path
) -> Iterator[tuple[Seat, Seat]]:
    url = caldav_server.new_calendar()
    a = open_seat(tmp_path / "a.sqlite3", url, "caldav", caldav_server, "seat-a")
    b = open_seat(tmp_path / "b.sqlite3", url, "caldav", caldav_server, "seat-b")
    yield a, b
    a.db.close()
    b.db.close()


def event_data(seat: Seat, record: AppointmentRecord) -> bytes:
    item = seat.target.get(record.href)
    assert item is not None
    return item.data


def events_held(seat: Seat, day: dt.date) -> list[tuple[str, dt.datetime]]:
    """(UID, start) of every event on ``day`` that blocks (not cancelled)."""
    from calendar_sync.busy import BusyPolicy, EventIndex
    from calendar_sync.ics import parse_calendar

    first = dt.datetime.combine(day, dt.time(0), tzinfo=BERLIN)
    items = seat.target.items_between(first, first + dt.timedelta(days=1))
    index = EventIndex([parse_calendar(i.data) for i in items], BusyPolicy())
    return [(b.uid, b.start) for b in index.between(first, first + dt.timedelta(days=1))]


def book_move_cancel(seat: Seat) -> None:
    store, monday = seat.db.calendars, a_free_monday()
    made = seat.book(seat.slot(monday, 9), call_key="call-1")
    record = made.record
    assert record is not None and record.uid == made.uid and not made.pending
    assert (record.state, record.call_key, record.email, record.staff, record.kind) == (
        AppointmentState.BOOKED, "call-1", "meyer@example.com", STAFF, "Erstgespräch",
    )  # fmt: skip
    assert events_held(seat, monday) == [(made.uid, seat.slot(monday, 9).start)]
    now = dt.datetime.now(dt.UTC)
    for who in ({"phone": "+49 30 1234567"}, {"caller": "frau  MEYER"}, {}):
        assert desk.upcoming(store, "ROTH", now=now, **who) == [record]
    assert desk.upcoming(store, "ROTH", phone="+49 30 7654321", now=now) == []
    assert desk.upcoming(store, "KURZ", phone="030 1234567", now=now) == []

    moved = desk.move(
        store, seat.profile, record, seat.slot(monday, 10, 30), seat.name, call_key="call-2"
    )
    assert (moved.uid, moved.state, moved.call_key) == (made.uid, AppointmentState.MOVED, "call-2")
    assert moved.previous_start == record.starts_at
    assert moved.starts_at == seat.slot(monday, 10, 30).start
    assert events_held(seat, monday) == [(made.uid, moved.starts_at)]
    assert b"SEQUENCE:1" in event_data(seat, moved)
    assert desk.upcoming(store, "ROTH", phone="030/1234567", now=now) == [moved]
    with pytest.raises(UserError, match="changed meanwhile"):
        desk.move(store, seat.profile, record, seat.slot(monday, 14), seat.name)

    cancelled = desk.cancel(store, seat.profile, moved, seat.name, call_key="call-3")
    assert (cancelled.uid, cancelled.state) == (made.uid, AppointmentState.CANCELLED)
    data = event_data(seat, cancelled)
    assert b"STATUS:CANCELLED" in data and b"SEQUENCE:2" in data and made.uid.encode() in data
    assert events_held(seat, monday) == []
    assert desk.upcoming(store, "ROTH", now=now) == []
    rows = store.appointments("ROTH", uid=made.uid)
    assert [(r.state, r.call_key) for r in rows] == [
        (AppointmentState.BOOKED, "call-1"),
        (AppointmentState.MOVED, "call-2"),
        (AppointmentState.CANCELLED, "call-3"),
    ]
    assert store.appointments("KURZ") == []


def test_book_move_cancel_through_the_desk(seats: tuple[Seat, Seat]) -> None:
    book_move_cancel(seats[0])


def test_book_move_cancel_on_either_database(
    db_location: Path | str, xandikos_server: CalDavServer
) -> None:
    """The same steps with the journal in the seat's SQLite file or the office database."""
    url = xandikos_server.new_calendar()
    seat = open_seat(db_location, url, "caldav", xandikos_server, "seat-a")
    try:
        book_move_cancel(seat)
    finally:
        seat.db.close()


def test_book_move_cancel_in_the_local_calendar(tmp_path: Path) -> None:
    folder = tmp_path / "local-roth"
    seat = open_seat(tmp_path / "a.sqlite3", str(folder), "local", None, "seat-a")
    try:
        book_move_cancel(seat)
    finally:
        seat.db.close()


def race_move_and_book(
    a: Seat, b: Seat, record: AppointmentRecord, target: Slot
) -> dict[str, object]:
    """Seat A moves ``record`` to ``target`` while seat B books it (own threads, own
    databases, one server); each side's result or :class:`SlotTaken`."""
    barrier = threading.Barrier(2)
    results: dict[str, object] = {}

    def moving() -> None:
        barrier.wait()
        try:
            results["a"] = desk.move(a.db.calendars, a.profile, record, target, a.name)
        except SlotTaken as exc:
            results["a"] = exc

    def booking() -> None:
        barrier.wait()
        try:
            results["b"] = b.book(target, caller="Herr Kurz")
        except SlotTaken as exc:
            results["b"] = exc

    threads = [threading.Thread(target=moving), threading.Thread(target=booking)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(90)
    return results


def test_a_move_racing_another_seats_booking(seats: tuple[Seat, Seat]) -> None:
    """Seat A moves its appointment into a slot seat B books at the same moment: exactly
    one wins; a lost move leaves the event where it was and journals nothing."""
    a, b = seats
    monday = a_free_monday()
    for round_ in range(3):
        day = monday + dt.timedelta(days=round_)
        record = a.book(a.slot(day, 8)).record
        assert record is not None
        target = a.slot(day, 11)
        results = race_move_and_book(a, b, record, target)
        lost = [k for k, v in results.items() if isinstance(v, SlotTaken)]
        assert len(results) == 2 and len(lost) == 1, results
        held = events_held(a, day)
        rows = a.db.calendars.appointments("ROTH", uid=record.uid)
        if lost == ["a"]:
            outcome = results["b"]
            assert isinstance(outcome, desk.Outcome)
            assert held == [(record.uid, record.starts_at), (outcome.uid, target.start)]
            assert [r.state for r in rows] == [AppointmentState.BOOKED]
            alternatives = results["a"].alternatives  # type: ignore[attr-defined]
            assert alternatives and target not in alternatives
        else:
            assert held == [(record.uid, target.start)]
            assert [r.state for r in rows] == [AppointmentState.BOOKED, AppointmentState.MOVED]


@pytest.mark.expect_warnings  # the conflict of the pending booking is logged as a warning
def test_offline_bookings_are_journalled_flushed_or_in_conflict(
    radicale_server: CalDavServer, secret_service: str, tmp_path: Path
) -> None:
    url = radicale_server.new_calendar()
    a = open_seat(tmp_path / "a.sqlite3", url, "caldav", radicale_server, "seat-a")
    b = open_seat(tmp_path / "b.sqlite3", url, "caldav", radicale_server, "seat-b")
    store, monday = a.db.calendars, a_free_monday()
    try:
        online = a.book(a.slot(monday, 8), call_key="call-0").record
        assert online is not None
        radicale_server.stop()
        first = a.book(a.slot(monday, 9), call_key="call-1")
        second = a.book(a.slot(monday, 10), call_key="call-2")
        assert first.pending and second.pending and first.record and second.record
        assert [r.state for r in store.appointments("ROTH", call_keys=["call-1", "call-2"])] == [
            AppointmentState.PENDING,
            AppointmentState.PENDING,
        ]
        now = dt.datetime.now(dt.UTC)
        assert len(desk.upcoming(store, "ROTH", caller="Frau Meyer", now=now)) == 3
        before = store.appointments("ROTH")
        with pytest.raises(SourceUnreachable, match="nothing was changed"):
            desk.move(store, a.profile, online, a.slot(monday, 14), a.name)
        with pytest.raises(SourceUnreachable, match="nothing was changed"):
            desk.cancel(store, a.profile, online, a.name)
        with pytest.raises(UserError, match="still waits"):
            desk.cancel(store, a.profile, first.record, a.name)
        assert store.appointments("ROTH") == before

        radicale_server.start()
        b.book(b.slot(monday, 10), caller="Herr Schneller")
        assert desk.conflicts(store, "ROTH") == []
        desk.offer(store, a.profile, type_named(store, "ROTH", "Erstgespräch"), None,
                   a.slot(monday, 8).start, a.name)  # fmt: skip
        [written] = store.appointments("ROTH", call_keys=["call-1"])
        assert written.state is AppointmentState.BOOKED and written.id == first.record.id
        assert written.uid != first.uid and written.href
        assert (written.uid, written.starts_at) in events_held(a, monday)
        [conflict] = desk.conflicts(store, "ROTH")
        assert conflict.call_key == "call-2" and conflict.state is AppointmentState.CONFLICT
        assert "taken" in conflict.message or "Termin" in conflict.message
        assert desk.conflicts(store, None) == [conflict] and desk.conflicts(store, "KURZ") == []
        assert conflict not in desk.upcoming(store, "ROTH", now=now)
        seen = desk.acknowledge(store, conflict.id or 0)
        assert seen.acknowledged and desk.conflicts(store, None) == []
        with pytest.raises(UserError):
            desk.acknowledge(store, written.id or 0)
        # a written pending booking is an appointment like any other: it can be moved
        moved = desk.move(store, a.profile, written, a.slot(monday, 14), a.name)
        assert moved.uid == written.uid and moved.state is AppointmentState.MOVED
    finally:
        a.db.close()
        b.db.close()
