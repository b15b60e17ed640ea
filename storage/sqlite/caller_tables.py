"""Callers in SQLite: per client or shared, their numbers, full-text search."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any

from clients import phone_numbers as pn
from clients.errors import NotFound, NumberTaken
from clients.model import Caller
from storage.changes import CALLERS
from storage.sqlite.fts import fts_query
from storage.sqlite.rows import CALLER_COLS, SHARED_SCOPE, number_key, numbers_text
from storage.sqlite.tables import SqliteTables


def caller_number_keys(caller: Caller) -> tuple[str, ...]:
    """The caller's numbers as stored keys, each once, in the caller's order."""
    return tuple(dict.fromkeys(number_key(n) for n in caller.numbers))


def _caller_values(caller: Caller, keys: Sequence[str]) -> tuple[Any, ...]:
    """The ``callers`` columns after ``id``, in table order, for an insert or update."""
    return (
        caller.client_id,
        caller.name,
        caller.company,
        caller.salutation,
        caller.notes,
        int(caller.vip),
        int(caller.blocked),
        numbers_text(keys),
    )


class SqliteCallers(SqliteTables):
    """The caller half of :class:`storage.interfaces.ClientStore`."""

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
        keys = caller_number_keys(caller)
        with self._tx(CALLERS):
            if caller.client_id is not None:
                self._require("clients", caller.client_id, "client")
            scope = self._scope(caller.client_id)
            self._check_caller_numbers(scope, keys, None)
            cur = self._conn.execute(
                "INSERT INTO callers (client_id, name, company, salutation, notes, vip, blocked, "
                "numbers_text) VALUES (?,?,?,?,?,?,?,?)",
                _caller_values(caller, keys),
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
        with self._tx(CALLERS):
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
                keys = caller_number_keys(caller)
                scope = self._scope(caller.client_id)
                batch.append((next_id, *_caller_values(caller, keys)))
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
        keys = caller_number_keys(caller)
        with self._tx(CALLERS):
            self._require("callers", caller.id, "caller")
            if caller.client_id is not None:
                self._require("clients", caller.client_id, "client")
            scope = self._scope(caller.client_id)
            self._check_caller_numbers(scope, keys, caller.id)
            self._conn.execute(
                "UPDATE callers SET client_id=?, name=?, company=?, salutation=?, notes=?, vip=?, "
                "blocked=?, numbers_text=? WHERE id=?",
                (*_caller_values(caller, keys), caller.id),
            )
            self._conn.execute("DELETE FROM caller_numbers WHERE caller_id = ?", (caller.id,))
            self._conn.executemany(
                "INSERT INTO caller_numbers (caller_id, scope, number) VALUES (?,?,?)",
                [(caller.id, scope, k) for k in keys],
            )
        return replace(caller, numbers=keys)

    def delete_caller(self, caller_id: int) -> None:
        self._delete_row("callers", caller_id, CALLERS)

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
        with self._c.lock:
            rows = self._all(f"SELECT {CALLER_COLS} FROM callers WHERE id = ?", (caller_id,))
            found = self._callers(rows)
        return found[0] if found else None

    def list_callers(self, client_id: int | None) -> list[Caller]:
        """Callers of one client, or the shared callers when ``client_id`` is ``None``."""
        with self._c.lock:
            if client_id is None:
                rows = self._all(
                    f"SELECT {CALLER_COLS} FROM callers WHERE client_id IS NULL ORDER BY id"
                )
            else:
                rows = self._all(
                    f"SELECT {CALLER_COLS} FROM callers WHERE client_id = ? ORDER BY id",
                    (client_id,),
                )
            return self._callers(rows)

    def find_caller(self, client_id: int | None, number: str | None) -> Caller | None:
        """The client's own caller with this number, else a shared caller, else ``None``."""
        key = pn.normalise(number)
        if key is None:
            return None
        with self._c.lock:
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
        with self._c.lock:
            rows = self._conn.execute(
                f"SELECT c.id, c.client_id, c.name, c.company, c.salutation, c.notes, c.vip, "
                f"c.blocked FROM callers_fts f JOIN callers c ON c.id = f.rowid "
                f"WHERE callers_fts MATCH ? AND {scope_sql} ORDER BY f.rank LIMIT ?",
                params,
            ).fetchall()
            return self._callers(rows)
