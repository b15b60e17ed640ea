"""The store classes on PostgreSQL: the SQLite stores' plain SQL, PostgreSQL's own search.

Each class reuses its SQLite counterpart's logic (validation, audit trail, idempotency,
the plain SQL run through :class:`storage.postgres.sql.PgCursorAdapter`) and replaces
what is dialect-specific: the full-text index (a ``search`` tsvector written by the store
instead of FTS5 tables and triggers), bulk inserts (``COPY``), search queries, and the
second connection of :meth:`background`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from typing import TYPE_CHECKING, Any, cast

from appenv.times import to_db
from clients.errors import NotFound, NumberTaken
from clients.model import Caller
from notes.model import Note, NoteQuery
from storage.changes import CALLERS, NOTES
from storage.errors import StoreUnavailable
from storage.interfaces import ClientStore
from storage.postgres import search
from storage.postgres.session import PgSession
from storage.sqlite.client_store import SqliteClientStore
from storage.sqlite.delivery import SqliteDeliveryStore
from storage.sqlite.note_rows import N_COLS, note_row, note_values, searchable
from storage.sqlite.notes import SqliteNotesStore
from storage.sqlite.office_store import SqliteOfficeStore
from storage.sqlite.rows import SHARED_SCOPE, number_key, numbers_text

if TYPE_CHECKING:
    from notes.drafts import DraftBox
    from storage.sqlite.connection import SqliteConnection

_CALLER_COPY = (
    "COPY callers (id, client_id, name, company, salutation, notes, vip, blocked, "
    "numbers_text, search) FROM STDIN"
)
_NOTE_COLS = (
    "client_id, call_id, caller_id, caller_number, caller_name, caller_company, "
    "callback_number, subject, message, urgency, for_staff_id, for_whom, action, wrong_number, "
    "channel, appointment, operator, noted_at, created_at, updated_at, updated_by, revision, "
    "draft_key, numbers_text, id"
)


#: An unanswered office call older than this rings nowhere any more (tm gives up at 60 s).
STALE_RINGING = dt.timedelta(minutes=30)


def as_connection(session: PgSession) -> SqliteConnection:
    """The session where the shared store code expects a connection: it offers the same
    members (``transaction``, ``changed``, ``one``, ``all``, ``reading``, ``lock``)."""
    return cast("SqliteConnection", session)


def bump_sequence(conn: Any, table: str) -> None:
    """After rows were written with explicit ids: new rows get ids above them."""
    conn.execute(
        f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
        f"(SELECT coalesce(max(id), 0) + 1 FROM {table}), false)"
    )


class PgClientStore(SqliteClientStore):
    """Implements :class:`storage.interfaces.ClientStore` (and its call log)."""

    def __init__(self, session: PgSession) -> None:
        super().__init__(as_connection(session))
        self._pg = session

    def close_interrupted(self, now: dt.datetime, seat: str = "") -> int:
        """The calls a crash of ``seat`` left open: those it answered or dialled, and
        unanswered ones older than :data:`STALE_RINGING` (no seat is ringing them any more).
        A call another seat still handles, or one ringing at the other seats, stays open.
        ``seat`` empty: every open call (a database only one seat uses)."""
        if not seat:
            return super().close_interrupted(now, seat)
        stale = to_db(now - STALE_RINGING)
        where = "outcome IS NULL AND (seat = ? OR (seat IS NULL AND started_at < ?))"
        return self._close_open(where, (seat, stale), now)

    @contextlib.contextmanager
    def background(self) -> Iterator[ClientStore]:
        """This store on a second connection for one long task (an import)."""
        second = PgSession(self._pg.url, self._pg.hub, password=self._pg.password, migrate=False)
        try:
            yield PgClientStore(second)
        finally:
            second.close()

    def _index_callers(self, first_id: int | None, last_id: int | None) -> None:
        rows = self._all(
            "SELECT id, name, company, notes, numbers_text FROM callers WHERE id BETWEEN ? AND ?",
            (first_id, last_id),
        )
        self._conn.executemany(
            "UPDATE callers SET search = ?::tsvector WHERE id = ?",
            [(search.caller_vector(*r[1:]), r[0]) for r in rows],
        )

    def add_caller(self, caller: Caller) -> Caller:
        with self._c.transaction():
            added = super().add_caller(caller)
            self._c.changed(CALLERS, added.id)  # other seats re-read just this caller
        return added

    def update_caller(self, caller: Caller) -> Caller:
        with self._c.transaction():
            updated = super().update_caller(caller)
            self._index_callers(caller.id, caller.id)
            self._c.changed(CALLERS, caller.id)
        return updated

    def add_callers(self, callers: Iterable[Caller]) -> int:
        """Bulk insert with ``COPY`` in one transaction; a number taken (in the database or
        earlier in the batch) raises :class:`NumberTaken` and nothing is inserted."""
        count = 0
        with self._tx(CALLERS), self._pg.guard() as raw:
            next_id = int(raw.execute("SELECT coalesce(max(id), 0) FROM callers").fetchone()[0])
            known = {r[0] for r in raw.execute("SELECT id FROM clients")}
            seen: dict[tuple[int, str], str] = {}
            batch: list[tuple[Any, ...]] = []
            numbers: list[tuple[int, int, str]] = []
            for caller in callers:
                if caller.client_id is not None and caller.client_id not in known:
                    raise NotFound("client", caller.client_id)
                next_id += 1
                keys = tuple(dict.fromkeys(number_key(n) for n in caller.numbers))
                scope = SHARED_SCOPE if caller.client_id is None else caller.client_id
                for key in keys:
                    if (scope, key) in seen:
                        raise NumberTaken(key, f"the caller {seen[scope, key]!r}")
                    seen[scope, key] = caller.name or caller.company
                text = numbers_text(keys)
                batch.append(
                    (next_id, caller.client_id, caller.name, caller.company, caller.salutation,
                     caller.notes, int(caller.vip), int(caller.blocked), text,
                     search.caller_vector(caller.name, caller.company, caller.notes, text))
                )  # fmt: skip
                numbers.extend((next_id, scope, k) for k in keys)
                count += 1
                if len(batch) >= 5000:
                    self._copy_callers(raw, batch, numbers)
            self._copy_callers(raw, batch, numbers)
            bump_sequence(raw, "callers")
            bump_sequence(raw, "caller_numbers")
        return count

    def _copy_callers(
        self, raw: Any, batch: list[tuple[Any, ...]], numbers: list[tuple[int, int, str]]
    ) -> None:
        if numbers:
            taken = raw.execute(
                "SELECT n.number, c.name, c.company FROM caller_numbers n "
                "JOIN callers c ON c.id = n.caller_id "
                "JOIN unnest(%s::bigint[], %s::text[]) AS w(scope, number) "
                "ON w.scope = n.scope AND w.number = n.number LIMIT 1",
                ([s for _, s, _ in numbers], [k for _, _, k in numbers]),
            ).fetchone()
            if taken is not None:
                raise NumberTaken(taken[0], f"the caller {taken[1] or taken[2]!r}")
        with raw.cursor().copy(_CALLER_COPY) as copy:
            for row in batch:
                copy.write_row(row)
        with raw.cursor().copy("COPY caller_numbers (caller_id, scope, number) FROM STDIN") as cp:
            for number_row in numbers:
                cp.write_row(number_row)
        batch.clear()
        numbers.clear()

    def search_callers(self, client_id: int | None, text: str, limit: int = 50) -> list[Caller]:
        """Full-text search (name, company, notes, numbers) within one client + shared."""
        tsquery = search.query(text)
        if tsquery is None:
            return []
        scope = "c.client_id IS NULL"
        params: list[Any] = [tsquery]
        if client_id is not None:
            scope = "(c.client_id = ? OR c.client_id IS NULL)"
            params.append(client_id)
        with self._c.lock:
            rows = self._all(
                "SELECT c.id, c.client_id, c.name, c.company, c.salutation, c.notes, c.vip, "
                f"c.blocked FROM callers c WHERE c.search @@ CAST(? AS tsquery) AND {scope} "
                "ORDER BY ts_rank(c.search, CAST(? AS tsquery)) DESC, c.id LIMIT ?",
                (*params, tsquery, limit),
            )
            return self._callers(rows)


class PgNotesStore(SqliteNotesStore):
    """Implements :class:`storage.interfaces.NotesStore`."""

    def __init__(self, session: PgSession, drafts: DraftBox | None = None) -> None:
        super().__init__(as_connection(session), drafts)
        self._pg = session
        #: the row id of a call the spool logged with a provisional (negative) id, or None
        #: while it is not written yet (see :class:`storage.postgres.call_spool.SpooledCallLog`)
        self.real_call_id: Callable[[int], int | None] | None = None

    def _with_real_call(self, note: Note) -> Note:
        """A note bound to a call logged during an outage gets that call's real row id."""
        if note.call_id is None or note.call_id > 0:
            return note
        real = self.real_call_id(note.call_id) if self.real_call_id is not None else None
        if real is None:
            raise StoreUnavailable(
                "The call of this note is not in the office database yet. The note is kept "
                "as a draft; save it again when the office database is back.",
                None,
                detail=f"provisional call id {note.call_id}",
            )
        return replace(note, call_id=real)

    def note_for_call(self, call_id: int) -> Note | None:
        if call_id < 0 and self.real_call_id is not None:
            real = self.real_call_id(call_id)
            if real is None:
                return None
            call_id = real
        return super().note_for_call(call_id)

    def _index(self, conn: Any, first: int | None, last: int | None) -> None:
        rows = conn.execute(
            "SELECT id, caller_name, caller_company, numbers_text, subject, message, for_whom "
            "FROM notes WHERE id BETWEEN ? AND ?",
            (first, last),
        ).fetchall()
        conn.executemany(
            "UPDATE notes SET search = ?::tsvector WHERE id = ?",
            [(search.note_vector(*r[1:]), r[0]) for r in rows],
        )

    def _remember_terms(self, conn: Any, texts: Iterable[str]) -> None:
        from storage.fulltext import words_of

        terms = sorted({t for text in texts for t in words_of(text) if not t.isdigit()})
        if terms:
            conn.execute(
                "INSERT INTO note_terms (term) SELECT unnest(CAST(? AS text[])) "
                "ON CONFLICT DO NOTHING",
                (terms,),
            )

    def add_note(self, note: Note) -> Note:
        """Store a new note (revision 1). Saving the same draft twice returns the first note."""
        import datetime as dt

        from appenv.times import to_db

        note = self._with_real_call(note)
        now = to_db(dt.datetime.now(dt.UTC))
        with self._tx(NOTES) as conn:
            if note.draft_key is not None:
                existing = self.note_by_draft(note.draft_key)
                if existing is not None:
                    return existing
            self._check_refs(conn, replace(note, id=None))
            note_id = int(
                conn.execute("SELECT nextval(pg_get_serial_sequence('notes', 'id'))").fetchone()[0]
            )
            conn.execute(
                f"INSERT INTO notes ({_NOTE_COLS}) VALUES ({','.join('?' * 25)})",
                note_values(note, now, note_id),
            )
            self._index(conn, note_id, note_id)
            self._remember_terms(conn, searchable(note))
            self._c.changed(NOTES, note_id)  # other seats re-read just this note
        found = self.get_note(note_id)
        assert found is not None
        return found

    def update_note(self, note: Note, by: str) -> Note:
        note = self._with_real_call(note)
        with self._c.transaction() as conn:
            saved = super().update_note(note, by)
            self._index(conn, note.id, note.id)
        return saved

    def add_notes(self, notes: Iterable[Note]) -> int:
        """Bulk insert with ``COPY`` in one transaction; a wrong reference fails a foreign
        key and nothing is inserted."""
        import datetime as dt

        from appenv.times import to_db

        now = to_db(dt.datetime.now(dt.UTC))
        count = 0
        with self._tx(NOTES) as conn, self._pg.guard() as raw:
            next_id = int(raw.execute("SELECT coalesce(max(id), 0) FROM notes").fetchone()[0])
            texts: set[str] = set()
            with raw.cursor().copy(f"COPY notes ({_NOTE_COLS}, search) FROM STDIN") as copy:
                for note in notes:
                    next_id += 1
                    v = note_values(note, now, next_id)
                    copy.write_row((*v, search.note_vector(v[4], v[5], v[23], v[7], v[8], v[11])))
                    texts.update(searchable(note))
                    count += 1
            self._remember_terms(conn, texts)
            bump_sequence(raw, "notes")
        return count

    def search(self, query: NoteQuery) -> list[Note]:
        """Notes of exactly one client matching the query, newest first."""
        conditions = ["n.client_id IS ?"]
        params: list[Any] = [query.client_id]
        if query.since is not None:
            conditions.append("n.noted_at >= ?")
            params.append(_db_time(query.since))
        if query.until is not None:
            conditions.append("n.noted_at < ?")
            params.append(_db_time(query.until))
        if query.caller_id is not None:
            conditions.append("n.caller_id = ?")
            params.append(query.caller_id)
        parts: list[str] = []
        for words, weights in ((query.text, ""), (query.caller, "A")):
            if not words.strip():
                continue
            part = search.query(words, weights)
            if part is None:
                return []  # only punctuation: nothing can match
            parts.append(part)
        if parts:
            conditions.append("n.search @@ CAST(? AS tsquery)")
            params.append(" & ".join(f"({p})" for p in parts))
            order = "n.id DESC"  # as on SQLite: the newest matches, then by time
        else:
            order = "n.noted_at DESC, n.id DESC"
        rows = self._all(
            f"SELECT {N_COLS} FROM notes n WHERE {' AND '.join(conditions)} "
            f"ORDER BY {order} LIMIT ?",
            (*params, query.limit),
        )
        found = [note_row(r) for r in rows]
        found.sort(key=lambda n: (n.noted_at, n.id or 0), reverse=True)
        return found


def _db_time(value: Any) -> str:
    from appenv.times import to_db

    return to_db(value)


class PgDeliveryStore(SqliteDeliveryStore):
    """Implements :class:`storage.interfaces.DeliveryStore` (plain SQL only)."""

    def __init__(self, session: PgSession) -> None:
        super().__init__(as_connection(session))


class PgOfficeStore(SqliteOfficeStore):
    """Implements :class:`storage.interfaces.OperatorStore` and
    :class:`storage.interfaces.SeatStore` (plain SQL only)."""

    def __init__(self, session: PgSession) -> None:
        super().__init__(as_connection(session))
