"""The calendar tables on PostgreSQL: the SQLite store's plain SQL (upserts included)."""

from __future__ import annotations

from storage.postgres.session import PgSession
from storage.postgres.stores import as_connection
from storage.sqlite.calendar_store import SqliteCalendarStore


class PgCalendarStore(SqliteCalendarStore):
    """Implements :class:`storage.interfaces.CalendarStore`."""

    def __init__(self, session: PgSession) -> None:
        super().__init__(as_connection(session))
