"""The calendar tables in SQLite: calendar sources, appointment types, pending bookings
and the CalDAV sync caches (items with ETags, sync-token, time of the last sync).

Implements :class:`storage.interfaces.CalendarStore`. A cache is saved incrementally:
only the items a sync changed (``CalendarCache.unsaved``) are written, so an incremental
sync of a 5,000-event calendar writes one row, not the whole calendar.
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from appenv.times import from_db, from_db_or_none, to_db, to_db_or_none, utc_now
from calendar_sync.pending import PendingBooking
from calendar_sync.registry import CalendarSource, type_from_dict
from calendar_sync.slots import AppointmentType
from calendar_sync.sync_cache import CachedItem, CalendarCache
from clients.errors import NotFound
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
