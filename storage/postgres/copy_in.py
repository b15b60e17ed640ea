"""One seat's SQLite data into the office database, verified row by row, in one transaction.

``vorzimmer migrate --to postgresql://…`` runs :func:`copy_to_office`: the seat's file is
migrated to the latest schema first (with its usual backup), then every table is copied
with ``COPY`` in the order its foreign keys allow (ids kept, so every reference stays
right), the full-text vectors are built from the same words, and each table is checked —
row count and a SHA-256 over its rows, read back from both sides. Only if every table
matches does the one transaction commit; any failure (a refused row, a lost link, a
mismatch) leaves the office database exactly as it was, so the command can simply be run
again. A target that already holds data is refused unless ``replace`` is given.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg

from appenv.errors import UserError
from storage.changes import ChangeHub
from storage.postgres import search
from storage.postgres.migrations import TABLES
from storage.postgres.notify import EVERYTHING, notify_statements
from storage.postgres.session import WRITER_LOCK, PgSession, redacted
from storage.postgres.stores import bump_sequence

#: (table, rows copied so far, rows in the table) — called every few thousand rows
Progress = Callable[[str, int, int], None]

_NO_ID = frozenset(
    {"note_terms", "calendar_sync_state", "calendar_items", "pending_bookings", "seat_states"}
)
_VECTORS: dict[str, tuple[Callable[..., str], tuple[str, ...]]] = {
    "callers": (search.caller_vector, ("name", "company", "notes", "numbers_text")),
    "notes": (
        search.note_vector,
        ("caller_name", "caller_company", "numbers_text", "subject", "message", "for_whom"),
    ),
}
_PROGRESS_EVERY = 5000


class TargetNotEmpty(UserError):
    def __init__(self, url: str, rows: int) -> None:
        super().__init__(
            f"The office database {redacted(url)} already holds data ({rows} rows). Nothing "
            "was copied. Use --replace to overwrite it with this seat's data.",
            detail=f"{rows} rows in the target",
        )


class CopyRefused(UserError):
    def __init__(self, table: str, detail: str) -> None:
        super().__init__(
            f"The office database refused a row of the table {table}; nothing was copied. "
            f"The seat's file may hold a damaged value there ({detail.splitlines()[0]}).",
            detail=detail,
        )


class CopyMismatch(UserError):
    def __init__(self, table: str, detail: str) -> None:
        super().__init__(
            f"The copy of the table {table} did not match the seat's data; nothing was "
            "copied. Please report this (the log has the details).",
            detail=detail,
        )


@dataclass(frozen=True)
class TableCheck:
    """What was verified of one table: its row count and the checksum of its rows."""

    table: str
    rows: int
    checksum: str


def _normal(value: Any) -> str:
    """One value as both databases give it back, for the checksum."""
    if isinstance(value, bool):
        value = int(value)
    if isinstance(value, float):
        return f"f{value!r}"
    if isinstance(value, int):
        return f"i{value}"
    if isinstance(value, bytes | memoryview):
        return "b" + bytes(value).hex()
    if value is None:
        return "n"
    return "s" + str(value)


def checksum(rows: Iterable[Iterable[Any]]) -> tuple[int, str]:
    """(count, SHA-256) of rows in the order given."""
    digest = hashlib.sha256()
    count = 0
    for row in rows:
        digest.update("\x1f".join(_normal(v) for v in row).encode("utf-8", "surrogatepass"))
        digest.update(b"\x1e")
        count += 1
    return count, digest.hexdigest()


def _ordered(table: str, columns: list[str]) -> str:
    cols = ", ".join(columns)
    return f"SELECT {cols} FROM {table}" + ("" if table in _NO_ID else " ORDER BY id")


def _rows_sorted(table: str, rows: Iterable[tuple[Any, ...]]) -> Iterable[tuple[Any, ...]]:
    """Rows in one order on both sides: by id, or (no id) sorted here (collations differ)."""
    if table in _NO_ID:
        return sorted(rows, key=lambda r: tuple(_normal(v) for v in r))
    return rows


def _source_columns(src: sqlite3.Connection, table: str) -> list[str]:
    return [r[1] for r in src.execute(f"PRAGMA table_info({table})")]


def _stream(cursor: sqlite3.Cursor) -> Iterator[tuple[Any, ...]]:
    while batch := cursor.fetchmany(2000):
        yield from batch


def copy_to_office(
    source: Path,
    url: str,
    *,
    password: str | None = None,
    replace: bool = False,
    progress: Progress | None = None,
) -> list[TableCheck]:
    """Copy the seat database ``source`` into the office database ``url`` (see above)."""
    from storage import open_database

    open_database(source).close()  # the latest schema first (backs the file up if older)
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    session = PgSession(url, ChangeHub(), password=password)
    try:
        with session.guard() as raw, raw.transaction():
            raw.execute("SELECT pg_advisory_xact_lock(%s)", (WRITER_LOCK,))
            held = sum(int(raw.execute(f"SELECT count(*) FROM {t}").fetchone()[0]) for t in TABLES)
            if held and not replace:
                raise TargetNotEmpty(url, held)
            if held:
                raw.execute(f"TRUNCATE {', '.join(TABLES)} RESTART IDENTITY CASCADE")
            checks = []
            for table in TABLES:
                try:
                    checks.append(_copy_table(src, raw, table, progress))
                except (psycopg.DataError, psycopg.IntegrityError) as exc:
                    raise CopyRefused(table, f"{type(exc).__name__}: {exc}") from exc
            for statement, params in notify_statements(session.sender, EVERYTHING):
                raw.execute(statement, params)
        return checks
    finally:
        session.close()
        src.close()


def _copy_table(
    src: sqlite3.Connection, raw: Any, table: str, progress: Progress | None
) -> TableCheck:
    columns = _source_columns(src, table)
    total = int(src.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    vector = _VECTORS.get(table)
    picks = [columns.index(c) for c in vector[1]] if vector else []
    target_columns = columns + (["search"] if vector else [])
    done = 0
    if progress is not None:
        progress(table, 0, total)
    with raw.cursor().copy(f"COPY {table} ({', '.join(target_columns)}) FROM STDIN") as copy:
        for row in _stream(src.execute(f"SELECT {', '.join(columns)} FROM {table}")):
            if vector:
                row = (*row, vector[0](*(row[i] or "" for i in picks)))
            copy.write_row(row)
            done += 1
            if progress is not None and done % _PROGRESS_EVERY == 0:
                progress(table, done, total)
    if table not in _NO_ID:
        bump_sequence(raw, table)
    mine = checksum(_rows_sorted(table, _stream(src.execute(_ordered(table, columns)))))
    with raw.cursor(name=f"verify_{table}") as cursor:  # server-side: streamed, not loaded
        cursor.itersize = 5000
        cursor.execute(_ordered(table, columns))
        theirs = checksum(_rows_sorted(table, cursor))
    if mine != theirs:
        raise CopyMismatch(table, f"{table}: seat {mine}, office {theirs}")
    if progress is not None:
        progress(table, done, total)
    return TableCheck(table, mine[0], mine[1])
