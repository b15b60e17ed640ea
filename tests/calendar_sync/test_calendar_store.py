"""The database keeps calendar sources, appointment types, pending bookings and sync
caches (saved incrementally)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
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
