"""Call notes in SQLite: saving (with the audit trail), reading, the report's queries.

Every write runs on the database's one connection (:mod:`storage.sqlite.connection`)
and announces a change of ``notes``; search is in :mod:`storage.sqlite.note_search`.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from appenv.times import from_db, to_db
from clients.errors import NotFound, StoreError
from notes.model import CONTENT_FIELDS, Note, NoteChange, NoteConflict, NoteExists
from storage.changes import NOTES
from storage.sqlite.connection import SqliteConnection
from storage.sqlite.note_rows import (
    COLS,
    INSERT_COLS,
    N_COLS,
    audit_text,
    big_cache,
    note_row,
    note_values,
    searchable,
)
from storage.sqlite.note_search import SqliteNoteSearch

if TYPE_CHECKING:
    from notes.drafts import DraftBox


class SqliteNotesStore(SqliteNoteSearch):
    """Implements :class:`storage.interfaces.NotesStore` on the database's connection."""

    def __init__(self, connection: SqliteConnection, drafts: DraftBox | None = None) -> None:
        super().__init__(connection)
        self.drafts = drafts

    def _check_refs(self, conn: sqlite3.Connection, note: Note, call_changed: bool = True) -> None:
        for table, value, what in (
            ("clients", note.client_id, "client"),
            ("calls", note.call_id, "call"),
            ("callers", note.caller_id, "caller"),
            ("staff", note.for_staff_id, "staff member"),
        ):
            if (
                value is not None
                and not conn.execute(f"SELECT 1 FROM {table} WHERE id = ?", (value,)).fetchone()
            ):
                raise NotFound(what, value)
        for table, value, what in (
            ("staff", note.for_staff_id, "staff member"),
            ("callers", note.caller_id, "caller"),
        ):
            if value is None:
                continue
            owner = conn.execute(f"SELECT client_id FROM {table} WHERE id = ?", (value,)).fetchone()
            if owner[0] is not None and owner[0] != note.client_id:
                raise StoreError(f"The {what} {value} belongs to another client.")
        if note.call_id is not None and call_changed:
            owner = conn.execute(
                "SELECT client_id FROM calls WHERE id = ?", (note.call_id,)
            ).fetchone()[0]
            if owner is not None and owner != note.client_id:
                raise StoreError(
                    f"Call {note.call_id} belongs to another client; its note cannot be "
                    "filed for this one."
                )
            row = conn.execute(
                "SELECT id FROM notes WHERE call_id = ? AND id IS NOT ?", (note.call_id, note.id)
            ).fetchone()
            if row is not None:
                raise NoteExists(note.call_id, row[0])

    def add_note(self, note: Note) -> Note:
        """Store a new note (revision 1). Saving the same draft twice returns the first note."""
        now = dt.datetime.now(dt.UTC)
        with self._tx(NOTES) as conn:
            if note.draft_key is not None:
                existing = self.note_by_draft(note.draft_key)
                if existing is not None:
                    return existing
            self._check_refs(conn, replace(note, id=None))
            cur = conn.execute(
                f"INSERT INTO notes ({INSERT_COLS}) VALUES ({','.join('?' * 25)})",
                note_values(note, to_db(now), None),
            )
            note_id = cur.lastrowid
            self._index(conn, note_id, note_id)
            self._remember_terms(conn, searchable(note))
        assert note_id is not None
        found = self.get_note(note_id)
        assert found is not None
        return found

    def add_notes(self, notes: Iterable[Note]) -> int:
        """Bulk insert (imports, benchmarks) in one transaction; references are not checked
        one by one — a wrong id fails the foreign key and nothing is inserted."""
        now = to_db(dt.datetime.now(dt.UTC))
        count = 0
        with self._tx(NOTES) as conn, big_cache(conn):
            next_id = int(conn.execute("SELECT coalesce(max(id), 0) FROM notes").fetchone()[0]) + 1
            batch: list[tuple[Any, ...]] = []
            texts: set[str] = set()
            for note in notes:
                batch.append(note_values(note, now, next_id))
                texts.update(searchable(note))
                next_id += 1
                count += 1
                if len(batch) >= 10_000:
                    self._flush(conn, batch)
                    self._remember_terms(conn, texts)
                    texts.clear()
            self._flush(conn, batch)
            self._remember_terms(conn, texts)
        return count

    def _flush(self, conn: sqlite3.Connection, batch: list[tuple[Any, ...]]) -> None:
        if not batch:
            return
        conn.executemany(f"INSERT INTO notes ({INSERT_COLS}) VALUES ({','.join('?' * 25)})", batch)
        self._index(conn, batch[0][-1], batch[-1][-1])
        batch.clear()

    def _index(self, conn: sqlite3.Connection, first: int | None, last: int | None) -> None:
        conn.execute(
            "INSERT INTO notes_fts (rowid, scope, caller_name, caller_company, numbers_text, "
            "subject, message, for_whom) SELECT id, scope, caller_name, caller_company, "
            "numbers_text, subject, message, for_whom FROM notes_fts_source "
            "WHERE id BETWEEN ? AND ?",
            (first, last),
        )

    def update_note(self, note: Note, by: str) -> Note:
        """Save a changed note; every changed field goes to the audit trail.

        ``note.revision`` must be the revision the edit started from, else
        :class:`NoteConflict` (another seat saved meanwhile). Unchanged: returned as stored.
        """
        if note.id is None:
            raise NotFound("note", None)
        if not by.strip():
            raise ValueError("who changed the note must be known")
        now = dt.datetime.now(dt.UTC)
        with self._tx(NOTES) as conn:
            current = self.get_note(note.id)
            if current is None:
                raise NotFound("note", note.id)
            if note.revision != current.revision:
                raise NoteConflict(note.id, note.revision, current.revision)
            old, new = current.content(), note.content()
            changed = [name for name in CONTENT_FIELDS if old[name] != new[name]]
            if not changed:
                return current
            self._check_refs(conn, note, "call_id" in changed or "client_id" in changed)
            revision = current.revision + 1
            values = note_values(note, to_db(now), None)
            conn.execute(
                "UPDATE notes SET client_id=?, call_id=?, caller_id=?, caller_number=?, "
                "caller_name=?, caller_company=?, callback_number=?, subject=?, message=?, "
                "urgency=?, for_staff_id=?, for_whom=?, action=?, wrong_number=?, channel=?, "
                "appointment=?, noted_at=?, updated_at=?, updated_by=?, revision=?, "
                "numbers_text=? WHERE id=?",
                (
                    *values[:16],
                    values[17],
                    to_db(now),
                    by,
                    revision,
                    values[23],
                    note.id,
                ),
            )
            self._remember_terms(conn, searchable(note))
            conn.executemany(
                "INSERT INTO note_changes (note_id, revision, changed_at, changed_by, field, "
                "old_value, new_value) VALUES (?,?,?,?,?,?,?)",
                [
                    (
                        note.id,
                        revision,
                        to_db(now),
                        by,
                        name,
                        audit_text(old[name]),
                        audit_text(new[name]),
                    )
                    for name in changed
                ],
            )
        found = self.get_note(note.id)
        assert found is not None
        return found

    def get_note(self, note_id: int) -> Note | None:
        with self._c.reading() as conn:
            row = conn.execute(f"SELECT {COLS} FROM notes WHERE id = ?", (note_id,)).fetchone()
        return note_row(row) if row else None

    def note_by_draft(self, draft_key: str) -> Note | None:
        with self._c.reading() as conn:
            row = conn.execute(
                f"SELECT {COLS} FROM notes WHERE draft_key = ?", (draft_key,)
            ).fetchone()
        return note_row(row) if row else None

    def note_for_call(self, call_id: int) -> Note | None:
        with self._c.reading() as conn:
            row = conn.execute(f"SELECT {COLS} FROM notes WHERE call_id = ?", (call_id,)).fetchone()
        return note_row(row) if row else None

    def notes_for_calls(self, call_ids: Sequence[int]) -> dict[int, Note]:
        found: dict[int, Note] = {}
        ids = list(call_ids)
        with self._c.reading() as conn:
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                marks = ",".join("?" * len(chunk))
                for row in conn.execute(
                    f"SELECT {COLS} FROM notes WHERE call_id IN ({marks})", chunk
                ):
                    note = note_row(row)
                    assert note.call_id is not None
                    found[note.call_id] = note
        return found

    def loose_notes(self, client_id: int, start: dt.datetime, end: dt.datetime) -> list[Note]:
        """Notes of the client with ``noted_at`` in ``[start, end)`` that are not attached to
        one of the client's calls (walk-ins, e-mails, a call since moved to another client)."""
        with self._c.reading() as conn:
            rows = conn.execute(
                f"SELECT {N_COLS} FROM notes n LEFT JOIN calls c ON c.id = n.call_id "
                "WHERE n.client_id = ? AND n.noted_at >= ? AND n.noted_at < ? "
                "AND (n.call_id IS NULL OR c.client_id IS NOT n.client_id) "
                "ORDER BY n.noted_at, n.id",
                (client_id, to_db(start), to_db(end)),
            ).fetchall()
        return [note_row(r) for r in rows]

    def history(self, note_id: int) -> list[NoteChange]:
        """Every recorded change of the note, oldest first."""
        with self._c.reading() as conn:
            rows = conn.execute(
                "SELECT note_id, revision, changed_at, changed_by, field, old_value, new_value "
                "FROM note_changes WHERE note_id = ? ORDER BY revision, id",
                (note_id,),
            ).fetchall()
        return [NoteChange(r[0], r[1], from_db(r[2]), r[3], r[4], r[5], r[6]) for r in rows]
