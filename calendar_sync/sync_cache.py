"""The local copy of a CalDAV calendar: items with ETags, a sync-token, and its index.

The booking panel works from this cache (offline too) and shows how fresh it is
(``synced_at``); a :class:`~storage.interfaces.CalendarStore` keeps it (``unsaved``
names the items to write). :func:`sync` asks for changes since the sync-token (RFC 6578); a server
that rejects or lacks tokens gets a full ETag listing instead, and only items whose ETag
changed are fetched. The index is rebuilt from parsed items kept in memory, so one change
re-parses one item.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterable
from dataclasses import dataclass, field

import icalendar

from appenv import logs
from appenv.times import utc_now
from calendar_sync.busy import BusyPolicy, EventIndex
from calendar_sync.caldav_source import CalDavCalendar, TokenRejected
from calendar_sync.errors import BrokenCalendar
from calendar_sync.ics import parse_calendar

log = logs.get("calendar")
_BATCH = 200  # hrefs per calendar-multiget


@dataclass
class CachedItem:
    etag: str
    data: bytes


@dataclass(frozen=True)
class SyncReport:
    changed: int
    deleted: int
    full: bool
    seconds: float


@dataclass
class CalendarCache:
    """One calendar's items as last seen on the server."""

    url: str
    token: str | None = None
    synced_at: dt.datetime | None = None
    items: dict[str, CachedItem] = field(default_factory=dict)
    _parsed: dict[str, tuple[str, icalendar.Calendar]] = field(default_factory=dict, repr=False)
    _index: EventIndex | None = field(default=None, repr=False)
    _dirty: set[str] | None = field(default=None, repr=False)  # None: rebuild the index
    unsaved: set[str] = field(default_factory=set, repr=False)  # hrefs changed since saved

    # -- the index ---------------------------------------------------------------------------
    def calendars(self) -> list[icalendar.Calendar]:
        """Parsed items (re-parsed only when their ETag changed); broken items refused."""
        result = []
        for href, item in self.items.items():
            known = self._parsed.get(href)
            if known is None or known[0] != item.etag:
                known = (item.etag, parse_calendar(item.data, href))
                self._parsed[href] = known
            result.append(known[1])
        for href in set(self._parsed) - set(self.items):
            del self._parsed[href]
        return result

    def parsed(self) -> dict[str, icalendar.Calendar]:
        """href → parsed item (re-parsed only when its ETag changed)."""
        self.calendars()
        return {href: known[1] for href, known in self._parsed.items()}

    def index(self, policy: BusyPolicy) -> EventIndex:
        """The busy index; after a sync only the changed items are indexed again."""
        if self._index is not None and self._index.policy == policy and self._dirty is not None:
            if self._dirty:
                parsed = self.parsed()
                self._index = self._index.with_changes({h: parsed.get(h) for h in self._dirty})
        else:
            self._index = EventIndex(self.parsed(), policy)
        self._dirty = set()
        return self._index

    def _changed(self, hrefs: Iterable[str]) -> None:
        hrefs = list(hrefs)
        self.unsaved.update(hrefs)
        if self._dirty is not None:
            self._dirty.update(hrefs)


def sync(remote: CalDavCalendar, cache: CalendarCache) -> SyncReport:
    """Bring ``cache`` up to date with the server (token first, else a full ETag listing)."""
    began = time.perf_counter()
    if cache.token:
        try:
            delta = remote.changes_since(cache.token)
        except TokenRejected as exc:
            log.info("sync-token of %s rejected (%s): full listing", remote.url, exc)
        else:
            wanted = [h for h, e in delta.changed.items() if _stale(cache, h, e)]
            _fetch(remote, cache, wanted)
            for href in delta.deleted:
                cache.items.pop(href, None)
            cache.token = delta.token or cache.token
            return _done(cache, wanted, list(delta.deleted), False, began)
    etags, token = remote.etags()
    wanted = [h for h, e in etags.items() if _stale(cache, h, e)]
    gone = [h for h in cache.items if h not in etags]
    _fetch(remote, cache, wanted)
    for href in gone:
        del cache.items[href]
    cache.token = token
    return _done(cache, wanted, gone, True, began)


def _stale(cache: CalendarCache, href: str, etag: str) -> bool:
    known = cache.items.get(href)
    return known is None or not etag or known.etag != etag


def _fetch(remote: CalDavCalendar, cache: CalendarCache, hrefs: list[str]) -> None:
    for first in range(0, len(hrefs), _BATCH):
        for item in remote.multiget(hrefs[first : first + _BATCH]):
            try:
                parsed = parse_calendar(item.data, item.href)  # refuse it before caching it
            except BrokenCalendar as exc:
                log.warning("calendar item %s is unreadable, left out: %s", item.href, exc)
                continue
            cache.items[item.href] = CachedItem(item.etag, item.data)
            cache._parsed[item.href] = (item.etag, parsed)


def _done(
    cache: CalendarCache, changed: list[str], deleted: list[str], full: bool, began: float
) -> SyncReport:
    cache.synced_at = utc_now()
    cache._changed([*changed, *deleted])
    return SyncReport(len(changed), len(deleted), full, time.perf_counter() - began)
