"""The data layer: one :class:`Database`, opened once, hands out the stores.

``open_database(path)`` is the only way to get a store; code depends on the interfaces of
:mod:`storage.interfaces` and never names a concrete class. The SQLite implementation
(dialect-specific SQL included) lives in :mod:`storage.sqlite`; a PostgreSQL one can
stand beside it. Writes announce what they changed (:mod:`storage.changes`); a database
that cannot be opened raises one of :mod:`storage.errors` (``UserError``\\s).
"""

from __future__ import annotations

from pathlib import Path

from appenv.paths import AppPaths
from storage.changes import Changes
from storage.errors import (
    DiskFull,
    NotADatabase,
    SchemaTooNew,
    StoreLocked,
    StoreReadOnly,
    StoreUnavailable,
)
from storage.interfaces import CallLog, ClientStore, Database, DeliveryStore, NotesStore

__all__ = [
    "CallLog",
    "Changes",
    "ClientStore",
    "Database",
    "DeliveryStore",
    "DiskFull",
    "NotADatabase",
    "NotesStore",
    "SchemaTooNew",
    "StoreLocked",
    "StoreReadOnly",
    "StoreUnavailable",
    "open_app_database",
    "open_database",
]


def open_database(
    path: Path | str | None, *, drafts: Path | None = None, busy_timeout: float = 10.0
) -> Database:
    """Open (creating and migrating as needed) the database at ``path``; ``None`` or
    ``":memory:"``: a private in-memory database (tests). ``drafts``: the seat's drafts
    folder for the notes store. Raises :class:`StoreUnavailable` when it cannot be used."""
    from storage.sqlite.database import SqliteDatabase

    where = None if path is None or str(path) == ":memory:" else Path(path)
    return SqliteDatabase(where, drafts=drafts, busy_timeout=busy_timeout)


def open_app_database(paths: AppPaths, *, busy_timeout: float = 10.0) -> Database:
    """The app's database in its home folder, with the seat's drafts."""
    return open_database(paths.database, drafts=paths.drafts, busy_timeout=busy_timeout)
