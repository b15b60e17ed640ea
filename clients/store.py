"""Where clients, callers and the call log live: one small interface, one SQLite backend.

:class:`ClientStore` is everything the rest of the app may ask of a store, so that the
shared PostgreSQL store of a later issue can stand in for :class:`SqliteClientStore`.
Every number given to a store method may be in any usual spelling; the store normalises
it (:mod:`clients.phone_numbers`) and raises :class:`~clients.errors.InvalidNumber` if it
holds no number. Datetimes must be timezone-aware; they come back in UTC.

The SQLite store keeps one connection (WAL, foreign keys on) guarded by a lock; reads
on the hot lookup path go straight to ``sqlite3`` to avoid per-query savepoints.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import re
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import sqlite_utils

from clients import migrations
from clients import phone_numbers as pn
from clients.errors import DuplicateCode, InvalidNumber, NotFound, NumberTaken
from clients.model import (
    Availability,
    BusinessHours,
    Caller,
    CallRecord,
    Client,
    ClientNumber,
    ClientProfile,
    ClosurePeriod,
    Direction,
    FaqEntry,
    OpeningInterval,
    Outcome,
    Script,
    Staff,
    Variant,
    format_hhmm,
    parse_hhmm,
)

SHARED_SCOPE = 0  # caller_numbers.scope for callers shared by all clients


class _Unset:
    """Marks an ``update_call`` argument that was not given (``None`` is a real value)."""


UNSET = _Unset()


@runtime_checkable
class ClientStore(Protocol):
    """The store interface the app depends on (SQLite now, PostgreSQL later)."""

    def close(self) -> None: ...
    def transaction(self) -> contextlib.AbstractContextManager[None]: ...

    # clients
    def add_client(self, client: Client) -> Client: ...
    def update_client(self, client: Client) -> Client: ...
    def delete_client(self, client_id: int) -> None: ...
    def get_client(self, client_id: int) -> Client | None: ...
    def get_client_by_code(self, code: str) -> Client | None: ...
    def list_clients(self) -> list[Client]: ...
    def get_profile(self, client_id: int) -> ClientProfile | None: ...

    # numbers identifying clients
    def add_number(self, client_id: int, number: str, label: str = "") -> ClientNumber: ...
    def remove_number(self, number: str) -> bool: ...
    def list_numbers(self, client_id: int) -> list[ClientNumber]: ...
    def find_client_by_numbers(self, candidates: Sequence[str | None]) -> Client | None: ...

    # scripts, hours, closures, staff, FAQ
    def set_script(self, script: Script) -> Script: ...
    def delete_script(self, script_id: int) -> None: ...
    def list_scripts(self, client_id: int) -> list[Script]: ...
    def set_business_hours(self, client_id: int, hours: BusinessHours) -> None: ...
    def get_business_hours(self, client_id: int) -> BusinessHours: ...
    def add_closure(self, closure: ClosurePeriod) -> ClosurePeriod: ...
    def delete_closure(self, closure_id: int) -> None: ...
    def list_closures(self, client_id: int) -> list[ClosurePeriod]: ...
    def add_staff(self, staff: Staff) -> Staff: ...
    def update_staff(self, staff: Staff) -> Staff: ...
    def delete_staff(self, staff_id: int) -> None: ...
    def list_staff(self, client_id: int) -> list[Staff]: ...
    def add_faq(self, entry: FaqEntry) -> FaqEntry: ...
    def delete_faq(self, faq_id: int) -> None: ...
    def list_faq(self, client_id: int) -> list[FaqEntry]: ...

    # callers
    def add_caller(self, caller: Caller) -> Caller: ...
    def add_callers(self, callers: Iterable[Caller]) -> int: ...
    def update_caller(self, caller: Caller) -> Caller: ...
    def delete_caller(self, caller_id: int) -> None: ...
    def get_caller(self, caller_id: int) -> Caller | None: ...
    def list_callers(self, client_id: int | None) -> list[Caller]: ...
    def find_caller(self, client_id: int | None, number: str | None) -> Caller | None: ...
    def search_callers(self, client_id: int | None, text: str, limit: int = 50) -> list[Caller]: ...

    # call log
    def record_call(self, call: CallRecord) -> int: ...
    def update_call(
        self,
        call_id: int,
        *,
        client_id: int | _Unset | None = UNSET,
        caller_name: str | _Unset = UNSET,
        answered_at: dt.datetime | _Unset | None = UNSET,
        ended_at: dt.datetime | _Unset | None = UNSET,
        duration_s: float | _Unset | None = UNSET,
        outcome: Outcome | _Unset | None = UNSET,
    ) -> CallRecord: ...
    def get_call(self, call_id: int) -> CallRecord | None: ...
    def recent_calls(self, limit: int = 50, client_id: int | None = None) -> list[CallRecord]: ...
    def calls_for_caller(
        self, client_id: int | None, number: str | None, limit: int = 10
    ) -> list[CallRecord]: ...
    def calls_between(
        self, client_id: int | None, start: dt.datetime, end: dt.datetime
    ) -> list[CallRecord]: ...


# -- conversions ---------------------------------------------------------------------------


def _key(raw: str) -> str:
    key = pn.normalise(raw)
    if key is None:
        raise InvalidNumber(raw)
    return key


def _ts(value: dt.datetime | None) -> str | None:
    if value is None:
        return None
    if value.tzinfo is None:
        raise ValueError(f"datetime must be timezone-aware: {value!r}")
    return value.astimezone(dt.UTC).isoformat(timespec="microseconds")


def _from_ts(text: str | None) -> dt.datetime | None:
    return None if text is None else dt.datetime.fromisoformat(text)


_CLIENT_COLS = (
    "id, code, name, colour, language, state, timezone, report_recipients, "
    "report_time, encrypt_reports"
)
_CALLER_COLS = "id, client_id, name, company, salutation, notes, vip, blocked"
_CALL_COLS = (
    "id, client_id, caller_number, caller_name, dialled_number, direction, "
    "started_at, answered_at, ended_at, duration_s, outcome, sip_call_id"
)
_STAFF_COLS = (
    "id, client_id, name, role, transfer_target, availability, absent_until, note, "
    "always_put_through, position"
)


def _client(row: Sequence[Any]) -> Client:
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
    )


def _call(row: Sequence[Any]) -> CallRecord:
    started = _from_ts(row[6])
    assert started is not None
    return CallRecord(
        id=row[0],
        client_id=row[1],
        caller_number=row[2],
        caller_name=row[3],
        dialled_number=row[4],
        direction=Direction(row[5]),
        started_at=started,
        answered_at=_from_ts(row[7]),
        ended_at=_from_ts(row[8]),
        duration_s=row[9],
        outcome=Outcome(row[10]) if row[10] else None,
        sip_call_id=row[11],
    )


def _staff(row: Sequence[Any]) -> Staff:
    return Staff(
        id=row[0],
        client_id=row[1],
        name=row[2],
        role=row[3],
        transfer_target=row[4],
        availability=Availability(row[5]),
        absent_until=_from_ts(row[6]),
        note=row[7],
        always_put_through=tuple(json.loads(row[8])),
        position=row[9],
    )


def _numbers_text(numbers: Iterable[str]) -> str:
    return " ".join(form for n in numbers for form in pn.search_forms(n))


_WORD = re.compile(r"\w+", re.UNICODE)
_NUMBERISH = re.compile(r"^[\s+()\-./\d]+$")


def fts_query(text: str) -> str | None:
    """User text → a safe FTS5 query: every word as a quoted prefix, all words required.

    Text that looks like a phone number becomes one digit prefix, so ``030 12`` finds
    ``030 1234567``.
    """
    if _NUMBERISH.match(text) and sum(ch.isdigit() for ch in text) >= 2:
        digits = re.sub(r"\D", "", text)
        if digits.startswith("00"):
            digits = digits[2:]
        return f'"{digits}"*'
    words = _WORD.findall(text)
    if not words:
        return None
    return " ".join(f'"{w}"*' for w in words)


class SqliteClientStore:
    """SQLite implementation of :class:`ClientStore` (one file, one connection, WAL)."""

    def __init__(self, path: Path | str) -> None:
        self.path = None if str(path) == ":memory:" else Path(path)
        if self.path is not None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(str(path), timeout=10.0, check_same_thread=False)
        self._lock = threading.RLock()
        self._db = sqlite_utils.Database(conn, execute_plugins=False)
        self._conn = conn
        try:
            if self.path is not None:
                self._db.enable_wal()
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA synchronous = NORMAL")
            migrations.migrate(conn, self.path)
        except BaseException:
            conn.close()
            raise

    # -- plumbing --------------------------------------------------------------------------

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> SqliteClientStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        return migrations.current_version(self._conn)

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """All writes inside happen together or not at all (nested: savepoints)."""
        with self._lock, self._db.atomic():
            yield

    @contextlib.contextmanager
    def connection(self) -> Iterator[sqlite3.Connection]:
        """The store's one connection, under its lock, for companion stores on the same
        file (:class:`clients.notes.SqliteNotesStore`); write inside :meth:`transaction`."""
        with self._lock:
            yield self._conn

    def _delete_row(self, table: str, row_id: int) -> None:
        """Delete one row by id (tables here are ours, never user input)."""
        with self.transaction():
            self._conn.execute(f"DELETE FROM {table} WHERE id = ?", (row_id,))

    def _one(self, sql: str, params: Sequence[Any] = ()) -> Any:
        with self._lock:
            return self._conn.execute(sql, params).fetchone()

    def _all(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        with self._lock:
            return self._conn.execute(sql, params).fetchall()

    def _require(self, table: str, row_id: int, what: str) -> None:
        if self._one(f"SELECT 1 FROM {table} WHERE id = ?", (row_id,)) is None:
            raise NotFound(what, row_id)

    # -- clients ---------------------------------------------------------------------------

    def _client_values(self, c: Client) -> tuple[Any, ...]:
        return (
            c.code,
            c.name,
            c.colour,
            c.language,
            c.state,
            c.timezone,
            json.dumps(list(c.report_recipients)),
            c.report_time,
            int(c.encrypt_reports),
        )

    def add_client(self, client: Client) -> Client:
        with self.transaction():
            if self.get_client_by_code(client.code) is not None:
                raise DuplicateCode(client.code)
            cur = self._conn.execute(
                "INSERT INTO clients (code, name, colour, language, state, timezone, "
                "report_recipients, report_time, encrypt_reports) VALUES (?,?,?,?,?,?,?,?,?)",
                self._client_values(client),
            )
        return replace(client, id=cur.lastrowid)

    def update_client(self, client: Client) -> Client:
        if client.id is None:
            raise NotFound("client", None)
        with self.transaction():
            self._require("clients", client.id, "client")
            other = self.get_client_by_code(client.code)
            if other is not None and other.id != client.id:
                raise DuplicateCode(client.code)
            self._conn.execute(
                "UPDATE clients SET code=?, name=?, colour=?, language=?, state=?, timezone=?, "
                "report_recipients=?, report_time=?, encrypt_reports=? WHERE id=?",
                (*self._client_values(client), client.id),
            )
        return client

    def delete_client(self, client_id: int) -> None:
        with self.transaction():
            self._require("clients", client_id, "client")
            self._conn.execute("DELETE FROM clients WHERE id = ?", (client_id,))

    def get_client(self, client_id: int) -> Client | None:
        row = self._one(f"SELECT {_CLIENT_COLS} FROM clients WHERE id = ?", (client_id,))
        return _client(row) if row else None

    def get_client_by_code(self, code: str) -> Client | None:
        row = self._one(f"SELECT {_CLIENT_COLS} FROM clients WHERE code = ?", (code,))
        return _client(row) if row else None

    def list_clients(self) -> list[Client]:
        return [_client(r) for r in self._all(f"SELECT {_CLIENT_COLS} FROM clients ORDER BY name")]

    def get_profile(self, client_id: int) -> ClientProfile | None:
        with self._lock:
            client = self.get_client(client_id)
            if client is None:
                return None
            return ClientProfile(
                client=client,
                numbers=tuple(self.list_numbers(client_id)),
                scripts=tuple(self.list_scripts(client_id)),
                hours=self.get_business_hours(client_id),
                closures=tuple(self.list_closures(client_id)),
                staff=tuple(self.list_staff(client_id)),
                faq=tuple(self.list_faq(client_id)),
            )

    # -- numbers ---------------------------------------------------------------------------

    def add_number(self, client_id: int, number: str, label: str = "") -> ClientNumber:
        key = _key(number)
        with self.transaction():
            self._require("clients", client_id, "client")
            row = self._conn.execute(
                "SELECT n.client_id, c.code, c.name FROM client_numbers n "
                "JOIN clients c ON c.id = n.client_id WHERE n.number = ?",
                (key,),
            ).fetchone()
            if row is not None:
                if row[0] == client_id:
                    raise NumberTaken(key, f"this client ({row[1]}) already")
                raise NumberTaken(key, f"client {row[1]} ({row[2]})")
            cur = self._conn.execute(
                "INSERT INTO client_numbers (client_id, number, label) VALUES (?,?,?)",
                (client_id, key, label),
            )
        assert cur.lastrowid is not None
        return ClientNumber(id=cur.lastrowid, client_id=client_id, number=key, label=label)

    def remove_number(self, number: str) -> bool:
        key = pn.normalise(number)
        if key is None:
            return False
        with self.transaction():
            cur = self._conn.execute("DELETE FROM client_numbers WHERE number = ?", (key,))
        return cur.rowcount > 0

    def list_numbers(self, client_id: int) -> list[ClientNumber]:
        rows = self._all(
            "SELECT id, client_id, number, label FROM client_numbers WHERE client_id = ? "
            "ORDER BY id",
            (client_id,),
        )
        return [ClientNumber(id=r[0], client_id=r[1], number=r[2], label=r[3]) for r in rows]

    def find_client_by_numbers(self, candidates: Sequence[str | None]) -> Client | None:
        """The client of the first candidate (in the given order) that is a known number."""
        for raw in candidates:
            key = pn.normalise(raw)
            if key is None:
                continue
            row = self._one(
                f"SELECT {_CLIENT_COLS} FROM clients WHERE id = "
                "(SELECT client_id FROM client_numbers WHERE number = ?)",
                (key,),
            )
            if row is not None:
                return _client(row)
        return None

    # -- scripts ---------------------------------------------------------------------------

    def set_script(self, script: Script) -> Script:
        """Insert or replace the script for (client, variant, language)."""
        with self.transaction():
            self._require("clients", script.client_id, "client")
            self._conn.execute(
                "INSERT INTO scripts (client_id, variant, language, greeting, instructions) "
                "VALUES (?,?,?,?,?) ON CONFLICT (client_id, variant, language) DO UPDATE SET "
                "greeting = excluded.greeting, instructions = excluded.instructions",
                (
                    script.client_id,
                    str(script.variant),
                    script.language,
                    script.greeting,
                    script.instructions,
                ),
            )
            row = self._conn.execute(
                "SELECT id FROM scripts WHERE client_id=? AND variant=? AND language=?",
                (script.client_id, str(script.variant), script.language),
            ).fetchone()
        return replace(script, id=row[0])

    def delete_script(self, script_id: int) -> None:
        self._delete_row("scripts", script_id)

    def list_scripts(self, client_id: int) -> list[Script]:
        rows = self._all(
            "SELECT id, client_id, variant, language, greeting, instructions FROM scripts "
            "WHERE client_id = ? ORDER BY id",
            (client_id,),
        )
        return [
            Script(
                id=r[0],
                client_id=r[1],
                variant=Variant(r[2]),
                language=r[3],
                greeting=r[4],
                instructions=r[5],
            )
            for r in rows
        ]

    # -- hours and closures ----------------------------------------------------------------

    def set_business_hours(self, client_id: int, hours: BusinessHours) -> None:
        with self.transaction():
            self._require("clients", client_id, "client")
            self._conn.execute("DELETE FROM business_hours WHERE client_id = ?", (client_id,))
            self._conn.executemany(
                "INSERT INTO business_hours (client_id, weekday, opens, closes) VALUES (?,?,?,?)",
                [
                    (client_id, i.weekday, format_hhmm(i.opens), format_hhmm(i.closes))
                    for i in hours.intervals
                ],
            )

    def get_business_hours(self, client_id: int) -> BusinessHours:
        rows = self._all(
            "SELECT weekday, opens, closes FROM business_hours WHERE client_id = ? "
            "ORDER BY weekday, opens",
            (client_id,),
        )
        return BusinessHours(
            tuple(OpeningInterval(r[0], parse_hhmm(r[1]), parse_hhmm(r[2])) for r in rows)
        )

    def add_closure(self, closure: ClosurePeriod) -> ClosurePeriod:
        with self.transaction():
            self._require("clients", closure.client_id, "client")
            cur = self._conn.execute(
                "INSERT INTO closures (client_id, start_date, end_date, reason) VALUES (?,?,?,?)",
                (
                    closure.client_id,
                    closure.start.isoformat(),
                    closure.end.isoformat(),
                    closure.reason,
                ),
            )
        return replace(closure, id=cur.lastrowid)

    def delete_closure(self, closure_id: int) -> None:
        self._delete_row("closures", closure_id)

    def list_closures(self, client_id: int) -> list[ClosurePeriod]:
        rows = self._all(
            "SELECT id, client_id, start_date, end_date, reason FROM closures "
            "WHERE client_id = ? ORDER BY start_date",
            (client_id,),
        )
        return [
            ClosurePeriod(
                id=r[0],
                client_id=r[1],
                start=dt.date.fromisoformat(r[2]),
                end=dt.date.fromisoformat(r[3]),
                reason=r[4],
            )
            for r in rows
        ]

    # -- staff and FAQ ---------------------------------------------------------------------

    def _staff_values(self, s: Staff) -> tuple[Any, ...]:
        put_through = sorted({_key(n) for n in s.always_put_through})
        return (
            s.client_id,
            s.name,
            s.role,
            s.transfer_target,
            str(s.availability),
            _ts(s.absent_until),
            s.note,
            json.dumps(put_through),
            s.position,
        )

    def add_staff(self, staff: Staff) -> Staff:
        values = self._staff_values(staff)
        with self.transaction():
            self._require("clients", staff.client_id, "client")
            cur = self._conn.execute(
                "INSERT INTO staff (client_id, name, role, transfer_target, availability, "
                "absent_until, note, always_put_through, position) VALUES (?,?,?,?,?,?,?,?,?)",
                values,
            )
        return replace(staff, id=cur.lastrowid, always_put_through=tuple(json.loads(values[7])))

    def update_staff(self, staff: Staff) -> Staff:
        if staff.id is None:
            raise NotFound("staff member", None)
        values = self._staff_values(staff)
        with self.transaction():
            self._require("staff", staff.id, "staff member")
            self._conn.execute(
                "UPDATE staff SET client_id=?, name=?, role=?, transfer_target=?, availability=?, "
                "absent_until=?, note=?, always_put_through=?, position=? WHERE id=?",
                (*values, staff.id),
            )
        return replace(staff, always_put_through=tuple(json.loads(values[7])))

    def delete_staff(self, staff_id: int) -> None:
        self._delete_row("staff", staff_id)

    def list_staff(self, client_id: int) -> list[Staff]:
        rows = self._all(
            f"SELECT {_STAFF_COLS} FROM staff WHERE client_id = ? ORDER BY position, id",
            (client_id,),
        )
        return [_staff(r) for r in rows]

    def add_faq(self, entry: FaqEntry) -> FaqEntry:
        with self.transaction():
            self._require("clients", entry.client_id, "client")
            cur = self._conn.execute(
                "INSERT INTO faq (client_id, question, answer, position) VALUES (?,?,?,?)",
                (entry.client_id, entry.question, entry.answer, entry.position),
            )
        return replace(entry, id=cur.lastrowid)

    def delete_faq(self, faq_id: int) -> None:
        self._delete_row("faq", faq_id)

    def list_faq(self, client_id: int) -> list[FaqEntry]:
        rows = self._all(
            "SELECT id, client_id, question, answer, position FROM faq WHERE client_id = ? "
            "ORDER BY position, id",
            (client_id,),
        )
        return [
            FaqEntry(id=r[0], client_id=r[1], question=r[2], answer=r[3], position=r[4])
            for r in rows
        ]

    # -- callers ---------------------------------------------------------------------------

    @staticmethod
    def _scope(client_id: int | None) -> int:
        return SHARED_SCOPE if client_id is None else client_id

    def _check_caller_numbers(self, scope: int, keys: Sequence[str], caller_id: int | None) -> None:
        for key in keys:
            row = self._conn.execute(
                "SELECT c.id, c.name, c.company FROM caller_numbers n "
                "JOIN callers c ON c.id = n.caller_id WHERE n.scope = ? AND n.number = ?",
                (scope, key),
            ).fetchone()
            if row is not None and row[0] != caller_id:
                raise NumberTaken(key, f"the caller {row[1] or row[2]!r}")

    def add_caller(self, caller: Caller) -> Caller:
        keys = tuple(dict.fromkeys(_key(n) for n in caller.numbers))
        with self.transaction():
            if caller.client_id is not None:
                self._require("clients", caller.client_id, "client")
            scope = self._scope(caller.client_id)
            self._check_caller_numbers(scope, keys, None)
            cur = self._conn.execute(
                "INSERT INTO callers (client_id, name, company, salutation, notes, vip, blocked, "
                "numbers_text) VALUES (?,?,?,?,?,?,?,?)",
                (
                    caller.client_id,
                    caller.name,
                    caller.company,
                    caller.salutation,
                    caller.notes,
                    int(caller.vip),
                    int(caller.blocked),
                    _numbers_text(keys),
                ),
            )
            caller_id = cur.lastrowid
            self._index_callers(caller_id, caller_id)
            self._conn.executemany(
                "INSERT INTO caller_numbers (caller_id, scope, number) VALUES (?,?,?)",
                [(caller_id, scope, k) for k in keys],
            )
        return replace(caller, id=caller_id, numbers=keys)

    def add_callers(self, callers: Iterable[Caller]) -> int:
        """Bulk insert (imports, benchmarks) in one transaction; returns the count.

        Numbers must be free in their scope; a taken number raises :class:`NumberTaken`
        and nothing is inserted.
        """
        count = 0
        with self.transaction():
            next_id = (
                int(self._conn.execute("SELECT coalesce(max(id), 0) FROM callers").fetchone()[0])
                + 1
            )
            known_clients = {r[0] for r in self._conn.execute("SELECT id FROM clients")}
            batch: list[tuple[Any, ...]] = []
            number_rows: list[tuple[int, int, str]] = []
            for caller in callers:
                if caller.client_id is not None and caller.client_id not in known_clients:
                    raise NotFound("client", caller.client_id)
                keys = tuple(dict.fromkeys(_key(n) for n in caller.numbers))
                scope = self._scope(caller.client_id)
                batch.append(
                    (
                        next_id,
                        caller.client_id,
                        caller.name,
                        caller.company,
                        caller.salutation,
                        caller.notes,
                        int(caller.vip),
                        int(caller.blocked),
                        _numbers_text(keys),
                    )
                )
                number_rows.extend((next_id, scope, k) for k in keys)
                next_id += 1
                count += 1
                if len(batch) >= 5000:
                    self._flush_callers(batch, number_rows)
            self._flush_callers(batch, number_rows)
        return count

    def _flush_callers(
        self, batch: list[tuple[Any, ...]], number_rows: list[tuple[int, int, str]]
    ) -> None:
        self._conn.executemany(
            "INSERT INTO callers (id, client_id, name, company, salutation, notes, vip, blocked, "
            "numbers_text) VALUES (?,?,?,?,?,?,?,?,?)",
            batch,
        )
        if batch:
            self._index_callers(batch[0][0], batch[-1][0])
        try:
            self._conn.executemany(
                "INSERT INTO caller_numbers (caller_id, scope, number) VALUES (?,?,?)",
                number_rows,
            )
        except sqlite3.IntegrityError:
            # rows before the failing one are in; the failing key is held by another caller
            for caller_id, scope, key in number_rows:
                owner = self._conn.execute(
                    "SELECT c.id, c.name, c.company FROM caller_numbers n JOIN callers c "
                    "ON c.id = n.caller_id WHERE n.scope = ? AND n.number = ?",
                    (scope, key),
                ).fetchone()
                if owner is not None and owner[0] != caller_id:
                    raise NumberTaken(key, f"the caller {owner[1] or owner[2]!r}") from None
            raise
        batch.clear()
        number_rows.clear()

    def _index_callers(self, first_id: int | None, last_id: int | None) -> None:
        """Add callers ``first_id..last_id`` (just inserted) to the full-text index."""
        self._conn.execute(
            "INSERT INTO callers_fts (rowid, name, company, notes, numbers_text) "
            "SELECT id, name, company, notes, numbers_text FROM callers WHERE id BETWEEN ? AND ?",
            (first_id, last_id),
        )

    def update_caller(self, caller: Caller) -> Caller:
        if caller.id is None:
            raise NotFound("caller", None)
        keys = tuple(dict.fromkeys(_key(n) for n in caller.numbers))
        with self.transaction():
            self._require("callers", caller.id, "caller")
            if caller.client_id is not None:
                self._require("clients", caller.client_id, "client")
            scope = self._scope(caller.client_id)
            self._check_caller_numbers(scope, keys, caller.id)
            self._conn.execute(
                "UPDATE callers SET client_id=?, name=?, company=?, salutation=?, notes=?, vip=?, "
                "blocked=?, numbers_text=? WHERE id=?",
                (
                    caller.client_id,
                    caller.name,
                    caller.company,
                    caller.salutation,
                    caller.notes,
                    int(caller.vip),
                    int(caller.blocked),
                    _numbers_text(keys),
                    caller.id,
                ),
            )
            self._conn.execute("DELETE FROM caller_numbers WHERE caller_id = ?", (caller.id,))
            self._conn.executemany(
                "INSERT INTO caller_numbers (caller_id, scope, number) VALUES (?,?,?)",
                [(caller.id, scope, k) for k in keys],
            )
        return replace(caller, numbers=keys)

    def delete_caller(self, caller_id: int) -> None:
        self._delete_row("callers", caller_id)

    def _callers(self, rows: list[Any]) -> list[Caller]:
        if not rows:
            return []
        ids = [r[0] for r in rows]
        numbers: dict[int, list[str]] = {i: [] for i in ids}
        for chunk_start in range(0, len(ids), 500):
            chunk = ids[chunk_start : chunk_start + 500]
            marks = ",".join("?" * len(chunk))
            for caller_id, number in self._conn.execute(
                f"SELECT caller_id, number FROM caller_numbers WHERE caller_id IN ({marks}) "
                "ORDER BY id",
                chunk,
            ):
                numbers[caller_id].append(number)
        return [
            Caller(
                id=r[0],
                client_id=r[1],
                name=r[2],
                company=r[3],
                salutation=r[4],
                notes=r[5],
                vip=bool(r[6]),
                blocked=bool(r[7]),
                numbers=tuple(numbers[r[0]]),
            )
            for r in rows
        ]

    def get_caller(self, caller_id: int) -> Caller | None:
        with self._lock:
            rows = self._all(f"SELECT {_CALLER_COLS} FROM callers WHERE id = ?", (caller_id,))
            found = self._callers(rows)
        return found[0] if found else None

    def list_callers(self, client_id: int | None) -> list[Caller]:
        """Callers of one client, or the shared callers when ``client_id`` is ``None``."""
        with self._lock:
            if client_id is None:
                rows = self._all(
                    f"SELECT {_CALLER_COLS} FROM callers WHERE client_id IS NULL ORDER BY id"
                )
            else:
                rows = self._all(
                    f"SELECT {_CALLER_COLS} FROM callers WHERE client_id = ? ORDER BY id",
                    (client_id,),
                )
            return self._callers(rows)

    def find_caller(self, client_id: int | None, number: str | None) -> Caller | None:
        """The client's own caller with this number, else a shared caller, else ``None``."""
        key = pn.normalise(number)
        if key is None:
            return None
        with self._lock:
            row = None
            if client_id is not None:
                row = self._conn.execute(
                    "SELECT caller_id FROM caller_numbers WHERE scope = ? AND number = ?",
                    (client_id, key),
                ).fetchone()
            if row is None:
                row = self._conn.execute(
                    "SELECT caller_id FROM caller_numbers WHERE scope = ? AND number = ?",
                    (SHARED_SCOPE, key),
                ).fetchone()
            return None if row is None else self.get_caller(row[0])

    def search_callers(self, client_id: int | None, text: str, limit: int = 50) -> list[Caller]:
        """Full-text search (name, company, notes, numbers) within one client + shared."""
        query = fts_query(text)
        if query is None:
            return []
        scope_sql = (
            "c.client_id IS NULL"
            if client_id is None
            else ("(c.client_id = ? OR c.client_id IS NULL)")
        )
        params: list[Any] = [query]
        if client_id is not None:
            params.append(client_id)
        params.append(limit)
        with self._lock:
            rows = self._conn.execute(
                f"SELECT c.id, c.client_id, c.name, c.company, c.salutation, c.notes, c.vip, "
                f"c.blocked FROM callers_fts f JOIN callers c ON c.id = f.rowid "
                f"WHERE callers_fts MATCH ? AND {scope_sql} ORDER BY f.rank LIMIT ?",
                params,
            ).fetchall()
            return self._callers(rows)

    # -- call log --------------------------------------------------------------------------

    def record_call(self, call: CallRecord) -> int:
        caller_key = pn.normalise(call.caller_number)
        dialled_key = pn.normalise(call.dialled_number)
        with self.transaction():
            cur = self._conn.execute(
                "INSERT INTO calls (client_id, caller_number, caller_name, dialled_number, "
                "direction, started_at, answered_at, ended_at, duration_s, outcome, sip_call_id) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                (
                    call.client_id,
                    caller_key or call.caller_number,
                    call.caller_name,
                    dialled_key or call.dialled_number,
                    str(call.direction),
                    _ts(call.started_at),
                    _ts(call.answered_at),
                    _ts(call.ended_at),
                    call.duration_s,
                    str(call.outcome) if call.outcome else None,
                    call.sip_call_id,
                ),
            )
        assert cur.lastrowid is not None
        return cur.lastrowid

    def update_call(
        self,
        call_id: int,
        *,
        client_id: int | _Unset | None = UNSET,
        caller_name: str | _Unset = UNSET,
        answered_at: dt.datetime | _Unset | None = UNSET,
        ended_at: dt.datetime | _Unset | None = UNSET,
        duration_s: float | _Unset | None = UNSET,
        outcome: Outcome | _Unset | None = UNSET,
    ) -> CallRecord:
        """Change the given fields of a logged call; returns the updated record."""
        changes: dict[str, Any] = {}
        if not isinstance(client_id, _Unset):
            changes["client_id"] = client_id
        if not isinstance(caller_name, _Unset):
            changes["caller_name"] = caller_name
        if not isinstance(answered_at, _Unset):
            changes["answered_at"] = _ts(answered_at)
        if not isinstance(ended_at, _Unset):
            changes["ended_at"] = _ts(ended_at)
        if not isinstance(duration_s, _Unset):
            changes["duration_s"] = duration_s
        if not isinstance(outcome, _Unset):
            changes["outcome"] = None if outcome is None else str(Outcome(outcome))
        with self.transaction():
            self._require("calls", call_id, "call")
            if changes:
                assignments = ", ".join(f"{name} = ?" for name in changes)
                self._conn.execute(
                    f"UPDATE calls SET {assignments} WHERE id = ?", (*changes.values(), call_id)
                )
            record = self.get_call(call_id)
        assert record is not None
        return record

    def get_call(self, call_id: int) -> CallRecord | None:
        row = self._one(f"SELECT {_CALL_COLS} FROM calls WHERE id = ?", (call_id,))
        return _call(row) if row else None

    def recent_calls(self, limit: int = 50, client_id: int | None = None) -> list[CallRecord]:
        """Newest first; all clients when ``client_id`` is ``None``."""
        if client_id is None:
            rows = self._all(
                f"SELECT {_CALL_COLS} FROM calls ORDER BY started_at DESC, id DESC LIMIT ?",
                (limit,),
            )
        else:
            rows = self._all(
                f"SELECT {_CALL_COLS} FROM calls WHERE client_id = ? "
                "ORDER BY started_at DESC, id DESC LIMIT ?",
                (client_id, limit),
            )
        return [_call(r) for r in rows]

    def calls_for_caller(
        self, client_id: int | None, number: str | None, limit: int = 10
    ) -> list[CallRecord]:
        """Newest first: calls of this number for this client only (``None``: no client)."""
        key = pn.normalise(number)
        if key is None:
            return []
        if client_id is None:
            rows = self._all(
                f"SELECT {_CALL_COLS} FROM calls WHERE client_id IS NULL AND caller_number = ? "
                "ORDER BY started_at DESC, id DESC LIMIT ?",
                (key, limit),
            )
        else:
            rows = self._all(
                f"SELECT {_CALL_COLS} FROM calls WHERE client_id = ? AND caller_number = ? "
                "ORDER BY started_at DESC, id DESC LIMIT ?",
                (client_id, key, limit),
            )
        return [_call(r) for r in rows]

    def calls_between(
        self, client_id: int | None, start: dt.datetime, end: dt.datetime
    ) -> list[CallRecord]:
        """Calls started in ``[start, end)``, oldest first; every client when ``None``."""
        lo, hi = _ts(start), _ts(end)
        if client_id is None:
            rows = self._all(
                f"SELECT {_CALL_COLS} FROM calls WHERE started_at >= ? AND started_at < ? "
                "ORDER BY started_at, id",
                (lo, hi),
            )
        else:
            rows = self._all(
                f"SELECT {_CALL_COLS} FROM calls WHERE client_id = ? AND started_at >= ? "
                "AND started_at < ? ORDER BY started_at, id",
                (client_id, lo, hi),
            )
        return [_call(r) for r in rows]
