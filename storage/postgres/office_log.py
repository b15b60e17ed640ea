"""The office's log for the figures on PostgreSQL: the SQLite store's SQL, PostgreSQL's
catalogue for the columns a table has."""

from __future__ import annotations

from storage.postgres.session import PgSession
from storage.postgres.stores import as_connection
from storage.sqlite.office_log import SqliteOfficeLog


class PgOfficeLog(SqliteOfficeLog):
    """Implements :class:`storage.interfaces.OfficeLog`."""

    def __init__(self, session: PgSession) -> None:
        super().__init__(as_connection(session))

    def _columns(self, table: str) -> set[str]:
        rows = self._all(
            "SELECT column_name FROM information_schema.columns "
            "WHERE table_schema = current_schema() AND table_name = ?",
            (table,),
        )
        return {str(r[0]) for r in rows}
