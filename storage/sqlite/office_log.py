"""The office's log read for the supervisor's figures: who answered each call
(``calls.operator``) and the seats' state changes (``seat_state_log``). A database whose
seat-state log no seat ever wrote (a seat alone keeps no states) answers ``None`` there and
the figures say "–". The SQL is plain and shared with PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from appenv.times import from_db, to_db, to_utc
from office.seat_intervals import SeatStateRow
from storage.sqlite.tables import SqliteTables

_PICKED = "SELECT s.seat, s.operator, s.state, s.reason, s.at FROM seat_state_log s"


def _moment(value: Any) -> dt.datetime:
    return to_utc(value) if isinstance(value, dt.datetime) else from_db(str(value))


class SqliteOfficeLog(SqliteTables):
    """Implements :class:`storage.interfaces.OfficeLog`."""

    def call_operators(self, start: dt.datetime, end: dt.datetime) -> dict[int, str]:
        rows = self._all(
            "SELECT id, operator FROM calls WHERE started_at >= ? AND started_at < ? "
            "AND operator IS NOT NULL AND operator <> ''",
            (to_db(start), to_db(end)),
        )
        return {int(r[0]): str(r[1]) for r in rows}

    def seat_state_rows(self, start: dt.datetime, end: dt.datetime) -> list[SeatStateRow] | None:
        if self._one("SELECT 1 FROM seat_state_log LIMIT 1") is None:
            return None  # no seat has ever logged a state (a seat without seat states)
        lo, hi = to_db(start), to_db(end)
        rows = self._all(
            f"{_PICKED} JOIN (SELECT seat, max(at) AS last FROM seat_state_log "
            "WHERE at < ? GROUP BY seat) p ON p.seat = s.seat AND s.at = p.last",
            (lo,),
        )  # the state each seat was in when the period began
        rows += self._all(f"{_PICKED} WHERE s.at >= ? AND s.at < ? ORDER BY s.at", (lo, hi))
        return [
            SeatStateRow(str(r[0]), str(r[1] or ""), str(r[2]), str(r[3] or ""), _moment(r[4]))
            for r in rows
        ]
