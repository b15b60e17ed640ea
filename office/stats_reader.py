"""The figures' inputs read from a :class:`~storage.interfaces.Database`.

Calls come from the call log, each with the note of its own client (a note filed for
another client is not this call's), the bookings made during it (its rows in the
appointments journal; a call from before the journal: the lines of its note), the operator
the call log records (``calls.operator``, where the database has it) and the seat-state
log's intervals (``None`` without that table: wrap-up and break times are then "–").
A client filter asks the store for that client's calls only, and each row is checked
again, so another client's call never reaches the figures.
"""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

from appenv.errors import UserError
from appenv.times import utc_now
from calendar_sync.journal import AppointmentState
from clients.model import CallRecord, Direction
from notes.model import Note
from office.live_figures import STALE_AFTER, LiveFigures, live_figures
from office.seat_intervals import intervals_from_rows
from office.stats import CallNote, StatsCall, StatsInput
from storage.interfaces import Database

_BOOKING_SEPARATOR = re.compile(r";\s|\n")  # how the note form joins booking lines
_BOOKED = (AppointmentState.BOOKED, AppointmentState.PENDING)  # a conflict booked nothing
_KEYS_PER_QUERY = 500  # call keys per journal query (SQLite's bound-parameter limit)


class UnknownClient(UserError):
    def __init__(self, code: str, known: list[str]) -> None:
        listed = ", ".join(known[:20]) or "none yet"
        super().__init__(f"there is no client with the code {code!r} (known: {listed})")


def period_bounds(first: dt.date, last: dt.date, timezone: str) -> tuple[dt.datetime, dt.datetime]:
    """From local midnight of ``first`` to local midnight after ``last`` (both included)."""
    zone = ZoneInfo(timezone)
    start = dt.datetime.combine(first, dt.time(0), tzinfo=zone)
    end = dt.datetime.combine(last + dt.timedelta(days=1), dt.time(0), tzinfo=zone)
    return start.astimezone(dt.UTC), end.astimezone(dt.UTC)


def bookings_in(appointment: str) -> int:
    """How many bookings a note's appointment field records (one line each)."""
    return sum(1 for part in _BOOKING_SEPARATOR.split(appointment) if part.strip())


def journal_bookings(
    db: Database, records: list[CallRecord], codes: dict[int | None, str]
) -> tuple[dict[str, int], set[str]]:
    """Bookings per call key from the appointments journal (rows of the call's own client
    only), and the keys of the calls that have any journal row (a move or a cancellation
    too: such a call's note lines are not counted again)."""
    client_of = {r.call_key: codes.get(r.client_id) for r in records if r.call_key}
    keys = sorted(client_of)
    counts: dict[str, int] = {}
    journaled: set[str] = set()
    for first in range(0, len(keys), _KEYS_PER_QUERY):
        chunk = keys[first : first + _KEYS_PER_QUERY]
        for row in db.calendars.appointments(None, call_keys=chunk):
            key = row.call_key
            if key is None or client_of.get(key) != row.client:
                continue  # never another client's row
            journaled.add(key)
            if row.state in _BOOKED:
                counts[key] = counts.get(key, 0) + 1
    return counts, journaled


def is_message(note: Note) -> bool:
    """A note the client receives as a message (the daily report's rule)."""
    return bool(note.message.strip() or note.subject.strip() or note.appointment.strip())


def call_key(record: CallRecord) -> str:
    return record.call_key or f"call-{record.id}"


def stats_call(record: CallRecord, code: str | None, operator: str) -> StatsCall:
    return StatsCall(
        key=call_key(record),
        client_code=code,
        started_at=record.started_at,
        answered_at=record.answered_at,
        ended_at=record.ended_at,
        outcome=None if record.outcome is None else str(record.outcome),
        operator=operator,
        incoming=record.direction is Direction.IN,
    )


def _client_id(db: Database, client_code: str | None) -> int | None:
    if client_code is None:
        return None
    client = db.clients.get_client_by_code(client_code)
    if client is None or client.id is None:
        raise UnknownClient(client_code, [c.code for c in db.clients.list_clients()])
    return client.id


def _records(
    db: Database, client_id: int | None, start: dt.datetime, end: dt.datetime
) -> list[CallRecord]:
    records = db.calls.calls_between(client_id, start, end)
    if client_id is not None:
        records = [r for r in records if r.client_id == client_id]
    return records


def read_stats_input(
    db: Database, start: dt.datetime, end: dt.datetime, client_code: str | None = None
) -> StatsInput:
    """The calls started in ``[start, end)`` (of one client if ``client_code``) and what
    the figures need about them. Raises :class:`UnknownClient`."""
    client_id = _client_id(db, client_code)
    codes = {c.id: c.code for c in db.clients.list_clients()}
    records = _records(db, client_id, start, end)
    notes = db.notes.notes_for_calls([r.id for r in records if r.id is not None])
    operators = db.office_log.call_operators(start, end)
    calls: list[StatsCall] = []
    call_notes: dict[str, CallNote] = {}
    bookings, journaled = journal_bookings(db, records, codes)
    for record in records:
        assert record.id is not None
        call = stats_call(record, codes.get(record.client_id), operators.get(record.id, ""))
        calls.append(call)
        note = notes.get(record.id)
        if note is None or note.client_id != record.client_id:
            continue  # never count a note written for another client
        call_notes[call.key] = CallNote(call.key, note.operator, is_message(note))
        if record.call_key not in journaled and note.appointment.strip():
            bookings[call.key] = bookings_in(note.appointment)  # from before the journal
    rows = db.office_log.seat_state_rows(start, end)
    intervals = None if rows is None else intervals_from_rows(rows, start, min(end, utc_now()))
    return StatsInput(calls, call_notes, bookings, intervals)


def read_live(db: Database, now: dt.datetime | None = None) -> LiveFigures:
    """Calls waiting and seats by state at ``now``."""
    now = now or utc_now()
    records = _records(db, None, now - STALE_AFTER, now + dt.timedelta(seconds=1))
    codes = {c.id: c.code for c in db.clients.list_clients()}
    calls = [stats_call(r, codes.get(r.client_id), "") for r in records]
    return live_figures(calls, db.office_log.seat_state_rows(now, now), now)
