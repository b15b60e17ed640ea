"""The calendar tables on PostgreSQL: the SQLite store's plain SQL, PostgreSQL's upsert."""

from __future__ import annotations

from appenv.times import to_db_or_none
from calendar_sync.sync_cache import CalendarCache
from storage.postgres.session import PgSession
from storage.postgres.stores import as_connection
from storage.sqlite.calendar_store import CALENDARS, SqliteCalendarStore


class PgCalendarStore(SqliteCalendarStore):
    """Implements :class:`storage.interfaces.CalendarStore`."""

    def __init__(self, session: PgSession) -> None:
        super().__init__(as_connection(session))

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
