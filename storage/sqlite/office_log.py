"""The office's log read for the supervisor's figures, tolerant of what is not there yet.

``calls.operator`` (migration 10) and ``seat_state_log`` (migration 11) come with the
office features; a database without them — or whose seat-state log no seat ever wrote
(seats that keep no states) — answers ``None`` and the figures say "–".
The SQL is plain and shared with PostgreSQL; only the column lookup differs.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from appenv.times import from_db, to_db, to_utc
from office.seat_intervals import SeatStateRow
from storage.sqlite.tables import SqliteTables

#: The seat-state log's time column, by the names it may have.
_TIME_COLUMNS = ("at", "changed_at", "since")


def _moment(value: Any) -> dt.datetime:
    return to_utc(value) if isinstance(value, dt.datetime) else from_db(str(value))


class SqliteOfficeLog(SqliteTables):
    """Implements :class:`storage.interfaces.OfficeLog`."""

    def _columns(self, table: str) -> set[str]:
        """The table's column names; empty when there is no such table."""
        return {str(r[1]) for r in self._all(f"PRAGMA table_info({table})")}

    def call_operators(self, start: dt.datetime, end: dt.datetime) -> dict[int, str] | None:
        if "operator" not in self._columns("calls"):
            return None
        rows = self._all(
            "SELECT id, operator FROM calls WHERE started_at >= ? AND started_at < ? "
            "AND operator IS NOT NULL AND operator <> ''",
            (to_db(start), to_db(end)),
        )
        return {int(r[0]): str(r[1]) for r in rows}

    def seat_state_rows(self, start: dt.datetime, end: dt.datetime) -> list[SeatStateRow] | None:
        columns = self._columns("seat_state_log")
        at = next((name for name in _TIME_COLUMNS if name in columns), None)
        if at is None or not {"seat", "state"} <= columns:
            return None
        if self._one("SELECT 1 FROM seat_state_log LIMIT 1") is None:
            return None  # no seat has ever logged a state (a seat without seat states)
        operator = "s.operator" if "operator" in columns else "''"
        reason = "s.reason" if "reason" in columns else "''"
        picked = f"SELECT s.seat, {operator}, s.state, {reason}, s.{at} FROM seat_state_log s"
        lo, hi = to_db(start), to_db(end)
        rows = self._all(
            f"{picked} JOIN (SELECT seat, max({at}) AS last FROM seat_state_log "
            f"WHERE {at} < ? GROUP BY seat) p ON p.seat = s.seat AND s.{at} = p.last",
            (lo,),
        )  # the state each seat was in when the period began
        rows += self._all(f"{picked} WHERE s.{at} >= ? AND s.{at} < ? ORDER BY s.{at}", (lo, hi))
        return [
            SeatStateRow(str(r[0]), str(r[1] or ""), str(r[2]), str(r[3] or ""), _moment(r[4]))
            for r in rows
        ]
