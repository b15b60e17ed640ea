"""The data layer: one :class:`Database`, opened once, hands out the stores.

``open_database(path)`` is the only way to get a store; code depends on the interfaces of
:mod:`storage.interfaces` and never names a concrete class. The SQLite implementation
(dialect-specific SQL included) lives in :mod:`storage.sqlite`, the office database on
PostgreSQL (``postgresql://`` URLs; LISTEN/NOTIFY between seats, a call-log spool through
outages) in :mod:`storage.postgres`. Writes announce what they changed
(:mod:`storage.changes`); a database that cannot be opened raises one of
:mod:`storage.errors` (``UserError``\\s).
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
    "database_location",
    "is_office_url",
    "open_app_database",
    "open_database",
    "use_database",
]


_url_override: str | None = None


def use_database(url: str | None) -> None:
    """Make :func:`open_app_database` open ``url`` (``--database`` on the command line)
    instead of the configured database; ``None``: back to the configuration."""
    global _url_override
    _url_override = url


def is_office_url(location: object) -> bool:
    """Whether ``location`` names a PostgreSQL office database rather than a SQLite file."""
    return isinstance(location, str) and location.startswith(("postgresql://", "postgres://"))


def open_database(
    path: Path | str | None,
    *,
    drafts: Path | None = None,
    busy_timeout: float = 10.0,
    spool: Path | None = None,
    password: str | None = None,
) -> Database:
    """Open (creating and migrating as needed) the database at ``path``: a SQLite file, or
    a ``postgresql://`` URL (the office database; ``password`` if the URL holds none,
    ``spool`` the folder that keeps call-log writes through an outage). ``None`` or
    ``":memory:"``: a private in-memory database (tests). ``drafts``: the seat's drafts
    folder for the notes store. Raises :class:`StoreUnavailable` when it cannot be used."""
    if is_office_url(path):
        from storage.postgres.database import PgDatabase

        return PgDatabase(str(path), drafts=drafts, spool=spool, password=password)
    from storage.sqlite.database import SqliteDatabase

    where = None if path is None or str(path) == ":memory:" else Path(path)
    return SqliteDatabase(where, drafts=drafts, busy_timeout=busy_timeout)


def database_location(paths: AppPaths) -> Path | str:
    """Where the app's database is: ``--database``, else the setting, else the seat's file."""
    if _url_override:
        return _url_override
    from appenv.settings import DATABASE_URL, Settings

    configured = str(Settings(paths.settings_file).get(DATABASE_URL.key) or "").strip()
    if is_office_url(configured):
        from storage.postgres.session import refuse_password_on_disk

        refuse_password_on_disk(configured, paths.settings_file)
    return configured or paths.database


def open_app_database(paths: AppPaths, *, busy_timeout: float = 10.0) -> Database:
    """The app's database (its file in the home folder, or the office database), with the
    seat's drafts; an office database's password comes from the keyring."""
    location = database_location(paths)
    if is_office_url(location):
        from storage.postgres.session import keyring_password

        return open_database(
            location,
            drafts=paths.drafts,
            spool=paths.home / "spool",
            password=keyring_password(str(location)),
        )
    return open_database(location, drafts=paths.drafts, busy_timeout=busy_timeout)
