"""The CalDAV sync cache against real servers: sync-token deltas, ETag fallback, offline."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from calendar_sync.busy import BusyPolicy
from calendar_sync.caldav_source import CalDavCalendar
from calendar_sync.errors import SourceUnreachable
from calendar_sync.sync_cache import CalendarCache, sync
from storage import open_database
from tests.calendar_sync.helpers import berlin
from tests.fixtures.caldav import CalDavServer


def event(uid: str, start: str, summary: str, extra: str = "") -> bytes:
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\n"
        f"UID:{uid}\r\nDTSTAMP:20261201T000000Z\r\nDTSTART;TZID=Europe/Berlin:{start}\r\n"
        f"DURATION:PT1H\r\nSUMMARY:{summary}\r\n{extra}END:VEVENT\r\nEND:VCALENDAR\r\n"
    ).encode()


def summaries(cache: CalendarCache, start: str, days: int = 1) -> list[str]:
    begin = berlin(start)
    index = cache.index(BusyPolicy())
    return [b.summary for b in index.between(begin, begin + dt.timedelta(days=days))]


def test_token_delta_and_fallback(caldav_server: CalDavServer, tmp_path: Path) -> None:
    remote = CalDavCalendar(
        caldav_server.new_calendar(), caldav_server.user, caldav_server.password
    )
    a = remote.create("a.ics", event("a", "20270111T090000", "Eins"))
    remote.create("b.ics", event("b", "20270111T110000", "Zwei"))
    cache = CalendarCache(remote.url)
    first = sync(remote, cache)
    assert (first.changed, first.deleted, first.full) == (2, 0, True)
    assert cache.token and summaries(cache, "2027-01-11T00:00") == ["Eins", "Zwei"]

    remote.replace(a.href, event("a", "20270111T140000", "Eins verlegt"), a.etag)
    remote.delete(remote.url + "b.ics")
    remote.create("c.ics", event("c", "20270104T080000", "Serie", "RRULE:FREQ=WEEKLY\r\n"))
    with open_database(tmp_path / "db.sqlite3") as db:
        db.calendars.save_cache(cache)
    with open_database(tmp_path / "db.sqlite3") as db:
        restarted = db.calendars.load_cache(remote.url)  # from disk, as after a restart
    for synced in (cache, restarted):  # the index updated in place, and one built anew
        delta = sync(remote, synced)
        assert (delta.changed, delta.deleted, delta.full) == (2, 1, False)
        assert summaries(synced, "2027-01-11T00:00") == ["Serie", "Eins verlegt"]
        assert summaries(synced, "2027-06-07T00:00") == ["Serie"]  # every occurrence blocks

    cache.token = (
        "http://radicale.org/ns/sync/0000-stale" if caldav_server.kind == "radicale" else "stale"
    )
    again = sync(remote, cache)
    assert again.full and again.changed == 0 and again.deleted == 0
    assert cache.token and "stale" not in cache.token


def test_offline_keeps_the_cache(radicale_server: CalDavServer, tmp_path: Path) -> None:
    remote = CalDavCalendar(
        radicale_server.new_calendar(), radicale_server.user, radicale_server.password
    )
    remote.create("a.ics", event("a", "20270111T090000", "Eins"))
    cache = CalendarCache(remote.url)
    sync(remote, cache)
    synced = cache.synced_at
    radicale_server.stop()
    with pytest.raises(SourceUnreachable):
        sync(remote, cache)
    assert cache.synced_at == synced and summaries(cache, "2027-01-11T00:00") == ["Eins"]
