"""The appointments journal at scale: a client with years of bookings, moves, cancellations.

Builds one client's journal through the store's public API (``add_appointment``), then
times what the pop and the reports ask of it: ``desk.upcoming`` for a caller (by number
and by name; the pop's "this caller's appointments"), and the journal rows of one day's
calls (the daily report's join by call key). Aim: ≤ 20 ms each on SQLite.
Prints JSON lines: ``{"name": ..., "value": ..., "unit": ...}``.

    python benchmarks/bench_journal.py [--rows N] [--callers N] [--database URL]
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from calendar_sync import desk
from calendar_sync.journal import AppointmentRecord, AppointmentState
from clients.model import Client
from storage import open_database


def emit(name: str, value: float, unit: str) -> None:
    print(json.dumps({"name": name, "value": round(value, 3), "unit": unit}), flush=True)


def timed(fn: Callable[[], object], runs: int) -> tuple[float, float]:
    """Median and p95 in ms."""
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1]


def fill(db: object, rows: int, callers: int, now: dt.datetime) -> None:
    store = db.calendars  # type: ignore[attr-defined]
    rng = random.Random(9)
    first = now - dt.timedelta(days=5 * 365)
    span = (now + dt.timedelta(days=90) - first).total_seconds()
    made = 0
    while made < rows:
        n = rng.randrange(callers)
        start = first + dt.timedelta(seconds=rng.random() * span)
        start = start.replace(minute=start.minute // 30 * 30, second=0, microsecond=0)
        booking = AppointmentRecord(
            client="ROTH", call_key=f"call-{made}", uid=f"u{made}@vorzimmer",
            url="https://dav.example/roth/", href=f"/roth/{made}.ics", staff="Dr. Roth",
            kind="Beratung", starts_at=start, ends_at=start + dt.timedelta(minutes=30),
            caller=f"Anrufer {n}", phone=f"+4930{n:07d}",
        )  # fmt: skip
        record = store.add_appointment(booking)
        made += 1
        if rng.random() < 0.2 and made < rows:  # a fifth are moved or cancelled later
            state = rng.choice([AppointmentState.MOVED, AppointmentState.CANCELLED])
            later = start + dt.timedelta(days=1)
            change = dataclasses.replace(
                record, id=None, call_key=f"call-{made}", state=state, created_at=None,
                updated_at=None, starts_at=later, ends_at=later + dt.timedelta(minutes=30),
            )  # fmt: skip
            store.add_appointment(change)
            made += 1


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=20000)
    parser.add_argument("--callers", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--database", help="postgresql://… (default: a temporary SQLite file)")
    args = parser.parse_args()
    now = dt.datetime.now(dt.UTC)
    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(args.database or Path(tmp) / "bench.sqlite3")
        try:
            db.clients.add_client(Client(code="ROTH", name="Praxis Dr. Roth"))
            t0 = time.perf_counter()
            fill(db, args.rows, args.callers, now)
            emit("journal_fill_per_row", (time.perf_counter() - t0) * 1000 / args.rows, "ms")
            rng = random.Random(1)
            store = db.calendars

            def by_number() -> object:
                n = rng.randrange(args.callers)
                return desk.upcoming(store, "ROTH", phone=f"030 {n:07d}", now=now)

            def by_name() -> object:
                return desk.upcoming(
                    store, "ROTH", caller=f"anrufer {rng.randrange(args.callers)}", now=now
                )

            def day_of_calls() -> object:
                first = rng.randrange(args.rows - 200)
                keys = [f"call-{i}" for i in range(first, first + 200)]
                return store.appointments("ROTH", call_keys=keys)

            for name, fn in (
                ("journal_upcoming_by_number", by_number),
                ("journal_upcoming_by_name", by_name),
                ("journal_rows_of_200_calls", day_of_calls),
            ):
                median, p95 = timed(fn, args.runs)
                emit(f"{name}_median", median, "ms")
                emit(f"{name}_p95", p95, "ms")
        finally:
            db.close()


if __name__ == "__main__":
    main()
