"""The call log in SQLite: a row from a call's first ring, completed when it ends.

``open_call`` writes the row at the start (outcome and end still empty); a crash leaves
it open and ``close_interrupted`` closes it at the next start. Numbers are stored as keys
where they are valid numbers, else exactly as received with ``number_verified`` 0.

In an office every seat rung by one call opens the same row (its ``call_key`` comes from
the INVITE's identity, the insert does nothing for a key that exists); the seat that
answers first claims it (:meth:`claim_answer`), and writes guarded by ``for_seat`` leave a
row alone that another seat holds or that is already closed.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import replace
from typing import Any

from appenv.times import to_db, to_db_or_none
from clients import phone_numbers as pn
from clients.errors import NotFound
from clients.model import CallRecord, Outcome
from storage.call_steps import CallSteps
from storage.changes import CALLS
from storage.interfaces import UNSET, Unset
from storage.sqlite.rows import CALL_COLS, call_row
from storage.sqlite.tables import SqliteTables

_INSERT = (
    "INSERT INTO calls (client_id, caller_number, caller_name, dialled_number, direction, "
    "started_at, answered_at, ended_at, duration_s, outcome, sip_call_id, call_key, "
    "caller_uri, number_verified, seat, operator) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) "
    "ON CONFLICT (call_key) DO NOTHING"
)
#: a guarded write: the seat holds the call, or nobody does and it is still open
_FOR_SEAT = " AND (seat = ? OR (seat IS NULL AND outcome IS NULL))"


def _values(call: CallRecord, key: str) -> tuple[Any, ...]:
    caller = call.caller_number
    if call.number_verified:
        caller = pn.normalise(caller) or caller
    return (
        call.client_id,
        caller,
        call.caller_name,
        pn.normalise(call.dialled_number) or call.dialled_number,
        str(call.direction),
        to_db(call.started_at),
        to_db_or_none(call.answered_at),
        to_db_or_none(call.ended_at),
        call.duration_s,
        str(call.outcome) if call.outcome else None,
        call.sip_call_id,
        key,
        call.caller_uri,
        int(call.number_verified),
        call.seat or None,
        call.operator or None,
    )


class SqliteCallLog(CallSteps, SqliteTables):
    """Implements :class:`storage.interfaces.CallLog`."""

    def _insert(self, call: CallRecord) -> int:
        key = call.call_key or f"row-{uuid.uuid4().hex}"
        with self._tx(CALLS) as conn:
            cur = conn.execute(_INSERT, _values(call, key))  # another seat's row: nothing
            if cur.rowcount == 1 and cur.lastrowid is not None:
                self._c.changed(CALLS, cur.lastrowid)
                return cur.lastrowid
            row = conn.execute("SELECT id FROM calls WHERE call_key = ?", (key,)).fetchone()
            return int(row[0])

    def record_call(self, call: CallRecord) -> int:
        """Log a call in one step (one that never rang here: a caller refused as busy)."""
        return self._insert(call)

    def open_call(self, record: CallRecord) -> int:
        """The row of a call at its start; the same ``call_key`` again returns that row."""
        return self._insert(replace(record, ended_at=None, outcome=None))

    def close_interrupted(self, now: dt.datetime, seat: str = "") -> int:
        """Every call a crash left open: outcome "interrupted", ended now; returns how many.

        A seat's own SQLite file holds this seat's calls only: all of them are closed.
        """
        return self._close_open("outcome IS NULL", (), now)

    def _close_open(self, where: str, params: tuple[Any, ...], now: dt.datetime) -> int:
        when = to_db(now)
        with self._tx(CALLS) as conn:
            ids = [r[0] for r in conn.execute(f"SELECT id FROM calls WHERE {where}", params)]
            if ids:
                marks = ",".join("?" * len(ids))
                conn.execute(
                    f"UPDATE calls SET outcome = ?, ended_at = ? WHERE id IN ({marks}) "
                    "AND outcome IS NULL",
                    (str(Outcome.INTERRUPTED), when, *ids),
                )
                self._c.changed(CALLS, *ids)
        return len(ids)

    def claim_answer(
        self, call_id: int, seat: str, operator: str, answered_at: dt.datetime
    ) -> str | None:
        """Take the call for ``seat`` before it answers; one seat wins.

        Returns ``None`` when ``seat`` holds the call now (won, or held it already), else
        the name of who holds it (its operator, or the seat when no name was given).
        """
        with self._tx(CALLS, call_id) as conn:
            cur = conn.execute(
                "UPDATE calls SET seat = ?, operator = ?, answered_at = ? "
                "WHERE id = ? AND seat IS NULL",
                (seat, operator or None, to_db(answered_at), call_id),
            )
            if cur.rowcount == 1:
                return None
            row = conn.execute("SELECT seat, operator FROM calls WHERE id = ?", (call_id,))
            held = row.fetchone()
        if held is None:
            raise NotFound("call", call_id)
        return None if held[0] == seat else str(held[1] or held[0])

    def update_call(
        self,
        call_id: int,
        *,
        client_id: int | Unset | None = UNSET,
        caller_name: str | Unset = UNSET,
        answered_at: dt.datetime | Unset | None = UNSET,
        ended_at: dt.datetime | Unset | None = UNSET,
        duration_s: float | Unset | None = UNSET,
        outcome: Outcome | Unset | None = UNSET,
        for_seat: str | None = None,
    ) -> CallRecord:
        """Change the given fields of a logged call; returns the (updated) record.

        ``for_seat``: only while that seat holds the call, or nobody does and it is open —
        else nothing changes (another seat answered it, or it was closed already).
        """
        changes: dict[str, Any] = {}
        if not isinstance(client_id, Unset):
            changes["client_id"] = client_id
        if not isinstance(caller_name, Unset):
            changes["caller_name"] = caller_name
        if not isinstance(answered_at, Unset):
            changes["answered_at"] = to_db_or_none(answered_at)
        if not isinstance(ended_at, Unset):
            changes["ended_at"] = to_db_or_none(ended_at)
        if not isinstance(duration_s, Unset):
            changes["duration_s"] = duration_s
        if not isinstance(outcome, Unset):
            changes["outcome"] = None if outcome is None else str(Outcome(outcome))
        with self._tx(CALLS, call_id) as conn:
            self._require("calls", call_id, "call")
            if changes:
                assignments = ", ".join(f"{name} = ?" for name in changes)
                guard, extra = (_FOR_SEAT, (for_seat,)) if for_seat is not None else ("", ())
                conn.execute(
                    f"UPDATE calls SET {assignments} WHERE id = ?{guard}",
                    (*changes.values(), call_id, *extra),
                )
            record = self.get_call(call_id)
        if record is None:
            raise NotFound("call", call_id)
        return record

    def get_call(self, call_id: int) -> CallRecord | None:
        row = self._one(f"SELECT {CALL_COLS} FROM calls WHERE id = ?", (call_id,))
        return call_row(row) if row else None

    def call_by_key(self, call_key: str) -> CallRecord | None:
        row = self._one(f"SELECT {CALL_COLS} FROM calls WHERE call_key = ?", (call_key,))
        return call_row(row) if row else None

    def recent_calls(self, limit: int = 50, client_id: int | None = None) -> list[CallRecord]:
        """Newest first; all clients when ``client_id`` is ``None``."""
        if client_id is None:
            rows = self._all(
                f"SELECT {CALL_COLS} FROM calls ORDER BY started_at DESC, id DESC LIMIT ?",
                (limit,),
            )
        else:
            rows = self._all(
                f"SELECT {CALL_COLS} FROM calls WHERE client_id = ? "
                "ORDER BY started_at DESC, id DESC LIMIT ?",
                (client_id, limit),
            )
        return [call_row(r) for r in rows]

    def calls_for_caller(
        self, client_id: int | None, number: str | None, limit: int = 10
    ) -> list[CallRecord]:
        """Newest first: calls of this number for this client only (``None``: no client)."""
        key = pn.normalise(number)
        if key is None:
            return []
        if client_id is None:
            rows = self._all(
                f"SELECT {CALL_COLS} FROM calls WHERE client_id IS NULL AND caller_number = ? "
                "ORDER BY started_at DESC, id DESC LIMIT ?",
                (key, limit),
            )
        else:
            rows = self._all(
                f"SELECT {CALL_COLS} FROM calls WHERE client_id = ? AND caller_number = ? "
                "ORDER BY started_at DESC, id DESC LIMIT ?",
                (client_id, key, limit),
            )
        return [call_row(r) for r in rows]

    def calls_between(
        self, client_id: int | None, start: dt.datetime, end: dt.datetime
    ) -> list[CallRecord]:
        """Calls started in ``[start, end)``, oldest first; every client when ``None``."""
        lo, hi = to_db(start), to_db(end)
        if client_id is None:
            rows = self._all(
                f"SELECT {CALL_COLS} FROM calls WHERE started_at >= ? AND started_at < ? "
                "ORDER BY started_at, id",
                (lo, hi),
            )
        else:
            rows = self._all(
                f"SELECT {CALL_COLS} FROM calls WHERE client_id = ? AND started_at >= ? "
                "AND started_at < ? ORDER BY started_at, id",
                (client_id, lo, hi),
            )
        return [call_row(r) for r in rows]
