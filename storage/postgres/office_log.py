"""The office's log for the figures on PostgreSQL: the SQLite store's SQL."""

from __future__ import annotations

from storage.postgres.session import PgSession
from storage.postgres.stores import as_connection
from storage.sqlite.office_log import SqliteOfficeLog


class PgOfficeLog(SqliteOfficeLog):
    """Implements :class:`storage.interfaces.OfficeLog`."""

    def __init__(self, session: PgSession) -> None:
        super().__init__(as_connection(session))
