"""Notes ↔ rows of the SQLite ``notes`` table (columns, values, the audit-trail text)."""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
from collections.abc import Iterator, Sequence
from typing import Any

from appenv.times import from_db, to_db
from clients import phone_numbers as pn
from notes.model import Action, Channel, Note, Urgency


def audit_text(value: Any) -> str | None:
    """A field value as the audit trail stores it."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, dt.datetime):
        return to_db(value)
    return str(value)


def numbers_text(*numbers: str) -> str:
    forms: list[str] = []
    for raw in numbers:
        key = pn.normalise(raw) if raw else None
        if key:
            forms.extend(pn.search_forms(key))
    return " ".join(dict.fromkeys(forms))


COLS = (
    "id, client_id, call_id, caller_id, caller_number, caller_name, caller_company, "
    "callback_number, subject, message, urgency, for_staff_id, for_whom, action, wrong_number, "
    "channel, appointment, operator, noted_at, created_at, updated_at, updated_by, revision, "
    "draft_key"
)
N_COLS = ", ".join(f"n.{c.strip()}" for c in COLS.split(","))
INSERT_COLS = COLS.replace("id, ", "", 1) + ", numbers_text, id"


@contextlib.contextmanager
def big_cache(conn: sqlite3.Connection, kib: int = 256 * 1024) -> Iterator[None]:
    """A large page cache for one bulk insert (index pages stay in memory), then back."""
    previous = int(conn.execute("PRAGMA cache_size").fetchone()[0])
    conn.execute(f"PRAGMA cache_size = {-int(kib)}")
    try:
        yield
    finally:
        conn.execute(f"PRAGMA cache_size = {previous}")


def note_row(row: Sequence[Any]) -> Note:
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
        noted_at=from_db(row[18]),
        created_at=from_db(row[19]),
        updated_at=from_db(row[20]),
        updated_by=row[21],
        revision=row[22],
        draft_key=row[23],
    )


def note_values(note: Note, now: str, note_id: int | None) -> tuple[Any, ...]:
    """Row values in ``_INSERT_COLS`` order; ``now`` is the UTC timestamp text of the write."""
    created = to_db(note.created_at) if note.created_at is not None else now
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
        to_db(note.noted_at),
        created,
        to_db(note.updated_at) if note.updated_at is not None else created,
        note.updated_by or note.operator,
        1,
        note.draft_key,
        numbers_text(note.caller_number, note.callback_number),
        note_id,
    )


def searchable(note: Note) -> tuple[str, ...]:
    """The note's texts whose words ``note_terms`` remembers."""
    return (note.caller_name, note.caller_company, note.subject, note.message, note.for_whom)
