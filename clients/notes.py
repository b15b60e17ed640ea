"""Call notes: what the secretary records, every later change to it, and search over it.

A note belongs to one client and to at most one call (a walk-in or an e-mail has none);
a call has at most one note, so a report never has to choose between two. Saving a
changed note writes one :class:`NoteChange` per changed field (who, when, old, new):
nothing the client was told can change without a trace. Search is always scoped to one
client — the query cannot even be expressed without one.

:class:`NotesStore` is the small interface the UI and reports use; :class:`SqliteNotesStore`
shares the connection of a :class:`~clients.store.SqliteClientStore` (tables of migration
5). Unsaved drafts live apart from the database, in :mod:`clients.drafts`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import enum
import functools
import re
import sqlite3
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, fields, replace
from typing import TYPE_CHECKING, Any, Protocol

from clients import phone_numbers as pn
from clients.errors import NotFound, StoreError
from clients.store import SqliteClientStore, fts_query

if TYPE_CHECKING:
    from clients.drafts import DraftBox


class Urgency(enum.StrEnum):
    URGENT = "urgent"
    NORMAL = "normal"
    LOW = "low"


class Action(enum.StrEnum):
    """What the caller asks the client to do."""

    CALL_BACK = "call_back"
    SEND_INFO = "send_info"
    NONE = "none"


class Channel(enum.StrEnum):
    """How the message reached the secretary."""

    CALL = "call"
    WALK_IN = "walk_in"
    EMAIL = "email"
    OTHER = "other"


@dataclass(frozen=True, kw_only=True)
class Note:
    """One note. Datetimes are timezone-aware (UTC when read back); ``id`` ``None`` = unsaved.

    ``noted_at`` is when the conversation took place (the call's start; for a note
    without a call, when it was written): reports and date searches use it.
    """

    id: int | None = None
    client_id: int | None
    call_id: int | None = None
    caller_id: int | None = None
    caller_number: str = ""  # the call's number (normalised key) or ""
    caller_name: str = ""
    caller_company: str = ""
    callback_number: str = ""
    subject: str = ""
    message: str = ""
    urgency: Urgency = Urgency.NORMAL
    for_staff_id: int | None = None
    for_whom: str = ""  # the staff member's name at the time of writing
    action: Action = Action.NONE
    wrong_number: bool = False
    channel: Channel = Channel.CALL
    appointment: str = ""  # filled by booking
    operator: str = ""  # who wrote it first
    noted_at: dt.datetime
    created_at: dt.datetime | None = None
    updated_at: dt.datetime | None = None
    updated_by: str = ""
    revision: int = 0  # 1 when first saved, +1 per saved change
    draft_key: str | None = None  # the draft it was finalised from (makes saving idempotent)

    def __post_init__(self) -> None:
        for name in ("noted_at", "created_at", "updated_at"):
            value = getattr(self, name)
            if value is not None and value.tzinfo is None:
                raise ValueError(f"{name} must be timezone-aware")
        object.__setattr__(self, "urgency", Urgency(self.urgency))
        object.__setattr__(self, "action", Action(self.action))
        object.__setattr__(self, "channel", Channel(self.channel))

    @property
    def has_content(self) -> bool:
        return bool(self.subject.strip() or self.message.strip() or self.wrong_number)

    def content(self) -> dict[str, Any]:
        """The fields an operator can change (compared for the audit trail)."""
        return {name: getattr(self, name) for name in CONTENT_FIELDS}


# Fields whose changes are recorded; id, operator, created_at and draft_key never change.
CONTENT_FIELDS: tuple[str, ...] = (
    "client_id",
    "call_id",
    "caller_id",
    "caller_number",
    "caller_name",
    "caller_company",
    "callback_number",
    "subject",
    "message",
    "urgency",
    "for_staff_id",
    "for_whom",
    "action",
    "wrong_number",
    "channel",
    "appointment",
    "noted_at",
)


@dataclass(frozen=True)
class NoteChange:
    """One changed field of one saved revision."""

    note_id: int
    revision: int
    changed_at: dt.datetime
    changed_by: str
    field: str
    old: str | None
    new: str | None


@dataclass(frozen=True, kw_only=True)
class NoteQuery:
    """A search within one client (``client_id`` ``None``: notes not assigned to a client).

    ``text`` matches every text field, ``caller`` only the caller's name, company and
    numbers; both are word prefixes, all words required. ``since``/``until`` bound
    ``noted_at`` (``until`` exclusive). Results: newest first, at most ``limit``.
    """

    client_id: int | None
    text: str = ""
    caller: str = ""
    caller_id: int | None = None
    since: dt.datetime | None = None
    until: dt.datetime | None = None
    limit: int = 100


class NoteExists(StoreError):
    """A call has one note; open that one instead of writing a second."""

    def __init__(self, call_id: int, note_id: int) -> None:
        super().__init__(f"Call {call_id} already has a note (note {note_id}).")
        self.call_id = call_id
        self.note_id = note_id


class NoteConflict(StoreError):
    """Someone saved the note since it was opened; the edit is kept as a draft."""

    def __init__(self, note_id: int, expected: int, found: int) -> None:
        super().__init__(
            f"Note {note_id} was changed by someone else meanwhile (revision {found}, "
            f"this edit started from {expected}). Reopen it and apply your change again."
        )
        self.note_id = note_id


class NotesStore(Protocol):
    """What the app asks of a notes store (SQLite now, PostgreSQL later)."""

    drafts: DraftBox | None

    def add_note(self, note: Note) -> Note: ...
    def add_notes(self, notes: Iterable[Note]) -> int: ...
    def update_note(self, note: Note, by: str) -> Note: ...
    def get_note(self, note_id: int) -> Note | None: ...
    def note_by_draft(self, draft_key: str) -> Note | None: ...
    def note_for_call(self, call_id: int) -> Note | None: ...
    def notes_for_calls(self, call_ids: Sequence[int]) -> dict[int, Note]: ...
    def loose_notes(self, client_id: int, start: dt.datetime, end: dt.datetime) -> list[Note]: ...
    def history(self, note_id: int) -> list[NoteChange]: ...
    def search(self, query: NoteQuery) -> list[Note]: ...


# -- conversions ---------------------------------------------------------------------------


def _ts(value: dt.datetime) -> str:
    if value.tzinfo is not dt.UTC:
        if value.tzinfo is None:
            raise ValueError(f"datetime must be timezone-aware: {value!r}")
        value = value.astimezone(dt.UTC)
    return value.isoformat(timespec="microseconds")


def _opt_ts(value: dt.datetime | None) -> str | None:
    return None if value is None else _ts(value)


def _text(value: Any) -> str | None:
    """A field value as the audit trail stores it."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, dt.datetime):
        return _ts(value)
    return str(value)


def _numbers_text(*numbers: str) -> str:
    forms: list[str] = []
    for raw in numbers:
        key = pn.normalise(raw) if raw else None
        if key:
            forms.extend(pn.search_forms(key))
    return " ".join(dict.fromkeys(forms))


def scope_token(client_id: int | None) -> str:
    """The ``notes_fts.scope`` value of a client's notes."""
    return f"c{int(client_id or 0)}"


_COLS = (
    "id, client_id, call_id, caller_id, caller_number, caller_name, caller_company, "
    "callback_number, subject, message, urgency, for_staff_id, for_whom, action, wrong_number, "
    "channel, appointment, operator, noted_at, created_at, updated_at, updated_by, revision, "
    "draft_key"
)
_N_COLS = ", ".join(f"n.{c.strip()}" for c in _COLS.split(","))
_INSERT_COLS = _COLS.replace("id, ", "", 1) + ", numbers_text, id"


@contextlib.contextmanager
def _big_cache(conn: sqlite3.Connection, kib: int = 256 * 1024) -> Iterator[None]:
    """A large page cache for one bulk insert (index pages stay in memory), then back."""
    previous = int(conn.execute("PRAGMA cache_size").fetchone()[0])
    conn.execute(f"PRAGMA cache_size = {-int(kib)}")
    try:
        yield
    finally:
        conn.execute(f"PRAGMA cache_size = {previous}")


def _note(row: Sequence[Any]) -> Note:
    return Note(
        id=row[0],
        client_id=row[1],
        call_id=row[2],
        caller_id=row[3],
        caller_number=row[4],
        caller_name=row[5],
        caller_company=row[6],
        callback_number=row[7],
        subject=row[8],
        message=row[9],
        urgency=Urgency(row[10]),
        for_staff_id=row[11],
        for_whom=row[12],
        action=Action(row[13]),
        wrong_number=bool(row[14]),
        channel=Channel(row[15]),
        appointment=row[16],
        operator=row[17],
        noted_at=dt.datetime.fromisoformat(row[18]),
        created_at=dt.datetime.fromisoformat(row[19]),
        updated_at=dt.datetime.fromisoformat(row[20]),
        updated_by=row[21],
        revision=row[22],
        draft_key=row[23],
    )


def _values(note: Note, now: str, note_id: int | None) -> tuple[Any, ...]:
    """Row values in ``_INSERT_COLS`` order; ``now`` is the UTC timestamp text of the write."""
    created = _ts(note.created_at) if note.created_at is not None else now
    return (
        note.client_id,
        note.call_id,
        note.caller_id,
        pn.normalise(note.caller_number) or note.caller_number,
        note.caller_name,
        note.caller_company,
        note.callback_number,
        note.subject,
        note.message,
        note.urgency.value,
        note.for_staff_id,
        note.for_whom,
        note.action.value,
        int(note.wrong_number),
        note.channel.value,
        note.appointment,
        note.operator,
        _ts(note.noted_at),
        created,
        _ts(note.updated_at) if note.updated_at is not None else created,
        note.updated_by or note.operator,
        1,
        note.draft_key,
        _numbers_text(note.caller_number, note.callback_number),
        note_id,
    )


def note_to_dict(note: Note) -> dict[str, Any]:
    """JSON-ready form (drafts)."""
    data = asdict(note)
    for name in ("noted_at", "created_at", "updated_at"):
        data[name] = _opt_ts(data[name])
    for name in ("urgency", "action", "channel"):
        data[name] = str(data[name])
    return data


def note_from_dict(data: dict[str, Any]) -> Note:
    known = {f.name for f in fields(Note)}
    values = {k: v for k, v in data.items() if k in known}
    for name in ("noted_at", "created_at", "updated_at"):
        if values.get(name) is not None:
            values[name] = dt.datetime.fromisoformat(values[name])
    return Note(**values)


# -- SQLite --------------------------------------------------------------------------------


class SqliteNotesStore:
    """Notes in the client store's SQLite file, on its connection and lock."""

    def __init__(self, store: SqliteClientStore, drafts: DraftBox | None = None) -> None:
        self.store = store
        self.drafts = drafts

    @contextlib.contextmanager
    def _conn(self) -> Iterator[sqlite3.Connection]:
        with self.store.connection() as conn:
            yield conn

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
        with self.store.transaction(), self._conn() as conn:
            if note.draft_key is not None:
                existing = self.note_by_draft(note.draft_key)
                if existing is not None:
                    return existing
            self._check_refs(conn, replace(note, id=None))
            cur = conn.execute(
                f"INSERT INTO notes ({_INSERT_COLS}) VALUES ({','.join('?' * 25)})",
                _values(note, _ts(now), None),
            )
            note_id = cur.lastrowid
            self._index(conn, note_id, note_id)
            self._remember_terms(conn, _searchable(note))
        assert note_id is not None
        found = self.get_note(note_id)
        assert found is not None
        return found

    def add_notes(self, notes: Iterable[Note]) -> int:
        """Bulk insert (imports, benchmarks) in one transaction; references are not checked
        one by one — a wrong id fails the foreign key and nothing is inserted."""
        now = _ts(dt.datetime.now(dt.UTC))
        count = 0
        with self.store.transaction(), self._conn() as conn, _big_cache(conn):
            next_id = int(conn.execute("SELECT coalesce(max(id), 0) FROM notes").fetchone()[0]) + 1
            batch: list[tuple[Any, ...]] = []
            texts: set[str] = set()
            for note in notes:
                batch.append(_values(note, now, next_id))
                texts.update(_searchable(note))
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
        conn.executemany(f"INSERT INTO notes ({_INSERT_COLS}) VALUES ({','.join('?' * 25)})", batch)
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
        with self.store.transaction(), self._conn() as conn:
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
            values = _values(note, _ts(now), None)
            conn.execute(
                "UPDATE notes SET client_id=?, call_id=?, caller_id=?, caller_number=?, "
                "caller_name=?, caller_company=?, callback_number=?, subject=?, message=?, "
                "urgency=?, for_staff_id=?, for_whom=?, action=?, wrong_number=?, channel=?, "
                "appointment=?, noted_at=?, updated_at=?, updated_by=?, revision=?, "
                "numbers_text=? WHERE id=?",
                (
                    *values[:16],
                    values[17],
                    _ts(now),
                    by,
                    revision,
                    values[23],
                    note.id,
                ),
            )
            self._remember_terms(conn, _searchable(note))
            conn.executemany(
                "INSERT INTO note_changes (note_id, revision, changed_at, changed_by, field, "
                "old_value, new_value) VALUES (?,?,?,?,?,?,?)",
                [
                    (note.id, revision, _ts(now), by, name, _text(old[name]), _text(new[name]))
                    for name in changed
                ],
            )
        found = self.get_note(note.id)
        assert found is not None
        return found

    def get_note(self, note_id: int) -> Note | None:
        with self._conn() as conn:
            row = conn.execute(f"SELECT {_COLS} FROM notes WHERE id = ?", (note_id,)).fetchone()
        return _note(row) if row else None

    def note_by_draft(self, draft_key: str) -> Note | None:
        with self._conn() as conn:
            row = conn.execute(
                f"SELECT {_COLS} FROM notes WHERE draft_key = ?", (draft_key,)
            ).fetchone()
        return _note(row) if row else None

    def note_for_call(self, call_id: int) -> Note | None:
        with self._conn() as conn:
            row = conn.execute(
                f"SELECT {_COLS} FROM notes WHERE call_id = ?", (call_id,)
            ).fetchone()
        return _note(row) if row else None

    def notes_for_calls(self, call_ids: Sequence[int]) -> dict[int, Note]:
        found: dict[int, Note] = {}
        ids = list(call_ids)
        with self._conn() as conn:
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                marks = ",".join("?" * len(chunk))
                for row in conn.execute(
                    f"SELECT {_COLS} FROM notes WHERE call_id IN ({marks})", chunk
                ):
                    note = _note(row)
                    assert note.call_id is not None
                    found[note.call_id] = note
        return found

    def loose_notes(self, client_id: int, start: dt.datetime, end: dt.datetime) -> list[Note]:
        """Notes of the client with ``noted_at`` in ``[start, end)`` that are not attached to
        one of the client's calls (walk-ins, e-mails, a call since moved to another client)."""
        with self._conn() as conn:
            rows = conn.execute(
                f"SELECT {_N_COLS} FROM notes n LEFT JOIN calls c ON c.id = n.call_id "
                "WHERE n.client_id = ? AND n.noted_at >= ? AND n.noted_at < ? "
                "AND (n.call_id IS NULL OR c.client_id IS NOT n.client_id) "
                "ORDER BY n.noted_at, n.id",
                (client_id, _ts(start), _ts(end)),
            ).fetchall()
        return [_note(r) for r in rows]

    def history(self, note_id: int) -> list[NoteChange]:
        """Every recorded change of the note, oldest first."""
        with self._conn() as conn:
            rows = conn.execute(
                "SELECT note_id, revision, changed_at, changed_by, field, old_value, new_value "
                "FROM note_changes WHERE note_id = ? ORDER BY revision, id",
                (note_id,),
            ).fetchall()
        return [
            NoteChange(r[0], r[1], dt.datetime.fromisoformat(r[2]), r[3], r[4], r[5], r[6])
            for r in rows
        ]

    def search(self, query: NoteQuery) -> list[Note]:
        """Notes of exactly one client matching the query, newest first."""
        conditions = ["n.client_id IS ?"]
        params: list[Any] = [query.client_id]
        if query.since is not None:
            conditions.append("n.noted_at >= ?")
            params.append(_ts(query.since))
        if query.until is not None:
            conditions.append("n.noted_at < ?")
            params.append(_ts(query.until))
        if query.caller_id is not None:
            conditions.append("n.caller_id = ?")
            params.append(query.caller_id)
        where = " AND ".join(conditions)
        with self._conn() as conn:
            parts = [f'scope : "{scope_token(query.client_id)}"']
            for words, columns in (
                (query.text, "caller_name caller_company numbers_text subject message for_whom"),
                (query.caller, "caller_name caller_company numbers_text"),
            ):
                if not words.strip():
                    continue
                match = self._match(conn, words)
                if match is None:
                    return []  # only punctuation: nothing can match
                parts.append(f"{{{columns}}} : ({match})")
            if len(parts) == 1:
                rows = conn.execute(
                    f"SELECT {_N_COLS} FROM notes n WHERE {where} "
                    "ORDER BY n.noted_at DESC, n.id DESC LIMIT ?",
                    (*params, query.limit),
                ).fetchall()
            else:
                id_range = ""
                if query.since is not None or query.until is not None:
                    # ids of the client's notes in the period bound the index scan (a
                    # period long ago no longer means walking back through all newer notes)
                    lo, hi = conn.execute(
                        f"SELECT min(n.id), max(n.id) FROM notes n WHERE {where}", params
                    ).fetchone()
                    if lo is None:
                        return []
                    id_range = f" AND f.rowid BETWEEN {int(lo)} AND {int(hi)}"
                rows = conn.execute(
                    f"SELECT {_N_COLS} FROM notes_fts f JOIN notes n ON n.id = f.rowid "
                    f"WHERE notes_fts MATCH ?{id_range} AND {where} "
                    "ORDER BY f.rowid DESC LIMIT ?",
                    (" AND ".join(parts), *params, query.limit),
                ).fetchall()
        notes = [_note(r) for r in rows]
        notes.sort(key=lambda n: (n.noted_at, n.id or 0), reverse=True)
        return notes

    def _match(self, conn: sqlite3.Connection, text: str) -> str | None:
        """User words → an FTS5 expression: all words required, each as a prefix.

        A word becomes an OR of the known whole words it begins (``note_terms``), which
        FTS5 reads lazily; digits, words with very many completions and words unknown to
        ``note_terms`` stay plain prefix queries (always correct, slower on common words).
        """
        if _NUMBERISH.match(text):
            return fts_query(text)
        words = words_of(text)
        if not words:
            return None
        parts: list[str] = []
        for word in dict.fromkeys(words):
            terms: list[str] = []
            if not word.isdigit():
                upper = word + "\U0010ffff"
                terms = [
                    r[0]
                    for r in conn.execute(
                        "SELECT term FROM note_terms WHERE term >= ? AND term < ? LIMIT ?",
                        (word, upper, _MAX_EXPANSION + 1),
                    )
                ]
            if 0 < len(terms) <= _MAX_EXPANSION:
                parts.append("(" + " OR ".join(f'"{t}"' for t in terms) + ")")
            else:
                parts.append(f'"{word}"*')
        return " AND ".join(parts)

    def _remember_terms(self, conn: sqlite3.Connection, texts: Iterable[str]) -> None:
        terms = {t for text in texts for t in words_of(text) if not t.isdigit()}
        conn.executemany(
            "INSERT INTO note_terms (term) VALUES (?) ON CONFLICT DO NOTHING",
            [(t,) for t in terms],
        )


_WORD = re.compile(r"[^\W_]+")
_NUMBERISH = re.compile(r"^[\s+()\-./\d]+$")
_MAX_EXPANSION = 40


def fold(text: str) -> str:
    """Lower case without diacritics, as the ``unicode61 remove_diacritics 2`` tokenizer."""
    lowered = text.lower()
    if lowered.isascii():
        return lowered
    decomposed = unicodedata.normalize("NFKD", lowered)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@functools.lru_cache(maxsize=65_536)
def _fold_word(word: str) -> str:
    return fold(word)


def words_of(text: str) -> list[str]:
    """The folded words of ``text`` (the terms ``note_terms`` holds)."""
    return [_fold_word(w) for w in _WORD.findall(unicodedata.normalize("NFC", text).lower())]


def _searchable(note: Note) -> tuple[str, ...]:
    return (note.caller_name, note.caller_company, note.subject, note.message, note.for_whom)
