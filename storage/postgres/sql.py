"""The store's plain SQL, spoken to PostgreSQL: placeholders, ``IS``, new row ids.

The SQLite stores keep their SQL deliberately plain (see :mod:`storage.sqlite.migrations`),
so the PostgreSQL stores run the same statements through :class:`PgCursorAdapter`, which
translates the three things the dialects spell differently — ``?`` placeholders, ``IS ?``
(null-safe equality) and ``cursor.lastrowid`` — and nothing else. Everything that is more
than spelling (full-text search, bulk inserts, pragmas) is written out for PostgreSQL in
this package instead.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import psycopg

    from storage.postgres.session import PgSession

_IS_NOT = re.compile(r"\bIS NOT (?!NULL\b)(\?|[\w.]+)")
_IS = re.compile(r"\bIS (?!NOT\b|NULL\b|DISTINCT\b)(\?|[\w.]+)")
_INSERT = re.compile(r"^\s*INSERT INTO (\w+)", re.IGNORECASE)
# tables without an integer identity column (no new row id to return)
NO_ID_TABLES = frozenset(
    {
        "note_terms",
        "vorzimmer_schema",
        "calendar_sync_state",
        "calendar_items",
        "pending_bookings",
        "seat_states",
    }
)


@functools.lru_cache(maxsize=1024)
def translate(sql: str) -> tuple[str, bool]:
    """SQLite-spelt plain SQL → (PostgreSQL SQL, whether it returns the new row's id)."""
    text = sql.replace("%", "%%")
    text = _IS_NOT.sub(r"IS DISTINCT FROM \1", text)
    text = _IS.sub(r"IS NOT DISTINCT FROM \1", text)
    text = text.replace("?", "%s")
    insert = _INSERT.match(text)
    returns_id = bool(
        insert
        and insert.group(1) not in NO_ID_TABLES
        and "RETURNING" not in text.upper()
        and " SELECT " not in text.upper()
    )
    if returns_id:
        text += " RETURNING id"
    return text, returns_id


class PgCursor:
    """What the stores use of a sqlite3 cursor: rows, ``rowcount``, ``lastrowid``."""

    def __init__(self, cursor: psycopg.Cursor[Any], returns_id: bool) -> None:
        self._cursor = cursor
        self.rowcount = cursor.rowcount
        self.lastrowid: int | None = None
        if returns_id:
            row = cursor.fetchone()
            self.lastrowid = None if row is None else int(row[0])

    def fetchone(self) -> Any:
        return self._cursor.fetchone()

    def fetchall(self) -> list[Any]:
        return self._cursor.fetchall()

    def __iter__(self) -> Iterator[Any]:
        return iter(self._cursor.fetchall())


class PgCursorAdapter:
    """``execute`` / ``executemany`` on one psycopg connection, in the stores' SQL dialect.

    ``session`` maps a lost connection to :class:`~storage.errors.StoreUnavailable`.
    """

    def __init__(self, session: PgSession) -> None:
        self._session = session

    def execute(self, sql: str, params: Sequence[Any] = ()) -> PgCursor:
        text, returns_id = translate(sql)
        values = tuple(params)

        def run(raw: Any) -> PgCursor:
            cursor = raw.cursor()
            cursor.execute(text, values)
            return PgCursor(cursor, returns_id)

        return self._session.attempt(run, retry=not self._session.in_transaction)

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        text, _ = translate(sql)
        text = text.removesuffix(" RETURNING id")
        batch = [tuple(r) for r in rows]
        if not batch:
            return
        self._session.attempt(lambda raw: raw.cursor().executemany(text, batch))
