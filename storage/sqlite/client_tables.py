"""Clients and what hangs off them, in SQLite: numbers, scripts, hours, closures, staff, FAQ."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from appenv.times import to_db_or_none
from clients import phone_numbers as pn
from clients.errors import DuplicateCode, NotFound, NumberTaken
from clients.model import (
    BusinessHours,
    Client,
    ClientNumber,
    ClientProfile,
    ClosurePeriod,
    FaqEntry,
    OpeningInterval,
    Script,
    Staff,
    Variant,
    format_hhmm,
    parse_hhmm,
)
from storage.changes import CLIENTS
from storage.sqlite.rows import CLIENT_COLS, STAFF_COLS, client_row, number_key, staff_row
from storage.sqlite.tables import SqliteTables


class SqliteClients(SqliteTables):
    """The client half of :class:`storage.interfaces.ClientStore`."""

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
            c.wrap_up_s,
            c.service_level_s,
        )

    def add_client(self, client: Client) -> Client:
        with self._tx(CLIENTS):
            if self.get_client_by_code(client.code) is not None:
                raise DuplicateCode(client.code)
            cur = self._conn.execute(
                "INSERT INTO clients (code, name, colour, language, state, timezone, "
                "report_recipients, report_time, encrypt_reports, wrap_up_s, service_level_s) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                self._client_values(client),
            )
        return replace(client, id=cur.lastrowid)

    def update_client(self, client: Client) -> Client:
        if client.id is None:
            raise NotFound("client", None)
        with self._tx(CLIENTS):
            self._require("clients", client.id, "client")
            other = self.get_client_by_code(client.code)
            if other is not None and other.id != client.id:
                raise DuplicateCode(client.code)
            self._conn.execute(
                "UPDATE clients SET code=?, name=?, colour=?, language=?, state=?, timezone=?, "
                "report_recipients=?, report_time=?, encrypt_reports=?, wrap_up_s=?, "
                "service_level_s=? WHERE id=?",
                (*self._client_values(client), client.id),
            )
        return client

    def delete_client(self, client_id: int) -> None:
        with self._tx(CLIENTS):
            self._require("clients", client_id, "client")
            self._conn.execute("DELETE FROM clients WHERE id = ?", (client_id,))

    def get_client(self, client_id: int) -> Client | None:
        row = self._one(f"SELECT {CLIENT_COLS} FROM clients WHERE id = ?", (client_id,))
        return client_row(row) if row else None

    def get_client_by_code(self, code: str) -> Client | None:
        row = self._one(f"SELECT {CLIENT_COLS} FROM clients WHERE code = ?", (code,))
        return client_row(row) if row else None

    def list_clients(self) -> list[Client]:
        return [
            client_row(r) for r in self._all(f"SELECT {CLIENT_COLS} FROM clients ORDER BY name")
        ]

    def get_profile(self, client_id: int) -> ClientProfile | None:
        with self._c.lock:
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
        key = number_key(number)
        with self._tx(CLIENTS):
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
        with self._tx(CLIENTS):
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
                f"SELECT {CLIENT_COLS} FROM clients WHERE id = "
                "(SELECT client_id FROM client_numbers WHERE number = ?)",
                (key,),
            )
            if row is not None:
                return client_row(row)
        return None

    # -- scripts ---------------------------------------------------------------------------

    def set_script(self, script: Script) -> Script:
        """Insert or replace the script for (client, variant, language)."""
        with self._tx(CLIENTS):
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
        self._delete_row("scripts", script_id, CLIENTS)

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
        with self._tx(CLIENTS):
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
        with self._tx(CLIENTS):
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
        self._delete_row("closures", closure_id, CLIENTS)

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
        put_through = sorted({number_key(n) for n in s.always_put_through})
        return (
            s.client_id,
            s.name,
            s.role,
            s.transfer_target,
            str(s.availability),
            to_db_or_none(s.absent_until),
            s.note,
            json.dumps(put_through),
            s.position,
        )

    def add_staff(self, staff: Staff) -> Staff:
        values = self._staff_values(staff)
        with self._tx(CLIENTS):
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
        with self._tx(CLIENTS):
            self._require("staff", staff.id, "staff member")
            self._conn.execute(
                "UPDATE staff SET client_id=?, name=?, role=?, transfer_target=?, availability=?, "
                "absent_until=?, note=?, always_put_through=?, position=? WHERE id=?",
                (*values, staff.id),
            )
        return replace(staff, always_put_through=tuple(json.loads(values[7])))

    def delete_staff(self, staff_id: int) -> None:
        self._delete_row("staff", staff_id, CLIENTS)

    def list_staff(self, client_id: int) -> list[Staff]:
        rows = self._all(
            f"SELECT {STAFF_COLS} FROM staff WHERE client_id = ? ORDER BY position, id",
            (client_id,),
        )
        return [staff_row(r) for r in rows]

    def add_faq(self, entry: FaqEntry) -> FaqEntry:
        with self._tx(CLIENTS):
            self._require("clients", entry.client_id, "client")
            cur = self._conn.execute(
                "INSERT INTO faq (client_id, question, answer, position) VALUES (?,?,?,?)",
                (entry.client_id, entry.question, entry.answer, entry.position),
            )
        return replace(entry, id=cur.lastrowid)

    def delete_faq(self, faq_id: int) -> None:
        self._delete_row("faq", faq_id, CLIENTS)

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
