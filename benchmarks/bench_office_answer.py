"""An office call answered at one seat: how long the answer claim takes on the office
database, and how soon the other seats stop ringing (the answer's 200 OK → kamailio's
CANCEL with cause=200 → the seat's call ended). Real components: a throwaway PostgreSQL,
kamailio with office/kamailio/kamailio.cfg, three engine processes, sipp callers.
Prints JSON lines (ms, counts).

    python benchmarks/bench_office_answer.py [--calls N]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from clients.call_journal import CallJournal  # noqa: E402
from softphone import events as ev  # noqa: E402
from storage import open_database  # noqa: E402
from tests.fixtures.postgres import start_cluster, stop_cluster  # noqa: E402
from tests.fixtures.sip import (  # noqa: E402
    make_registrar,
    run_sipp,
    start_phone,
)
from tests.office.conftest import SIPP, Seat, registered  # noqa: E402

USERS = ("alice", "bob", "carol")


def emit(name: str, value: float, unit: str) -> None:
    print(json.dumps({"name": name, "value": round(value, 2), "unit": unit}), flush=True)


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--calls", type=int, default=30)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-office-"))
    cluster = start_cluster()
    registrar = make_registrar(folder)
    registrar.start()
    phones = {user: start_phone(user=user) for user in USERS}
    dbs = []
    try:
        cluster.sql("CREATE DATABASE office")
        seats = []
        for user, phone in phones.items():
            registered(phone, registrar, user)
            db = open_database(cluster.url("office"))
            dbs.append(db)
            seats.append(Seat(user, phone, CallJournal(db.calls, lambda info: None, user)))
        claims: list[float] = []
        stops: list[float] = []
        for n in range(args.calls):
            calls = folder / f"call{n}"
            calls.mkdir()
            sipp = run_sipp(calls, str(SIPP / "uac_office.xml"), registrar.address, "office",
                            keys={"CLIENT": "+49301234567", "TALK_MS": "50"})  # fmt: skip
            key = next(seat.wait_ringing().key for seat in seats)
            for seat in seats:
                seat.wait_ringing()
            winner, others = seats[n % len(seats)], [s for i, s in enumerate(seats)
                                                     if i != n % len(seats)]  # fmt: skip
            started = time.perf_counter()
            holder = winner.press_answer(key)
            answered_at = time.time()
            claims.append((time.perf_counter() - started) * 1000)
            assert holder is None, holder
            for seat in others:
                finished, _ = seat.wait_finished(key)
                ended = [e for e in seat.phone.log.of_type(ev.CallEnded)
                         if isinstance(e, ev.CallEnded)][-1]  # fmt: skip
                assert finished.outcome == "answered_elsewhere", finished
                stops.append((ended.ended_at - answered_at) * 1000)
            winner.wait_finished(key)
            if sipp.wait() != 0:
                raise SystemExit(sipp.output())
        rows = dbs[0].clients.recent_calls(args.calls * 2)
        emit("office_answer_claim_ms_p50", statistics.median(claims), "ms")
        emit("office_answer_claim_ms_p95", p95(claims), "ms")
        emit("office_stop_ringing_ms_p50", statistics.median(stops), "ms")
        emit("office_stop_ringing_ms_p95", p95(stops), "ms")
        emit("office_stop_ringing_ms_max", max(stops), "ms")
        emit("office_calls_logged_per_call", len(rows) / args.calls, "rows")
        emit("office_missed_rows", sum(1 for r in rows if r.outcome and r.outcome.missed), "rows")
    finally:
        for db in dbs:
            db.close()
        for phone in phones.values():
            phone.process.stop()
        registrar.stop()
        stop_cluster(cluster)


if __name__ == "__main__":
    main()
