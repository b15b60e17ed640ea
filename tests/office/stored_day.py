"""The scripted day written into a real store through its APIs (both backends)."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path
from typing import Any

from appenv.times import to_db
from clients.model import CallRecord, Client, Direction, Outcome
from notes.model import Note
from office.stats import ANSWERED_ELSEWHERE, StatsCall
from storage import CallLog, is_office_url, open_database
from tests.office.scripted_day import CALLS, at

#: Notes as the secretaries wrote them (r5's note only marks a wrong number: no message).
NOTES: dict[str, dict[str, Any]] = {
    "r1": dict(operator="Anna", subject="Rückruf", appointment="Appointment booked: Di 10:00"),
    "r2": dict(operator="Ben", message="Bitte zurückrufen"),
    "r5": dict(operator="Anna", wrong_number=True),
    "r8": dict(
        operator="Ben",
        subject="Termine",
        appointment="Appointment booked: Mi 9:00; Appointment booked: Do 9:00",
    ),
    "b1": dict(operator="Anna", message="Lieferung kommt später"),
}
# Around the day: calls that are not on 10 March in Berlin, though one is by UTC.
OUTSIDE = [
    ("ROTH", dt.datetime(2026, 3, 9, 23, 30, tzinfo=at("00:00").tzinfo)),  # 22:30 UTC, 9th
    ("ROTH", dt.datetime(2026, 3, 11, 0, 30, tzinfo=at("00:00").tzinfo)),  # 23:30 UTC, 10th
]


def fill(location: str | Path, thresholds: dict[str, int] | None = None) -> dict[str, int]:
    """Clients ROTH, BAU and OTHER (with the service-level ``thresholds`` given, else the
    default 20 s); the scripted calls (not the leg answered elsewhere, which the call log
    cannot hold yet) with their notes; OTHER's call; calls just outside the day. Returns
    the row id per call key."""
    ids: dict[str, int] = {}
    thresholds = thresholds or {}
    with open_database(location) as db:
        clients = {
            code: db.clients.add_client(
                Client(code=code, name=f"Client {code}", service_level_s=thresholds.get(code, 20))
            )
            for code in ("ROTH", "BAU", "OTHER")
        }
        client_ids = {code: c.id for code, c in clients.items()}
        for call in CALLS:
            if call.outcome == ANSWERED_ELSEWHERE:
                continue
            ids[call.key] = _store_call(db.calls, call, client_ids[call.client_code or ""])
        other = StatsCall(
            key="o1",
            client_code="OTHER",
            started_at=at("09:05:00"),
            answered_at=at("09:05:01"),
            ended_at=at("09:20:00"),
            outcome="answered",
        )
        ids["o1"] = _store_call(db.calls, other, client_ids["OTHER"])
        for n, (code, moment) in enumerate(OUTSIDE):
            outside = StatsCall(
                key=f"x{n}",
                client_code=code,
                started_at=moment,
                ended_at=moment + dt.timedelta(seconds=30),
                outcome="missed",
            )
            ids[outside.key] = _store_call(db.calls, outside, client_ids[code])
        for key, fields in NOTES.items():
            call = next(c for c in CALLS if c.key == key and c.outcome != ANSWERED_ELSEWHERE)
            db.notes.add_note(
                Note(
                    client_id=client_ids[call.client_code or ""],
                    call_id=ids[key],
                    noted_at=call.started_at,
                    **fields,
                )
            )
        db.notes.add_note(
            Note(
                client_id=client_ids["OTHER"],
                call_id=ids["o1"],
                operator="Cem",
                subject="OTHER's message",
                noted_at=other.started_at,
            )
        )
    return ids


def _store_call(log: CallLog, call: StatsCall, client_id: int | None) -> int:
    """Through the call journal's steps: open at the ring, answered, finished."""
    row = log.open_call(
        CallRecord(
            call_key=call.key,
            client_id=client_id,
            started_at=call.started_at,
            direction=Direction.IN if call.incoming else Direction.OUT,
        )
    )
    if call.answered_at is not None:
        log.mark_answered(row, call.answered_at)
    if call.outcome is not None and call.ended_at is not None:
        log.finish_call(
            row,
            ended_at=call.ended_at,
            outcome=Outcome(call.outcome),
            duration_s=(call.ended_at - call.started_at).total_seconds(),
        )
    return int(row)


def execute(location: str | Path, *statements: tuple[str, tuple[object, ...]]) -> None:
    """Raw SQL on the test's database, for tables and columns other branches will add."""
    if is_office_url(location):
        import psycopg

        with psycopg.connect(str(location), autocommit=True) as pg:
            for sql, params in statements:
                pg.execute(sql.replace("?", "%s"), params)
        return
    conn = sqlite3.connect(location)
    try:
        with conn:
            for sql, params in statements:
                conn.execute(sql, params)
    finally:
        conn.close()


def add_seat_state_log(location: str | Path, *, ids: bool = True) -> None:
    """The scripted day's changes in the seat-state log (migration 11); ``ids=False``
    leaves the row ids to the database (a seat writes its own rows beside them)."""
    rows = [
        ("s1", "Anna", "available", "", "08:00:00"),
        ("s1", "Anna", "wrap_up", "", "09:03:10"),  # 30 s after r1
        ("s1", "Anna", "available", "", "09:03:40"),
        ("s2", "Ben", "available", "", "08:30:00"),
        ("s2", "Ben", "wrap_up", "", "09:12:25"),  # 60 s after r2
        ("s2", "Ben", "available", "", "09:13:25"),
        ("s1", "Anna", "wrap_up", "", "11:10:26"),  # 60 s after b1
        ("s1", "Anna", "available", "", "11:11:26"),
        ("s2", "Ben", "break", "Mittag", "13:00:00"),
        ("s2", "Ben", "available", "", "13:15:00"),
    ]
    if not ids:
        insert = "INSERT INTO seat_state_log (seat, operator, state, reason, at) VALUES (?,?,?,?,?)"
        execute(location, *[(insert, (*r[:4], to_db(at(r[4])))) for r in rows])
        return
    execute(
        location,
        *[
            (
                "INSERT INTO seat_state_log (id, seat, operator, state, reason, at) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (n, *r[:4], to_db(at(r[4]))),
            )
            for n, r in enumerate(rows, 1)
        ],
    )


def add_call_operator(location: str | Path, call_id: int, operator: str) -> None:
    """``calls.operator`` (who answered, as the answer claim writes it) for one call."""
    execute(location, ("UPDATE calls SET operator = ? WHERE id = ?", (operator, call_id)))
