"""Seat states and logins: a state change on seat A → heard on seat B through the office
database (the second seat is bench_sync_pg's listening process), and how long checking an
operator's password takes (argon2id with argon2-cffi's default parameters). JSON lines.

    python benchmarks/bench_seats.py [--changes N]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from office import operators as ops  # noqa: E402
from office.seat_states import SeatStates, SeatWriter  # noqa: E402
from storage import open_database  # noqa: E402
from tests.fixtures.postgres import start_cluster, stop_cluster  # noqa: E402


def emit(name: str, value: float, unit: str) -> None:
    print(json.dumps({"name": name, "value": round(value, 2), "unit": unit}), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--changes", type=int, default=200)
    args = parser.parse_args()
    cluster = start_cluster()
    try:
        cluster.sql("CREATE DATABASE office")
        url = cluster.url("office")
        with open_database(url) as a:
            writer = SeatWriter(a.seats)
            seat = SeatStates("bench-a", "bench (Frau Weber)", "Frau Weber", writer, office=True)
            seat.start(None, [])
            writer.flush()
            b = subprocess.Popen(
                [sys.executable, str(ROOT / "benchmarks" / "bench_sync_pg.py"), "--seat-b", url],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
            )  # fmt: skip
            assert b.stdout is not None and b.stdin is not None
            assert json.loads(b.stdout.readline()).get("ready")
            heard_ms: list[float] = []
            for i in range(args.changes):
                started = time.time()
                if i % 2:
                    seat.set_available()
                else:
                    seat.take_break("Lunch")
                while "seats" not in json.loads(b.stdout.readline())["tables"]:
                    pass
                heard_ms.append((time.time() - started) * 1000)
                time.sleep(0.01)
            writer.close()
            b.stdin.close()
            b.wait(10)
            b.stdout.close()
            emit("seat_state_a_to_b_p50", statistics.median(heard_ms), "ms")
            emit("seat_state_a_to_b_p95", statistics.quantiles(heard_ms, n=20)[-1], "ms")
            emit("seat_state_a_to_b_max", max(heard_ms), "ms")
            ops.create_operator(a.operators, "weber", "Frau Weber", "korrekt-Pferd-7")
            checks: list[float] = []
            for _ in range(20):
                started = time.perf_counter()
                ops.verify(a.operators, "weber", "korrekt-Pferd-7")
                checks.append((time.perf_counter() - started) * 1000)
            emit("operator_login_check_p50", statistics.median(checks), "ms")
    finally:
        stop_cluster(cluster)


if __name__ == "__main__":
    main()
