"""The calendar tables in SQLite: calendar sources, appointment types, pending bookings,
the appointments journal and the CalDAV sync caches (items with ETags, sync-token, time of
the last sync).

Implements :class:`storage.interfaces.CalendarStore`. A cache is saved incrementally:
only the items a sync changed (``CalendarCache.unsaved``) are written, so an incremental
sync of a 5,000-event calendar writes one row, not the whole calendar.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Collection
from typing import Any

from appenv.times import from_db, from_db_or_none, to_db, to_db_or_none, utc_now
from calendar_sync.journal import AppointmentRecord, AppointmentState, name_key
from calendar_sync.pending import PendingBooking
from calendar_sync.registry import CalendarSource, type_from_dict
from calendar_sync.slots import AppointmentType
from calendar_sync.sync_cache import CachedItem, CalendarCache
from clients import phone_numbers as pn
from clients.errors import NotFound
from storage.changes import APPOINTMENTS
from storage.sqlite.tables import SqliteTables

CALENDARS = "calendars"  # the change announced for every calendar table
_SOURCE_COLUMNS = "c.code, s.url, s.kind, s.staff, s.user_name, s.tentative_busy"
_TYPE_COLUMNS = (
    "name, minutes, before_min, after_min, notice_min, horizon_days, step_min, max_per_day, staff"
)
_PENDING_COLUMNS = (
    "p.id, c.code, p.url, p.staff, p.kind, p.starts_at, p.ends_at, p.summary, p.caller, "
    "p.phone, p.state, p.message"
)
_JOURNAL_FIELDS = (
    "call_key", "uid", "url", "href", "staff", "kind", "starts_at", "ends_at", "caller", "phone",
    "email", "state", "previous_start", "message", "operator", "seat", "acknowledged",
)  # fmt: skip
_MATCH_FIELDS = ("phone_key", "caller_key")  # how a caller is found (see ``appointments``)
_JOURNAL_COLUMNS = (
    "a.id, c.code, "
    + ", ".join(f"a.{f}" for f in _JOURNAL_FIELDS)
    + (", a.created_at, a.updated_at")
)


class SqliteCalendarStore(SqliteTables):
    def _client_id(self, code: str) -> int:
        row = self._one("SELECT id FROM clients WHERE code = ?", (code,))
        if row is None:
            raise NotFound("client", code)
        return int(row[0])

    # -- sources and types ---------------------------------------------------------------
    def sources(self, client_code: str | None = None) -> list[CalendarSource]:
        sql = (
            f"SELECT {_SOURCE_COLUMNS} FROM calendar_sources s JOIN clients c ON c.id = s.client_id"
        )
        params: tuple[Any, ...] = ()
        if client_code is not None:
            sql += " WHERE c.code = ?"
            params = (client_code,)
        rows = self._all(sql + " ORDER BY s.id", params)
        return [CalendarSource(r[0], r[1], r[2], r[3], r[4], bool(r[5])) for r in rows]

    def add_source(self, source: CalendarSource) -> CalendarSource:
        client_id = self._client_id(source.client)
        with self._tx(CALENDARS) as conn:
            conn.execute(
                "INSERT INTO calendar_sources (source_key, client_id, staff, url, kind, "
                "user_name, tentative_busy) VALUES (?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT(source_key) DO UPDATE SET kind = excluded.kind, "
                "user_name = excluded.user_name, tentative_busy = excluded.tentative_busy",
                (source.key, client_id, source.staff, source.url, source.kind, source.user,
                 int(source.tentative_busy)),
            )  # fmt: skip
        return source

    def types(self, client_code: str) -> list[AppointmentType]:
        columns = ", ".join(f"t.{c.strip()}" for c in _TYPE_COLUMNS.split(","))
        rows = self._all(
            f"SELECT {columns} FROM appointment_types t JOIN clients c "
            "ON c.id = t.client_id WHERE c.code = ? ORDER BY t.name",
            (client_code,),
        )
        return [_type(r) for r in rows]

    def put_type(self, client_code: str, kind: AppointmentType) -> None:
        client_id = self._client_id(client_code)
        with self._tx(CALENDARS) as conn:
            conn.execute(
                f"INSERT INTO appointment_types (client_id, {_TYPE_COLUMNS}) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(client_id, name) DO UPDATE "
                "SET minutes = excluded.minutes, before_min = excluded.before_min, "
                "after_min = excluded.after_min, notice_min = excluded.notice_min, "
                "horizon_days = excluded.horizon_days, step_min = excluded.step_min, "
                "max_per_day = excluded.max_per_day, staff = excluded.staff",
                (client_id, kind.name, kind.minutes, kind.before, kind.after, kind.notice,
                 kind.horizon_days, kind.step, kind.max_per_day, json.dumps(list(kind.staff))),
            )  # fmt: skip

    # -- pending bookings ----------------------------------------------------------------
    def pending(self) -> list[PendingBooking]:
        rows = self._all(
            f"SELECT {_PENDING_COLUMNS} FROM pending_bookings p "
            "JOIN clients c ON c.id = p.client_id ORDER BY p.created_at, p.id"
        )
        return [
            PendingBooking(
                id=r[0],
                client=r[1],
                url=r[2],
                staff=r[3],
                kind=type_from_dict(json.loads(r[4])),
                start=from_db(r[5]),
                end=from_db(r[6]),
                summary=r[7],
                caller=r[8],
                phone=r[9],
                state=r[10],
                message=r[11],
            )
            for r in rows
        ]

    def add_pending(self, entry: PendingBooking) -> None:
        client_id = self._client_id(entry.client)
        with self._tx(CALENDARS) as conn:
            conn.execute(
                "INSERT INTO pending_bookings (id, client_id, url, staff, kind, starts_at, "
                "ends_at, summary, caller, phone, state, message, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (entry.id, client_id, entry.url, entry.staff,
                 json.dumps(dataclasses.asdict(entry.kind)), to_db(entry.start), to_db(entry.end),
                 entry.summary, entry.caller, entry.phone, entry.state, entry.message,
                 to_db(utc_now())),
            )  # fmt: skip

    def update_pending(self, entry: PendingBooking) -> None:
        with self._tx(CALENDARS) as conn:
            conn.execute(
                "UPDATE pending_bookings SET state = ?, message = ? WHERE id = ?",
                (entry.state, entry.message, entry.id),
            )

    # -- the appointments journal --------------------------------------------------------
    def add_appointment(self, record: AppointmentRecord) -> AppointmentRecord:
        client_id = self._client_id(record.client)
        now = utc_now()
        with self._tx(APPOINTMENTS) as conn:
            cur = conn.execute(
                f"INSERT INTO appointments (client_id, {', '.join(_JOURNAL_FIELDS)}, created_at, "
                f"updated_at, {', '.join(_MATCH_FIELDS)}) "
                f"VALUES ({', '.join('?' * (len(_JOURNAL_FIELDS) + 5))})",
                (
                    client_id,
                    *_journal_values(record),
                    to_db(now),
                    to_db(now),
                    *_match_values(record),
                ),
            )
            new_id = int(cur.lastrowid or 0)
            self._c.changed(APPOINTMENTS, new_id)
        return dataclasses.replace(record, id=new_id, created_at=now, updated_at=now)

    def update_appointment(self, record: AppointmentRecord) -> AppointmentRecord:
        """Every field of the row ``record.id`` (its client stays)."""
        if record.id is None:
            raise NotFound("appointment", "(not stored)")
        now = utc_now()
        with self._tx(APPOINTMENTS, record.id) as conn:
            cur = conn.execute(
                f"UPDATE appointments SET "
                f"{', '.join(f'{f} = ?' for f in (*_JOURNAL_FIELDS, *_MATCH_FIELDS))}, "
                "updated_at = ? WHERE id = ?",
                (*_journal_values(record), *_match_values(record), to_db(now), record.id),
            )
            if cur.rowcount == 0:
                raise NotFound("appointment", record.id)
        return dataclasses.replace(record, updated_at=now)

    def get_appointment(self, record_id: int) -> AppointmentRecord | None:
        found = self._all(
            f"SELECT {_JOURNAL_COLUMNS} FROM appointments a JOIN clients c ON c.id = a.client_id "
            "WHERE a.id = ?",
            (record_id,),
        )
        return _record(found[0]) if found else None

    def appointments(
        self,
        client_code: str | None = None,
        *,
        uid: str | None = None,
        call_keys: Collection[str] | None = None,
        states: Collection[AppointmentState] | None = None,
        ending_after: dt.datetime | None = None,
        phone: str | None = None,
        caller: str | None = None,
    ) -> list[AppointmentRecord]:
        """Journal rows, oldest first, of one client (``None``: every client), narrowed to
        one UID, some calls, some states, appointments not over by ``ending_after``, and
        one caller's: the number ``phone`` (any spelling) or the name ``caller`` (any case
        and spacing) — either one matching is enough."""
        where: list[str] = []
        params: list[Any] = []
        caller_of: list[str] = []
        number = pn.normalise(phone) if phone else None
        if number:
            caller_of.append("a.phone_key = ?")
            params.append(number)
        if caller and name_key(caller):
            caller_of.append("a.caller_key = ?")
            params.append(name_key(caller))
        if phone or caller:
            if not caller_of:
                return []
            where.append(f"({' OR '.join(caller_of)})")
        if client_code is not None:
            where.append("c.code = ?")
            params.append(client_code)
        if uid is not None:
            where.append("a.uid = ?")
            params.append(uid)
        for column, values in (("a.call_key", call_keys), ("a.state", states)):
            if values is not None:
                if not values:
                    return []
                where.append(f"{column} IN ({', '.join('?' * len(values))})")
                params.extend(str(v) for v in values)
        if ending_after is not None:
            where.append("a.ends_at > ?")
            params.append(to_db(ending_after))
        # a UID or call keys are the narrow filter: ``+`` keeps the planner off the client
        # index (without statistics SQLite would scan all of the client's rows)
        narrow = uid is not None or call_keys is not None or bool(caller_of)
        join = "+a.client_id" if narrow else "a.client_id"
        sql = f"SELECT {_JOURNAL_COLUMNS} FROM appointments a JOIN clients c ON c.id = {join}"
        if where:
            sql += " WHERE " + " AND ".join(where)
        return [_record(r) for r in self._all(sql + " ORDER BY a.id", params)]

    # -- sync caches ---------------------------------------------------------------------
    def load_cache(self, url: str) -> CalendarCache:
        with self._c.reading() as conn:
            state = conn.execute(
                "SELECT sync_token, synced_at FROM calendar_sync_state WHERE url = ?", (url,)
            ).fetchone()
            rows = conn.execute(
                "SELECT href, etag, data FROM calendar_items WHERE url = ?", (url,)
            ).fetchall()
        items = {r[0]: CachedItem(r[1], r[2].encode("utf-8")) for r in rows}
        if state is None:
            return CalendarCache(url, items=items)
        return CalendarCache(url, state[0], from_db_or_none(state[1]), items)

    def save_cache(self, cache: CalendarCache) -> None:
        """The sync state and the items changed since the last save (all, if never saved)."""
        with self._tx(CALENDARS) as conn:
            known = conn.execute(
                "SELECT 1 FROM calendar_sync_state WHERE url = ?", (cache.url,)
            ).fetchone()
            conn.execute(
                "INSERT INTO calendar_sync_state (url, sync_token, synced_at) VALUES (?, ?, ?) "
                "ON CONFLICT(url) DO UPDATE SET sync_token = excluded.sync_token, "
                "synced_at = excluded.synced_at",
                (cache.url, cache.token, to_db_or_none(cache.synced_at)),
            )
            hrefs = cache.unsaved if known is not None else set(cache.items) | cache.unsaved
            for href in sorted(hrefs):
                item = cache.items.get(href)
                if item is None:
                    conn.execute(
                        "DELETE FROM calendar_items WHERE url = ? AND href = ?", (cache.url, href)
                    )
                else:
                    conn.execute(
                        "INSERT INTO calendar_items (url, href, etag, data) VALUES (?, ?, ?, ?) "
                        "ON CONFLICT (url, href) DO UPDATE SET etag = excluded.etag, "
                        "data = excluded.data",
                        (cache.url, href, item.etag, item.data.decode("utf-8")),
                    )
        cache.unsaved.clear()


def _type(row: tuple[Any, ...]) -> AppointmentType:
    name, minutes, before, after, notice, horizon, step, max_per_day, staff = row
    return AppointmentType(
        name, minutes, before, after, notice, horizon, step, max_per_day, tuple(json.loads(staff))
    )


def _journal_values(record: AppointmentRecord) -> tuple[Any, ...]:
    return (
        record.call_key, record.uid, record.url, record.href, record.staff, record.kind,
        to_db(record.starts_at), to_db(record.ends_at), record.caller, record.phone,
        record.email, str(record.state), to_db_or_none(record.previous_start), record.message,
        record.operator, record.seat, int(record.acknowledged),
    )  # fmt: skip


def _match_values(record: AppointmentRecord) -> tuple[str, str]:
    return pn.normalise(record.phone) or "", name_key(record.caller)


def _record(row: tuple[Any, ...]) -> AppointmentRecord:
    fields: dict[str, Any] = dict(zip(_JOURNAL_FIELDS, row[2:-2], strict=True))
    fields["starts_at"] = from_db(fields["starts_at"])
    fields["ends_at"] = from_db(fields["ends_at"])
    fields["previous_start"] = from_db_or_none(fields["previous_start"])
    fields["state"] = AppointmentState(fields["state"])
    fields["acknowledged"] = bool(fields["acknowledged"])
    return AppointmentRecord(
        id=int(row[0]),
        client=row[1],
        created_at=from_db(row[-2]),
        updated_at=from_db(row[-1]),
        **fields,
    )
