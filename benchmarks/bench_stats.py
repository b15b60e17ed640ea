"""The supervisor's figures for a month of 30,000 calls (50 clients, 8 operators).

Fills a store through its public API (``CallLog.record_call`` and ``NotesStore.add_notes``,
each in one transaction), then times what ``vorzimmer stats`` does: reading the month
(calls, notes, operators, seat-state log) and computing the figures per client, per
operator and per client and day. Prints JSON lines ``{"name": ..., "value": ..., "unit": ...}``.

    python benchmarks/bench_stats.py [--calls N] [--runs N] [--postgres]

``--postgres``: on a throwaway PostgreSQL cluster on 127.0.0.1 instead of a SQLite file.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import json
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from clients.model import CallRecord, Client, Direction, Outcome
from notes.model import Note
from office.stats import Dimension, compute_figures
from office.stats_reader import period_bounds, read_stats_input
from storage import Database, open_database

OPERATORS = ("Anna", "Ben", "Cem", "Dora", "Emil", "Frida", "Gül", "Hannes")
FIRST, LAST = dt.date(2026, 3, 1), dt.date(2026, 3, 31)


def emit(name: str, value: float, unit: str) -> None:
    print(json.dumps({"name": name, "value": round(value, 3), "unit": unit}), flush=True)


def fill(db: Database, calls: int, rng: random.Random) -> None:
    """``calls`` incoming calls over the month between 08:00 and 18:00 Berlin time."""
    zone = ZoneInfo("Europe/Berlin")
    with db.clients.transaction():
        ids = [
            db.clients.add_client(Client(code=f"C{n:02d}", name=f"Kunde {n}")).id for n in range(50)
        ]
    days = (LAST - FIRST).days + 1
    notes: list[Note] = []
    with db.clients.transaction():
        for i in range(calls):
            day = FIRST + dt.timedelta(days=i * days // calls)
            start = dt.datetime.combine(day, dt.time(8), tzinfo=zone) + dt.timedelta(
                seconds=rng.randrange(36_000)
            )
            wait = dt.timedelta(seconds=rng.expovariate(1 / 12))
            roll = rng.random()
            outcome = (
                Outcome.ANSWERED
                if roll < 0.85
                else Outcome.MISSED
                if roll < 0.95
                else Outcome.TRANSFERRED
                if roll < 0.98
                else Outcome.BUSY
            )
            answered = start + wait if outcome in (Outcome.ANSWERED, Outcome.TRANSFERRED) else None
            ended = (answered or start + wait) + dt.timedelta(
                seconds=rng.randrange(30, 600) if answered else 0
            )
            row = db.calls.record_call(
                CallRecord(
                    call_key=f"bench-{i}",
                    client_id=rng.choice(ids),
                    caller_number=f"+4930{5550000 + i}",
                    direction=Direction.IN,
                    started_at=start,
                    answered_at=answered,
                    ended_at=ended,
                    duration_s=(ended - start).total_seconds(),
                    outcome=outcome,
                )
            )
            record = db.calls.get_call(row)
            if answered is not None and rng.random() < 0.7 and record is not None:
                booked = "Appointment booked: Di 10:00" if rng.random() < 0.1 else ""
                notes.append(
                    Note(
                        client_id=record.client_id,
                        call_id=row,
                        subject="Rückruf",
                        message="Bitte zurückrufen",
                        appointment=booked,
                        operator=rng.choice(OPERATORS),
                        noted_at=start,
                    )
                )
    db.notes.add_notes(notes)


def timed(runs: int, work: Callable[[], object]) -> float:
    """Median wall time of ``runs`` runs, in milliseconds."""
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        work()
        times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=30_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--postgres", action="store_true", help="a throwaway cluster")
    args = parser.parse_args()
    if not args.postgres:
        with tempfile.TemporaryDirectory() as folder:
            run(Path(folder) / "bench.sqlite3", "sqlite", args.calls, args.runs)
        return
    from tests.fixtures.postgres import start_cluster, stop_cluster

    cluster = start_cluster()
    try:
        cluster.sql("CREATE DATABASE bench")
        run(cluster.url("bench"), "pg", args.calls, args.runs)
    finally:
        stop_cluster(cluster)


def run(location: str | Path, backend: str, calls: int, runs: int) -> None:
    rng = random.Random(10)
    with open_database(location) as db:
        began = time.perf_counter()
        fill(db, calls, rng)
        emit(f"stats_{backend}_fill_{calls}_calls", time.perf_counter() - began, "s")
        start, end = period_bounds(FIRST, LAST, "Europe/Berlin")
        data = read_stats_input(db, start, end)
        assert len(data.calls) == calls, len(data.calls)
        emit(
            f"stats_{backend}_read_month",
            timed(runs, lambda: read_stats_input(db, start, end)),
            "ms",
        )
        for name, by in (
            ("client", (Dimension.CLIENT,)),
            ("operator", (Dimension.OPERATOR,)),
            ("client_day", (Dimension.CLIENT, Dimension.DAY)),
        ):
            emit(
                f"stats_compute_month_by_{name}",
                timed(runs, functools.partial(compute_figures, data, by)),
                "ms",
            )
        emit(
            f"stats_{backend}_month_by_client_total",
            timed(
                runs,
                lambda: compute_figures(read_stats_input(db, start, end), (Dimension.CLIENT,)),
            ),
            "ms",
        )
        emit(
            f"stats_{backend}_one_client_month",
            timed(runs, lambda: read_stats_input(db, start, end, "C07")),
            "ms",
        )


if __name__ == "__main__":
    main()
