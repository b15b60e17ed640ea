"""The database keeps calendar sources, appointment types, pending bookings and sync
caches (saved incrementally)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import replace as dt_replace
from pathlib import Path

import pytest

from calendar_sync.pending import BOOKED, PendingBooking
from calendar_sync.registry import CalendarSource
from calendar_sync.slots import AppointmentType
from calendar_sync.sync_cache import CachedItem, CalendarCache
from clients.model import Client
from storage import open_database
from storage.interfaces import CalendarStore


@pytest.fixture
def store(db_location: Path | str) -> Iterator[CalendarStore]:
    """The calendar store on SQLite and on PostgreSQL (``db_location`` is parametrised)."""
    db = open_database(db_location)
    db.clients.add_client(Client(code="ROTH", name="Praxis Dr. Roth"))
    try:
        yield db.calendars
    finally:
        db.close()


def test_sources_and_types(store: CalendarStore) -> None:
    a = CalendarSource("ROTH", "https://dav.example/roth/", "caldav", "Dr. Roth", "roth")
    b = CalendarSource("ROTH", "https://feeds.example/ferien.ics", "feed")
    store.add_source(a)
    store.add_source(b)
    store.add_source(CalendarSource("ROTH", a.url, "caldav", "Dr. Roth", "roth", False))
    changed = CalendarSource("ROTH", a.url, "caldav", "Dr. Roth", "roth", False)
    assert sorted(store.sources("ROTH"), key=lambda s: s.url) == [changed, b]
    assert store.sources("OTHER") == []
    kind = AppointmentType("Erstgespräch", 60, 5, 10, 120, 30, 30, 2, ("Dr. Roth",))
    store.put_type("ROTH", kind)
    store.put_type("ROTH", AppointmentType("Kurz", 15))
    store.put_type("ROTH", AppointmentType("Kurz", 20))
    assert sorted(store.types("ROTH"), key=lambda k: k.name) == [kind, AppointmentType("Kurz", 20)]


def test_pending_bookings(store: CalendarStore) -> None:
    start = dt.datetime(2027, 1, 11, 8, 0, tzinfo=dt.UTC)
    entry = PendingBooking(
        "u1@vorzimmer", "ROTH", "https://dav.example/roth/", "Dr. Roth",
        AppointmentType("Kurz", 15), start, start + dt.timedelta(minutes=15), "Kurz: Frau Meyer",
        "Frau Meyer", "+49301234567",
    )  # fmt: skip
    store.add_pending(entry)
    assert store.pending() == [entry]
    done = PendingBooking(**{**entry.__dict__, "state": BOOKED, "message": "x@vorzimmer"})
    store.update_pending(done)
    assert store.pending() == [done]


def test_cache_saved_incrementally(store: CalendarStore) -> None:
    url = "https://dav.example/roth/"
    cache = CalendarCache(url, "tok-1", dt.datetime(2027, 1, 1, tzinfo=dt.UTC))
    cache.items = {
        f"{url}{i}.ics": CachedItem(f'"{i}"', f"BEGIN:VCALENDAR {i}".encode()) for i in range(3)
    }
    store.save_cache(cache)
    loaded = store.load_cache(url)
    assert (loaded.token, loaded.synced_at, loaded.items) == (
        cache.token,
        cache.synced_at,
        cache.items,
    )
    del loaded.items[f"{url}0.ics"]
    loaded.items[f"{url}1.ics"] = CachedItem('"1b"', b"BEGIN:VCALENDAR 1b")
    loaded.unsaved.update({f"{url}0.ics", f"{url}1.ics"})
    loaded.token = "tok-2"
    store.save_cache(loaded)
    again = store.load_cache(url)
    assert again.token == "tok-2" and again.items == loaded.items
    assert store.load_cache("https://other.example/").items == {}


def test_a_deleted_client_takes_its_calendars_along(tmp_path: Path) -> None:
    with open_database(tmp_path / "db.sqlite3") as db:
        client = db.clients.add_client(Client(code="ROTH", name="Praxis Dr. Roth"))
        db.calendars.add_source(CalendarSource("ROTH", "https://dav.example/roth/"))
        db.calendars.put_type("ROTH", AppointmentType("Kurz", 15))
        assert client.id is not None
        db.clients.delete_client(client.id)
        assert db.calendars.sources() == [] and db.calendars.types("ROTH") == []


def test_appointments_journal(db_location: Path | str) -> None:
    """Rows come back as written, are narrowed by client, UID, calls, states and time, and
    every write is announced with its row id; another client's rows never show."""
    from calendar_sync.journal import AppointmentRecord, AppointmentState, current
    from storage.changes import APPOINTMENTS, Changes

    with open_database(db_location) as db:
        db.clients.add_client(Client(code="ROTH", name="Praxis Dr. Roth"))
        db.clients.add_client(Client(code="KURZ", name="Kanzlei Kurz"))
        heard: list[Changes] = []
        db.changes.subscribe(heard.append)
        store = db.calendars
        start = dt.datetime(2027, 1, 12, 8, 30, tzinfo=dt.UTC)
        first = AppointmentRecord(
            client="ROTH", call_key="call-1", uid="u1@vorzimmer", url="https://dav/roth/",
            href="/roth/a.ics", staff="Dr. Roth", kind="Erstgespräch", starts_at=start,
            ends_at=start + dt.timedelta(minutes=30), caller="Frau Meyer",
            phone="030 1234567", email="meyer@example.com", operator="Anna", seat="A",
        )  # fmt: skip
        booked = store.add_appointment(first)
        assert booked.id is not None and booked.created_at is not None
        assert heard[-1].ids[APPOINTMENTS] == frozenset({booked.id})
        assert store.get_appointment(booked.id) == booked
        later = start + dt.timedelta(days=1)
        move = dt_replace(
            booked, id=None, call_key="call-2", state=AppointmentState.MOVED,
            starts_at=later, ends_at=later + dt.timedelta(minutes=30), previous_start=start,
        )  # fmt: skip
        moved = store.add_appointment(move)
        theirs = AppointmentRecord(
            client="KURZ", uid="k1@vorzimmer", starts_at=start, ends_at=start,
            state=AppointmentState.CONFLICT, message="taken",
        )  # fmt: skip
        other = store.add_appointment(theirs)
        assert [r.id for r in store.appointments("ROTH")] == [booked.id, moved.id]
        assert [r.id for r in store.appointments("KURZ")] == [other.id]
        assert [r.id for r in store.appointments(None)] == [booked.id, moved.id, other.id]
        assert store.appointments("ROTH", call_keys=["call-2"]) == [moved]
        assert store.appointments("ROTH", call_keys=[]) == []
        assert store.appointments("ROTH", uid="k1@vorzimmer") == []
        states = [AppointmentState.CONFLICT]
        assert store.appointments(None, states=states) == [other]
        assert store.appointments("ROTH", ending_after=later) == [moved]
        assert current(store.appointments("ROTH")) == [moved]
        assert store.appointments("ROTH", phone="+49 30 1234567") == [booked, moved]
        assert store.appointments("ROTH", caller=" frau   MEYER") == [booked, moved]
        assert store.appointments("ROTH", phone="030 7654321", caller="Frau Meyer") == [
            booked,
            moved,
        ]  # either one matching is enough
        assert store.appointments("ROTH", phone="030 7654321") == []
        assert store.appointments("ROTH", phone="no number") == []
        assert store.appointments("KURZ", phone="030 1234567") == []
        assert moved.previous_start == start and moved.state is AppointmentState.MOVED

        seen = store.update_appointment(dt_replace(other, acknowledged=True))
        assert store.get_appointment(other.id or 0) == seen and seen.acknowledged
        assert heard[-1].ids[APPOINTMENTS] == frozenset({other.id})
