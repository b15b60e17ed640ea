"""INVITE on the wire → screen-pop painted, on the office database (PostgreSQL), with
10,000 clients and 1,000,000 callers: the harness of :mod:`benchmarks.bench_pop` (real
engine process, real main window offscreen, raw SIP UAC) with the database it opens
replaced by a throwaway PostgreSQL cluster on 127.0.0.1. Prints JSON lines (ms).

    python benchmarks/bench_pop_pg.py [--clients N] [--callers N] [--calls N]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks import bench_pop  # noqa: E402
from storage import Database, open_database  # noqa: E402
from tests.fixtures.postgres import start_cluster, stop_cluster  # noqa: E402


def main() -> None:
    cluster = start_cluster()
    try:
        cluster.sql("CREATE DATABASE bench")
        url = cluster.url("bench")
        print(json.dumps({"name": "pop_pg_database", "value": "postgresql 127.0.0.1"}))

        def office(_path: Any) -> Database:
            return open_database(url)  # the same harness, the office database underneath

        setattr(bench_pop, "open_database", office)  # noqa: B010  (the harness opens this one)
        bench_pop.main()
    finally:
        stop_cluster(cluster)


if __name__ == "__main__":
    main()
