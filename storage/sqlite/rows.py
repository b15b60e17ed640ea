"""Rows ↔ the domain's frozen dataclasses, for the SQLite client, caller and call tables."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from appenv.times import from_db, from_db_or_none
from clients import phone_numbers as pn
from clients.errors import InvalidNumber
from clients.model import Availability, CallRecord, Client, Direction, Outcome, Staff

SHARED_SCOPE = 0  # caller_numbers.scope for callers shared by all clients

CLIENT_COLS = (
    "id, code, name, colour, language, state, timezone, report_recipients, "
    "report_time, encrypt_reports, wrap_up_s, service_level_s"
)
CALLER_COLS = "id, client_id, name, company, salutation, notes, vip, blocked"
CALL_COLS = (
    "id, client_id, caller_number, caller_name, dialled_number, direction, "
    "started_at, answered_at, ended_at, duration_s, outcome, sip_call_id, call_key, "
    "caller_uri, number_verified, seat, operator"
)
STAFF_COLS = (
    "id, client_id, name, role, transfer_target, availability, absent_until, note, "
    "always_put_through, position"
)


def number_key(raw: str) -> str:
    """The stored key of a number the user gave; ``InvalidNumber`` if it holds none."""
    key = pn.normalise(raw)
    if key is None:
        raise InvalidNumber(raw)
    return key


def client_row(row: Sequence[Any]) -> Client:
    return Client(
        id=row[0],
        code=row[1],
        name=row[2],
        colour=row[3],
        language=row[4],
        state=row[5],
        timezone=row[6],
        report_recipients=tuple(json.loads(row[7])),
        report_time=row[8],
        encrypt_reports=bool(row[9]),
        wrap_up_s=int(row[10]),
        service_level_s=int(row[11]),
    )


def call_row(row: Sequence[Any]) -> CallRecord:
    return CallRecord(
        id=row[0],
        client_id=row[1],
        caller_number=row[2],
        caller_name=row[3],
        dialled_number=row[4],
        direction=Direction(row[5]),
        started_at=from_db(row[6]),
        answered_at=from_db_or_none(row[7]),
        ended_at=from_db_or_none(row[8]),
        duration_s=row[9],
        outcome=Outcome(row[10]) if row[10] else None,
        sip_call_id=row[11],
        call_key=row[12] or "",
        caller_uri=row[13] or "",
        number_verified=bool(row[14]),
        seat=row[15] or "",
        operator=row[16] or "",
    )


def staff_row(row: Sequence[Any]) -> Staff:
    return Staff(
        id=row[0],
        client_id=row[1],
        name=row[2],
        role=row[3],
        transfer_target=row[4],
        availability=Availability(row[5]),
        absent_until=from_db_or_none(row[6]),
        note=row[7],
        always_put_through=tuple(json.loads(row[8])),
        position=row[9],
    )


def numbers_text(numbers: Iterable[str]) -> str:
    """The digit forms of numbers for the full-text index."""
    return " ".join(form for n in numbers for form in pn.search_forms(n))
