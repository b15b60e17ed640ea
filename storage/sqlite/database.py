"""One SQLite database file and the stores on it (see :class:`storage.interfaces.Database`)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from notes.drafts import DraftBox
from storage.changes import ChangeHub
from storage.interfaces import (
    CalendarStore,
    CallLog,
    ClientStore,
    Database,
    DeliveryStore,
    NotesStore,
    OfficeLog,
    OperatorStore,
    SeatStore,
)
from storage.sqlite.client_store import SqliteClientStore
from storage.sqlite.connection import SqliteConnection
from storage.sqlite.delivery import SqliteDeliveryStore
from storage.sqlite.notes import SqliteNotesStore
from storage.sqlite.office_store import SqliteOfficeStore


class SqliteDatabase:
    """Opened once per process; every store shares its one connection (one writer)."""

    def __init__(
        self,
        path: Path | None,
        *,
        drafts: Path | None = None,
        busy_timeout: float = 10.0,
        changes: ChangeHub | None = None,
    ) -> None:
        self.path = path
        self.office = False
        self.changes = changes or ChangeHub()
        self._busy_timeout = busy_timeout
        self._drafts = drafts
        self._connection = SqliteConnection(path, self.changes, busy_timeout=busy_timeout)
        store = SqliteClientStore(self._connection)
        self.clients: ClientStore = store
        self.calls: CallLog = store
        self.notes: NotesStore = SqliteNotesStore(
            self._connection, DraftBox(drafts) if drafts is not None else None
        )
        self.deliveries: DeliveryStore = SqliteDeliveryStore(self._connection)
        office = SqliteOfficeStore(self._connection)
        self.operators: OperatorStore = office
        self.seats: SeatStore = office
        self._calendars: CalendarStore | None = None
        self._office_log: OfficeLog | None = None

    @property
    def calendars(self) -> CalendarStore:
        if self._calendars is None:
            from storage.sqlite.calendar_store import SqliteCalendarStore

            self._calendars = SqliteCalendarStore(self._connection)
        return self._calendars

    @property
    def office_log(self) -> OfficeLog:
        if self._office_log is None:
            from storage.sqlite.office_log import SqliteOfficeLog

            self._office_log = SqliteOfficeLog(self._connection)
        return self._office_log

    @property
    def schema_version(self) -> int:
        return self._connection.schema_version

    @contextlib.contextmanager
    def background(self) -> Iterator[Database]:
        """A second connection to the same file for one long background task (an import),
        closed after it: the GUI keeps reading meanwhile (WAL) instead of waiting on this
        connection's lock. Its writes announce their changes here as well. In memory: this
        database itself."""
        if self.path is None:
            yield self
            return
        other = SqliteDatabase(
            self.path, drafts=self._drafts, busy_timeout=self._busy_timeout, changes=self.changes
        )
        try:
            yield other
        finally:
            other.close()

    def close(self) -> None:
        self._connection.close()

    def __enter__(self) -> SqliteDatabase:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
