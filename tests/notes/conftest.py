"""Fixtures for the notes tests: a real SQLite store in the temporary home, two clients."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from appenv.paths import AppPaths
from clients.model import CallRecord, Client, Outcome, Staff
from notes.model import Note
from storage import Database, NotesStore, open_database
from storage.interfaces import ClientStore

BERLIN = ZoneInfo("Europe/Berlin")


def berlin(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=BERLIN)


@dataclass
class World:
    store: ClientStore
    notes: NotesStore
    a: Client  # Kanzlei, with staff
    b: Client  # Praxis
    db: Database

    def call(
        self,
        client: Client | None,
        at: dt.datetime,
        number: str = "030 1234567",
        outcome: Outcome = Outcome.ANSWERED,
        duration: float = 95.0,
        name: str = "",
    ) -> int:
        return self.store.record_call(
            CallRecord(
                client_id=None if client is None else client.id,
                caller_number=number,
                caller_name=name,
                started_at=at,
                answered_at=at if outcome is Outcome.ANSWERED else None,
                ended_at=at + dt.timedelta(seconds=duration),
                duration_s=duration,
                outcome=outcome,
            )
        )

    def note(self, client: Client | None, **kw: object) -> Note:
        values: dict[str, object] = {
            "client_id": None if client is None else client.id,
            "operator": "Frau Weber",
            "noted_at": berlin(2024, 5, 7, 10, 0),
        }
        values.update(kw)
        return self.notes.add_note(Note(**values))  # type: ignore[arg-type]


@pytest.fixture
def world(app_paths: AppPaths, db_location: Path | str) -> Iterator[World]:
    """Two clients on SQLite and on PostgreSQL (``db_location`` is parametrised)."""
    db = open_database(db_location, drafts=app_paths.drafts)
    store = db.clients
    a = store.add_client(Client(code="ROTH", name="Kanzlei Dr. Roth"))
    b = store.add_client(Client(code="PRAXIS", name="Praxis Yilmaz", language="en"))
    assert a.id is not None
    store.add_staff(Staff(client_id=a.id, name="Dr. Roth", role="Anwältin"))
    store.add_staff(Staff(client_id=a.id, name="Herr Fuchs"))
    yield World(store, db.notes, a, b, db)
    db.close()
