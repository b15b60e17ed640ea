"""What every SQLite store class shares: the database's one connection and its helpers."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator, Sequence
from typing import Any

from clients.errors import NotFound
from storage.sqlite.connection import SqliteConnection


class SqliteTables:
    """Base of the store classes: reads and writes through one :class:`SqliteConnection`."""

    def __init__(self, connection: SqliteConnection) -> None:
        self._c = connection

    @property
    def _conn(self) -> sqlite3.Connection:
        return self._c.conn

    @contextlib.contextmanager
    def _tx(self, table: str, *ids: int | None) -> Iterator[sqlite3.Connection]:
        """A write transaction that announces a change of ``table`` when it commits."""
        with self._c.transaction() as conn:
            self._c.changed(table, *ids)
            yield conn

    def _delete_row(self, table: str, row_id: int, announce: str) -> None:
        """Delete one row by id (tables here are ours, never user input)."""
        with self._tx(announce, row_id):
            self._conn.execute(f"DELETE FROM {table} WHERE id = ?", (row_id,))

    def _one(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self._c.one(sql, params)

    def _all(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        return self._c.all(sql, params)

    def _require(self, table: str, row_id: int, what: str) -> None:
        if self._one(f"SELECT 1 FROM {table} WHERE id = ?", (row_id,)) is None:
            raise NotFound(what, row_id)
