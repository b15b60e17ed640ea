"""Operator accounts and seat states in SQL (``operators``, ``seat_states``,
``seat_state_log``, ``clients.wrap_up_s``), plain enough for PostgreSQL to run as it is.

A seat's change is one transaction: its row in ``seat_states`` is replaced and the change
appended to ``seat_state_log``, so the log is complete whenever the state is written. The
rules (which change is allowed, what a restart restores) are :mod:`office.seat_states`'s;
hashing passwords is :mod:`office.operators`'s — only hashes reach this module.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from appenv.times import from_db, from_db_or_none, to_db, to_db_or_none
from clients.errors import NotFound
from office.model import (
    ColleagueSeat,
    Operator,
    PickupRequest,
    PickupResult,
    Role,
    SeatLogEntry,
    SeatState,
    SeatStatus,
)
from storage.changes import OPERATORS, PICKUPS, SEATS
from storage.sqlite.tables import SqliteTables

_OPERATOR_COLS = "id, login, display_name, role, active, created_at"
_SEAT_COLS = (
    "seat, seat_name, operator, state, reason, since, until, call_key, sip_user, ringing_key"
)
_N_SEAT = 10
_PICKUP_COLS = "id, call_key, seat, to_user, operator, requested_at, result, done_at"
_LOG_COLS = "id, at, seat, operator, state, reason"


def _operator(row: Sequence[Any]) -> Operator:
    return Operator(
        id=row[0],
        login=row[1],
        display_name=row[2],
        role=Role(row[3]),
        active=bool(row[4]),
        created_at=from_db(row[5]),
    )


def _status(row: Sequence[Any]) -> SeatStatus:
    return SeatStatus(
        seat=row[0],
        seat_name=row[1],
        operator=row[2],
        state=SeatState(row[3]),
        reason=row[4],
        since=from_db(row[5]),
        until=from_db_or_none(row[6]),
        call_key=row[7],
        sip_user=row[8] or "",
        ringing_key=row[9],
    )


def _pickup(row: Sequence[Any]) -> PickupRequest:
    return PickupRequest(
        id=row[0], call_key=row[1], seat=row[2], to_user=row[3], operator=row[4],
        requested_at=from_db(row[5]), result=PickupResult(row[6]),
        done_at=from_db_or_none(row[7]),
    )  # fmt: skip


def _entry(row: Sequence[Any]) -> SeatLogEntry:
    return SeatLogEntry(
        id=row[0], at=from_db(row[1]), seat=row[2], operator=row[3], state=SeatState(row[4]),
        reason=row[5],
    )  # fmt: skip


class SqliteOfficeStore(SqliteTables):
    """Implements :class:`storage.interfaces.OperatorStore` and
    :class:`storage.interfaces.SeatStore`."""

    # ---- operators ------------------------------------------------------------------
    def add_operator(self, operator: Operator, password_hash: str) -> Operator:
        from office.operators import LoginTaken

        created = operator.created_at or dt.datetime.now(dt.UTC)
        with self._tx(OPERATORS) as conn:
            if self.get_operator(operator.login) is not None:
                raise LoginTaken(operator.login)
            cursor = conn.execute(
                "INSERT INTO operators (login, display_name, password_hash, role, active, "
                "created_at) VALUES (?, ?, ?, ?, ?, ?)",
                (operator.login, operator.display_name, password_hash, str(operator.role),
                 int(operator.active), to_db(created)),
            )  # fmt: skip
            self._c.changed(OPERATORS, cursor.lastrowid)
        found = self.get_operator(operator.login)
        assert found is not None
        return found

    def get_operator(self, login: str) -> Operator | None:
        row = self._one(f"SELECT {_OPERATOR_COLS} FROM operators WHERE login = ?", (login,))
        return None if row is None else _operator(row)

    def password_hash(self, login: str) -> str | None:
        row = self._one("SELECT password_hash FROM operators WHERE login = ?", (login,))
        return None if row is None else str(row[0])

    def list_operators(self) -> list[Operator]:
        rows = self._all(f"SELECT {_OPERATOR_COLS} FROM operators ORDER BY login")
        return [_operator(r) for r in rows]

    def count_operators(self) -> int:
        return int(self._one("SELECT count(*) FROM operators")[0])

    def _set_operator(self, login: str, column: str, value: object) -> None:
        with self._tx(OPERATORS) as conn:
            cursor = conn.execute(f"UPDATE operators SET {column} = ? WHERE login = ?",
                                  (value, login))  # fmt: skip
            if cursor.rowcount == 0:
                raise NotFound("operator", login)

    def set_password_hash(self, login: str, password_hash: str) -> None:
        self._set_operator(login, "password_hash", password_hash)

    def set_operator_active(self, login: str, active: bool) -> None:
        self._set_operator(login, "active", int(active))

    # ---- seats ----------------------------------------------------------------------
    def put_seat_state(self, status: SeatStatus, entry: SeatLogEntry | None) -> None:
        with self._tx(SEATS) as conn:
            conn.execute("DELETE FROM seat_states WHERE seat = ?", (status.seat,))
            conn.execute(
                f"INSERT INTO seat_states ({_SEAT_COLS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (status.seat, status.seat_name, status.operator, str(status.state),
                 status.reason, to_db(status.since), to_db_or_none(status.until),
                 status.call_key, status.sip_user, status.ringing_key),
            )  # fmt: skip
            if entry is not None:
                conn.execute(
                    "INSERT INTO seat_state_log (at, seat, operator, state, reason) "
                    "VALUES (?, ?, ?, ?, ?)",
                    (to_db(entry.at), entry.seat, entry.operator, str(entry.state),
                     entry.reason),
                )  # fmt: skip

    def seat_state(self, seat: str) -> SeatStatus | None:
        row = self._one(f"SELECT {_SEAT_COLS} FROM seat_states WHERE seat = ?", (seat,))
        return None if row is None else _status(row)

    def colleague_seats(self) -> list[ColleagueSeat]:
        """Every seat, with the call it is on if that call is still open in the call log."""
        cols = ", ".join(f"s.{c.strip()}" for c in _SEAT_COLS.split(","))
        rows = self._all(
            f"SELECT {cols}, c.caller_name, c.caller_number, cl.name, "
            "r.caller_name, r.caller_number FROM seat_states s "
            "LEFT JOIN calls c ON c.call_key = s.call_key AND c.outcome IS NULL "
            "LEFT JOIN clients cl ON cl.id = c.client_id "
            "LEFT JOIN calls r ON r.call_key = s.ringing_key "
            "ORDER BY s.seat_name, s.seat"
        )
        n = _N_SEAT
        return [
            ColleagueSeat(
                _status(r[:n]),
                caller=r[n] or r[n + 1] or "",
                client=r[n + 2] or "",
                ringing_caller=r[n + 3] or r[n + 4] or "",
            )
            for r in rows
        ]

    # ---- pickups --------------------------------------------------------------------
    def request_pickup(self, request: PickupRequest) -> PickupRequest:
        """Ask for the call; returns the request that holds it — this one, or a
        colleague's that came first (one per call and ringing seat)."""
        with self._tx(PICKUPS) as conn:
            found = self._one(
                f"SELECT {_PICKUP_COLS} FROM pickups WHERE call_key = ? AND seat = ?",
                (request.call_key, request.seat),
            )
            if found is not None:
                return _pickup(found)
            cursor = conn.execute(
                "INSERT INTO pickups (call_key, seat, to_user, operator, requested_at, result) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (request.call_key, request.seat, request.to_user, request.operator,
                 to_db(request.requested_at), str(PickupResult.PENDING)),
            )  # fmt: skip
            self._c.changed(PICKUPS, cursor.lastrowid)
        made = self._one(
            f"SELECT {_PICKUP_COLS} FROM pickups WHERE call_key = ? AND seat = ?",
            (request.call_key, request.seat),
        )
        return _pickup(made)

    def pending_pickups(self, seat: str) -> list[PickupRequest]:
        """The requests for calls ringing at ``seat`` that it has not answered yet."""
        rows = self._all(
            f"SELECT {_PICKUP_COLS} FROM pickups WHERE seat = ? AND result = ? ORDER BY id",
            (seat, str(PickupResult.PENDING)),
        )
        return [_pickup(r) for r in rows]

    def finish_pickup(self, pickup_id: int, result: PickupResult, at: dt.datetime) -> None:
        with self._tx(PICKUPS) as conn:
            conn.execute(
                "UPDATE pickups SET result = ?, done_at = ? WHERE id = ? AND result = ?",
                (str(result), to_db(at), pickup_id, str(PickupResult.PENDING)),
            )
            self._c.changed(PICKUPS, pickup_id)

    def seat_log(
        self,
        seat: str | None = None,
        start: dt.datetime | None = None,
        end: dt.datetime | None = None,
    ) -> list[SeatLogEntry]:
        """Log entries (oldest first) of one seat or all, ``start <= at < end``."""
        conditions, params = ["1 = 1"], []
        if seat is not None:
            conditions.append("seat = ?")
            params.append(seat)
        if start is not None:
            conditions.append("at >= ?")
            params.append(to_db(start))
        if end is not None:
            conditions.append("at < ?")
            params.append(to_db(end))
        rows = self._all(
            f"SELECT {_LOG_COLS} FROM seat_state_log WHERE {' AND '.join(conditions)} "
            "ORDER BY at, id",
            params,
        )
        return [_entry(r) for r in rows]

    def last_states(self, seat: str, limit: int = 10) -> list[SeatLogEntry]:
        rows = self._all(
            f"SELECT {_LOG_COLS} FROM seat_state_log WHERE seat = ? "
            "ORDER BY at DESC, id DESC LIMIT ?",
            (seat, limit),
        )
        return [_entry(r) for r in rows]

    def wrap_up_seconds(self, client_id: int) -> int:
        row = self._one("SELECT wrap_up_s FROM clients WHERE id = ?", (client_id,))
        return 0 if row is None else int(row[0])
