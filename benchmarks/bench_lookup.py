"""Screen-pop lookup at scale: 10,000 clients, 1,000,000 callers, 100,000 logged calls.

Builds the store through its public API (bulk caller insert), then times ``resolve()``
for random incoming calls (DID via a forwarding chain, known and unknown callers).
Prints JSON lines: ``{"name": ..., "value": ..., "unit": ...}``.

    python benchmarks/bench_lookup.py [--clients N] [--callers N] [--lookups N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from clients.lookup import resolve
from clients.model import (
    BusinessHours,
    Caller,
    CallRecord,
    Client,
    Outcome,
    Script,
    Staff,
    Variant,
)
from storage import open_database
from storage.interfaces import ClientStore


def emit(name: str, value: float, unit: str) -> None:
    print(json.dumps({"name": name, "value": round(value, 3), "unit": unit}), flush=True)


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def did(i: int) -> str:
    return f"+4930{5000000 + i}"


def caller_number(i: int) -> str:
    return f"+49151{10000000 + i}"


def sent_as(key: str) -> str:
    """A known caller's number in one of the forms German trunks send (key, 49…, sip 0…)."""
    form = random.random()
    if form < 0.6:
        return key
    if form < 0.8:
        return f"sip:{key[1:]}@sbc.carrier.example;user=phone"  # international without "+"
    return f"sip:0{key[3:]}@sbc.carrier.example;user=phone"


def build(store: ClientStore, clients: int, callers: int, calls: int) -> list[int]:
    hours = BusinessHours.weekly({d: [("08:00", "12:00"), ("13:00", "17:00")] for d in range(5)})
    ids: list[int] = []
    with store.transaction():
        for i in range(clients):
            c = store.add_client(
                Client(code=f"K{i:05d}", name=f"Mandant {i}", state=("BE", "BY", "HH", "BB")[i % 4])
            )
            cid = c.id or 0
            ids.append(cid)
            store.add_number(cid, did(i))
            store.add_number(cid, f"+4940{6000000 + i}")
            for variant in Variant:
                store.set_script(
                    Script(
                        client_id=cid,
                        variant=variant,
                        greeting="{client}, {greeting}, {caller_name}, Sie "
                        "sprechen mit {operator}.",
                        instructions="Notieren.",
                    )
                )
            store.set_business_hours(cid, hours)
            store.add_staff(
                Staff(client_id=cid, name=f"Dr. Person {i}", transfer_target=f"+4930{7000000 + i}")
            )
    per_client = callers // clients
    store.add_callers(
        Caller(
            client_id=ids[n // per_client],
            name=f"Anrufer {n}",
            company=f"Firma {n % 5000}",
            numbers=(caller_number(n),),
        )
        for n in range(per_client * clients)
    )
    start = dt.datetime(2024, 1, 1, 8, tzinfo=dt.UTC)
    with store.transaction():
        for n in range(calls):
            k = random.randrange(per_client * clients)
            store.record_call(
                CallRecord(
                    client_id=ids[k // per_client],
                    caller_number=caller_number(k),
                    started_at=start + dt.timedelta(minutes=n),
                    outcome=Outcome.ANSWERED,
                    duration_s=60.0,
                )
            )
    return ids


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=10_000)
    parser.add_argument("--callers", type=int, default=1_000_000)
    parser.add_argument("--calls", type=int, default=100_000)
    parser.add_argument("--lookups", type=int, default=20_000)
    args = parser.parse_args()
    random.seed(7)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.sqlite3"
        store = open_database(path).clients
        t0 = time.perf_counter()
        build(store, args.clients, args.callers, args.calls)
        emit("lookup.build_store", time.perf_counter() - t0, "s")
        emit("lookup.db_size", path.stat().st_size / 2**20, "MB")
        per_client = args.callers // args.clients
        now = dt.datetime(2024, 11, 5, 9, 30, tzinfo=dt.UTC)
        samples: list[float] = []
        client_only: list[float] = []
        for _ in range(args.lookups):
            i = random.randrange(args.clients)
            known = random.random() < 0.7
            caller = (
                sent_as(caller_number(i * per_client + random.randrange(per_client)))
                if known
                else f"0171 {random.randrange(10**7):07d}"
            )
            candidates = [f"sip:0{did(i)[3:]}@sbc;user=phone", f"sip:{did(i)}@pbx"]
            t = time.perf_counter()
            pop = resolve(store, candidates, caller, now, operator="Frau Weber")
            samples.append(time.perf_counter() - t)
            assert pop.client is not None and pop.client.code == f"K{i:05d}"
            assert (pop.caller is not None) == known
            t = time.perf_counter()
            store.find_client_by_numbers(candidates)
            client_only.append(time.perf_counter() - t)
        samples.sort()
        client_only.sort()
        emit("lookup.resolve_p50", statistics.median(samples) * 1e6, "us")
        emit("lookup.resolve_p95", samples[int(len(samples) * 0.95)] * 1e6, "us")
        emit("lookup.resolve_p99", samples[int(len(samples) * 0.99)] * 1e6, "us")
        emit("lookup.find_client_p50", statistics.median(client_only) * 1e6, "us")
        t = time.perf_counter()
        hits = store.search_callers(1, "Anrufer 42", limit=20)
        emit("lookup.search_callers", (time.perf_counter() - t) * 1e3, "ms")
        assert hits
        emit("lookup.rss", rss_mb(), "MB")
        store.close()


if __name__ == "__main__":
    main()
