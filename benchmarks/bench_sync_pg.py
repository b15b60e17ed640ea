"""A change on seat A → heard on seat B, through the office database (PostgreSQL
LISTEN/NOTIFY): seat B is a process of its own with its own ``Database``; seat A saves
notes (and edits a caller) and the time from the start of A's write to B's listener
being called is measured. Prints JSON lines (ms).

    python benchmarks/bench_sync_pg.py [--writes N]
    python benchmarks/bench_sync_pg.py --seat-b URL     (the second seat; used internally)
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from clients.model import Caller, Client  # noqa: E402
from notes.model import Note  # noqa: E402
from storage import Changes, open_database  # noqa: E402
from tests.fixtures.postgres import start_cluster, stop_cluster  # noqa: E402


def emit(name: str, value: float, unit: str) -> None:
    print(json.dumps({"name": name, "value": round(value, 2), "unit": unit}), flush=True)


def seat_b(url: str) -> int:
    """Print the wall-clock time of every change heard; stop when stdin closes."""
    db = open_database(url)

    def heard(changes: Changes) -> None:
        print(json.dumps({"at": time.time(), "tables": sorted(changes.tables)}), flush=True)

    db.changes.subscribe(heard)
    print(json.dumps({"ready": True}), flush=True)
    sys.stdin.read()
    db.close()
    return 0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--writes", type=int, default=200)
    parser.add_argument("--seat-b", metavar="URL")
    args = parser.parse_args()
    if args.seat_b:
        sys.exit(seat_b(args.seat_b))
    cluster = start_cluster()
    try:
        cluster.sql("CREATE DATABASE office")
        url = cluster.url("office")
        with open_database(url) as a:
            client = a.clients.add_client(Client(code="ROTH", name="Kanzlei Dr. Roth"))
            caller = a.clients.add_caller(Caller(client_id=client.id, name="Thomas Krause"))
            b = subprocess.Popen(
                [sys.executable, __file__, "--seat-b", url],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
            )  # fmt: skip
            assert b.stdout is not None and b.stdin is not None
            assert json.loads(b.stdout.readline()).get("ready")
            notes: list[float] = []
            callers: list[float] = []
            for i in range(args.writes):
                started = time.time()
                if i % 4 == 3:
                    a.clients.update_caller(caller)
                else:
                    a.notes.add_note(
                        Note(client_id=client.id, operator="Frau Weber", subject=f"Rückruf {i}",
                             noted_at=dt.datetime.now(dt.UTC))
                    )  # fmt: skip
                heard = json.loads(b.stdout.readline())
                (callers if i % 4 == 3 else notes).append((heard["at"] - started) * 1000)
                time.sleep(0.01)
            b.stdin.close()
            b.wait(10)
            b.stdout.close()
        both = notes + callers
        emit("seat_a_to_b_note_p50", statistics.median(notes), "ms")
        emit("seat_a_to_b_note_p95", statistics.quantiles(notes, n=20)[-1], "ms")
        emit("seat_a_to_b_caller_p50", statistics.median(callers), "ms")
        emit("seat_a_to_b_max", max(both), "ms")
    finally:
        stop_cluster(cluster)


if __name__ == "__main__":
    main()
