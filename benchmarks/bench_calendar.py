"""Booking figures on a staff calendar with 5 years of history: 5,000 events, 500 recurring.

Times the next 20 free slots from the cached index (aim ≤ 20 ms), a full sync from a real
Radicale (one resource per event, as calendar apps store them), an incremental sync after
one change (aim ≤ 200 ms) and the memory the cache and its index take.
Prints JSON lines: ``{"name": ..., "value": ..., "unit": ...}``.

    python benchmarks/bench_calendar.py [--events N] [--recurring N] [--runs N]
        [--no-server | --server radicale|xandikos]
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import random
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from calendar_sync.busy import BusyPolicy, EventIndex
from calendar_sync.caldav_source import CalDavCalendar
from calendar_sync.hours import WorkingHours, public_holidays
from calendar_sync.ics import parse_calendar
from calendar_sync.slots import AppointmentType, StaffCalendar, find_slots
from calendar_sync.sync_cache import CachedItem, CalendarCache, sync
from storage import open_database
from tests.fixtures.caldav import CalDavServer

FIRST_DAY = dt.date(2023, 1, 2)
YEARS = 5
NOW = dt.datetime(2027, 6, 1, 7, 0, tzinfo=dt.UTC)  # the last of the five years


def emit(name: str, value: float, unit: str) -> None:
    print(json.dumps({"name": name, "value": round(value, 3), "unit": unit}), flush=True)


def _vevent(uid: str, start: dt.datetime, minutes: int, summary: str, extra: str = "") -> str:
    return (
        f"BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:20261201T000000Z\r\n"
        f"DTSTART;TZID=Europe/Berlin:{start:%Y%m%dT%H%M%S}\r\n"
        f"DTEND;TZID=Europe/Berlin:{start + dt.timedelta(minutes=minutes):%Y%m%dT%H%M%S}\r\n"
        f"SUMMARY:{summary}\r\n{extra}END:VEVENT\r\n"
    )


def make_items(events: int, recurring: int, seed: int = 7) -> dict[str, bytes]:
    """name → one VCALENDAR per event (series with EXDATEs and a moved occurrence)."""
    rng = random.Random(seed)
    items: dict[str, bytes] = {}
    days = YEARS * 365
    for i in range(events):
        day = FIRST_DAY + dt.timedelta(days=rng.randrange(days))
        if day.weekday() > 4:
            day -= dt.timedelta(days=day.weekday() - 4)
        start = dt.datetime.combine(day, dt.time(rng.randrange(8, 17), rng.choice((0, 15, 30, 45))))
        minutes = rng.choice((15, 30, 30, 45, 60, 60, 90, 120))
        uid = f"ev-{i}@bench"
        body = ""
        if i < recurring:
            freq = rng.choice(("WEEKLY", "WEEKLY;INTERVAL=2", "MONTHLY", "DAILY;COUNT=20"))
            if i % 50 == 0:
                freq = "WEEKLY"  # a few never end (jour fixe, office hours)
            until = start + dt.timedelta(days=rng.randrange(30, 540))  # most series end
            rule = (
                freq if "COUNT" in freq or i % 50 == 0 else f"{freq};UNTIL={until:%Y%m%dT235959Z}"
            )
            skip = start + dt.timedelta(days=7 if "WEEKLY" in freq else 1)
            extra = f"RRULE:FREQ={rule}\r\nEXDATE;TZID=Europe/Berlin:{skip:%Y%m%dT%H%M%S}\r\n"
            body = _vevent(uid, start, minutes, f"Serie {i}", extra)
            moved = start + dt.timedelta(days=14)
            recurrence = f"RECURRENCE-ID;TZID=Europe/Berlin:{moved:%Y%m%dT%H%M%S}\r\n"
            later = moved + dt.timedelta(hours=1)
            body += _vevent(uid, later, minutes, f"Serie {i} (verlegt)", recurrence)
        else:
            status = "STATUS:CANCELLED\r\n" if rng.random() < 0.05 else ""
            body = _vevent(uid, start, minutes, f"Termin {i}", status)
        items[f"ev-{i}.ics"] = (
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//bench//EN\r\n" + body + "END:VCALENDAR\r\n"
        ).encode()
    return items


def _cache(items: dict[str, bytes]) -> CalendarCache:
    cache = CalendarCache("bench:")
    cache.items = {n: CachedItem(str(i), d) for i, (n, d) in enumerate(items.items())}
    return cache


def bench_slots(items: dict[str, bytes], runs: int) -> None:
    tracemalloc.start()
    cache = _cache(items)
    cache.index(BusyPolicy())
    gc.collect()
    current, _ = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del cache
    gc.collect()
    emit("calendar.cache_memory", current / 2**20, "MiB")  # items, parsed events, index

    began = time.perf_counter()
    calendars = _cache(items).calendars()
    parsed = time.perf_counter()
    index = EventIndex(calendars, BusyPolicy())
    built = time.perf_counter()
    emit("calendar.parse_5y", (parsed - began) * 1000, "ms")
    emit("calendar.index_build", (built - parsed) * 1000, "ms")
    holidays = public_holidays("BE", range(2023, 2029))
    hours = WorkingHours.office(closed_days=holidays)
    staff = StaffCalendar("Dr. Roth", hours, index)
    kind = AppointmentType("Beratung", 30, before=5, after=10, horizon_days=120)
    rng = random.Random(3)
    cold = [_next_20(staff, kind, rng.randrange(YEARS * 365 - 130)) for _ in range(runs)]
    emit("calendar.next_20_slots_cold_median", statistics.median(cold), "ms")
    t0 = time.perf_counter()
    index.warm(NOW, NOW + dt.timedelta(days=kind.horizon_days))
    emit("calendar.warm_booking_horizon", (time.perf_counter() - t0) * 1000, "ms")
    offset = (NOW.date() - FIRST_DAY).days
    warm = [_next_20(staff, kind, offset + rng.randrange(60)) for _ in range(runs)]
    emit("calendar.next_20_slots_median", statistics.median(warm), "ms")
    emit("calendar.next_20_slots_p95", sorted(warm)[int(0.95 * len(warm)) - 1], "ms")


def _next_20(staff: StaffCalendar, kind: AppointmentType, day_offset: int) -> float:
    day = FIRST_DAY + dt.timedelta(days=day_offset)
    since = dt.datetime.combine(day, dt.time(7), tzinfo=dt.UTC)
    t0 = time.perf_counter()
    found = find_slots([staff], kind, since, since, 20)
    elapsed = (time.perf_counter() - t0) * 1000
    assert len(found) == 20
    return elapsed


def _fill(kind: str, server: CalDavServer, url: str, items: dict[str, bytes]) -> CalDavCalendar:
    """The calendar with every item, as if written over months by calendar apps."""
    from concurrent.futures import ThreadPoolExecutor

    remote = CalDavCalendar(url, server.user, server.password, timeout=600)
    t0 = time.perf_counter()
    if kind == "radicale":  # files straight into its storage, then its item cache once
        folder = server.folder / "data" / "collection-root" / "seat" / "bench"
        for name, data in items.items():
            (folder / name).write_bytes(data)
        remote.etags()
    else:
        with ThreadPoolExecutor(4) as pool:
            list(pool.map(lambda pair: remote.create(*pair), items.items()))
    emit(f"calendar.{kind}_fill_untimed", time.perf_counter() - t0, "s")
    return remote


def bench_sync(items: dict[str, bytes], kind: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        server = CalDavServer(kind, Path(tmp) / kind)
        server.configure()
        server.start()
        try:
            url = server.new_calendar("bench")
            remote = _fill(kind, server, url, items)
            cache = CalendarCache(url)
            t0 = time.perf_counter()
            report = sync(remote, cache)
            cache.index(BusyPolicy())
            emit(f"calendar.full_sync_{kind}", time.perf_counter() - t0, "s")
            assert report.changed == len(items), report
            first = next(iter(items))
            first_href = url + first
            etag = cache.items[first_href].etag
            remote.replace(url + first, items[first].replace(b"SUMMARY:", b"SUMMARY:neu "), etag)
            waited = _time_requests(remote)
            t0 = time.perf_counter()
            delta = sync(remote, cache)
            cache.index(BusyPolicy())
            total = (time.perf_counter() - t0) * 1000
            emit(f"calendar.incremental_sync_one_change_{kind}", total, "ms")
            emit(f"calendar.incremental_sync_server_wait_{kind}", waited[0] * 1000, "ms")
            emit(f"calendar.incremental_sync_client_side_{kind}", total - waited[0] * 1000, "ms")
            assert (delta.changed, delta.full) == (1, False), delta
            with tempfile.TemporaryDirectory() as out, open_database(Path(out) / "b.db") as db:
                cache.unsaved = set(cache.items)
                t0 = time.perf_counter()
                db.calendars.save_cache(cache)
                emit("calendar.cache_save_full", (time.perf_counter() - t0) * 1000, "ms")
                cache.unsaved = {first_href}
                t0 = time.perf_counter()
                db.calendars.save_cache(cache)
                emit("calendar.cache_save_one_change", (time.perf_counter() - t0) * 1000, "ms")
                size = sum(f.stat().st_size for f in Path(out).glob("b.db*"))
                emit("calendar.cache_in_database", size / 2**20, "MiB")
        finally:
            server.stop()


def _time_requests(remote: CalDavCalendar) -> list[float]:
    """Sum the time spent waiting for the server (the rest is ours: parse, index)."""
    waited = [0.0]
    request = remote._request

    def timed(*args, **kwargs):
        t0 = time.perf_counter()
        try:
            return request(*args, **kwargs)
        finally:
            waited[0] += time.perf_counter() - t0

    remote._request = timed  # type: ignore[method-assign]
    return waited


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=5000)
    parser.add_argument("--recurring", type=int, default=500)
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--no-server", action="store_true")
    parser.add_argument("--server", choices=["radicale", "xandikos"], default="radicale")
    args = parser.parse_args()
    items = make_items(args.events, args.recurring)
    parse_calendar(next(iter(items.values())))  # imports out of the timings
    bench_slots(items, args.runs)
    if not args.no_server:
        bench_sync(items, args.server)


if __name__ == "__main__":
    main()
