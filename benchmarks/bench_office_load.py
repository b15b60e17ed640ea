"""The office under load: N seats (real engine processes) registered with kamailio (the
shipped office/kamailio/kamailio.cfg) on one throwaway PostgreSQL, sipp calling the office
at a steady rate. Each seat runs as the window does (:mod:`benchmarks.office_load_seat`):
call log rows from the first ring, answers through the answer claim after 1–6 s, talks
5–20 s, takes no second call while in one. Under-staffed on purpose (60 calls/min of ~16 s
need ~16 seats): callers wait, some give up after their patience, some find every seat
busy (480 at once).

Prints JSON lines: calls offered, answered, gave up, refused; lost calls (a call sipp made
without a call-log row, or with a row still open after the run), double answers, calls
logged with the wrong outcome; answer time (ring → claim) p50/p95; CPU seconds and peak
RSS per seat engine, of the driver, of kamailio and of PostgreSQL.

    python benchmarks/bench_office_load.py [--seats 10] [--minutes 5] [--rate 60]
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.office_load_seat import SWEEP_S, LoadSeat, Operator  # noqa: E402
from benchmarks.proc_usage import Usage, tree, usage  # noqa: E402
from clients.call_journal import RING_LIMIT_S  # noqa: E402
from clients.model import CallRecord  # noqa: E402
from softphone import commands as cmds  # noqa: E402
from softphone import events as ev  # noqa: E402
from storage import open_database  # noqa: E402
from storage.interfaces import Database  # noqa: E402
from tests.fixtures.postgres import PgCluster, start_cluster, stop_cluster  # noqa: E402
from tests.fixtures.sip import Phone, Registrar, make_registrar, run_sipp, start_phone  # noqa: E402
from tests.office.conftest import CLIENT_NUMBER, SIPP  # noqa: E402


def emit(name: str, value: float, unit: str) -> None:
    print(json.dumps({"name": name, "value": round(value, 2), "unit": unit}), flush=True)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))] if ordered else 0.0


def seat_users(count: int) -> dict[str, str]:
    return {f"seat{n:02d}": f"seat{n:02d}-pw" for n in range(1, count + 1)}


def add_accounts(registrar: Registrar, users: dict[str, str]) -> None:
    """The seats' accounts in kamailio's subscriber table (read when kamailio starts)."""
    table = registrar.dir / "db" / "subscriber"
    lines = table.read_text().rstrip("\n").splitlines()
    next_id = len(lines)  # the header and the test users come first
    for offset, (user, password) in enumerate(users.items()):
        lines.append(f"{next_id + offset}:{user}:127.0.0.1:{password}::")
    table.write_text("\n".join(lines) + "\n")


def register(phone: Phone, registrar: Registrar, user: str, password: str) -> None:
    phone.send(cmds.Register(registrar=registrar.address, username=user, password=password))
    phone.wait(
        lambda e: isinstance(e, ev.RegistrationState) and e.state == "registered",
        30,
        f"{user} registered",
    )


def caller_outcomes(log_file: Path) -> dict[str, str]:
    """Call-ID → how the caller's call ended ("answered", "gave_up", "refused 480"…),
    from the scenario's log lines; a later line of a call wins (late_answer)."""
    outcomes: dict[str, str] = {}
    if not log_file.exists():
        return outcomes
    for line in log_file.read_text(errors="replace").splitlines():
        words = line.split()
        if len(words) >= 2:
            outcomes[words[1]] = " ".join([words[0], *words[2:]])
    return outcomes


def postgres_pids(cluster: PgCluster) -> list[int]:
    postmaster = int((cluster.data / "postmaster.pid").read_text().split()[0])
    return tree(postmaster)


def all_calls(db: Database) -> list[CallRecord]:
    return db.clients.recent_calls(1_000_000)


def wait_idle(seats: list[LoadSeat], timeout: float) -> bool:
    """Until no call is on any seat and every call turned away was seen by the sweep."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if all(seat.idle and not seat.journal.turned_away_open for seat in seats):
            return True
        time.sleep(0.2)
    return False


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seats", type=int, default=10)
    parser.add_argument("--minutes", type=float, default=5.0)
    parser.add_argument("--rate", type=float, default=60.0, help="calls per minute")
    parser.add_argument("--patience", type=float, default=30.0, help="s a caller waits")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    offered = round(args.rate * args.minutes)
    folder = Path(tempfile.mkdtemp(prefix="bench-office-load-"))
    users = seat_users(args.seats)
    cluster = start_cluster()
    registrar = make_registrar(folder)
    add_accounts(registrar, users)
    registrar.start()
    phones: dict[str, Phone] = {}
    dbs: list[Database] = []
    seats: list[LoadSeat] = []
    try:
        cluster.sql("CREATE DATABASE office")
        for n, (user, password) in enumerate(users.items()):
            phones[user] = phone = start_phone(user=user)
            register(phone, registrar, user, password)
            db = open_database(cluster.url("office"))
            dbs.append(db)
            seats.append(LoadSeat(user, phone, db, Operator(), seed=args.seed * 1000 + n))
        for seat in seats:
            seat.start()
        engines = {user: phone.process.proc.pid for user, phone in phones.items()
                   if phone.process.proc is not None}  # fmt: skip
        before = {user: usage([pid]) for user, pid in engines.items()}
        driver_before = usage([os.getpid()])
        kamailio_pids = tree(registrar.proc.pid) if registrar.proc is not None else []
        kamailio_before = usage(kamailio_pids)
        pg_before = usage(postgres_pids(cluster))
        started = time.monotonic()

        calls = folder / "sipp"
        calls.mkdir()
        log_file = calls / "outcomes.log"
        total_s = args.minutes * 60 + args.patience + 120
        sipp = run_sipp(
            calls, str(SIPP / "uac_office_load.xml"), registrar.address, "office",
            "-m", str(offered), "-r", f"{args.rate:g}", "-rp", "60000", "-l", "1000",
            "-timeout", f"{total_s:.0f}s", "-trace_logs", "-log_file", str(log_file),
            keys={"CLIENT": CLIENT_NUMBER, "PATIENCE_MS": str(round(args.patience * 1000))},
        )  # fmt: skip
        sipp_rc = sipp.wait(total_s + 30)
        load_s = time.monotonic() - started  # CPU is the load's: read when the calls end
        after = {user: usage([pid]) - before[user] for user, pid in engines.items()}
        driver = usage([os.getpid()]) - driver_before
        kamailio = usage(kamailio_pids) - kamailio_before
        postgres = usage(postgres_pids(cluster)) - pg_before
        drained = wait_idle(seats, RING_LIMIT_S + SWEEP_S + 60)
        for seat in seats:
            seat.stop()

        callers = caller_outcomes(log_file)
        rows = all_calls(dbs[0])
        report(args, offered, sipp_rc, drained, callers, rows, seats)
        report_usage(load_s, after, driver, kamailio, postgres)
        if sipp_rc != 0:
            print(sipp.output()[-3000:], file=sys.stderr)
    finally:
        for seat in seats:
            if seat._thread.is_alive():
                seat.stop()
        for db in dbs:
            db.close()
        for phone in phones.values():
            phone.process.stop()
        registrar.stop()
        stop_cluster(cluster)
    print(f"# files: {folder}", file=sys.stderr)


def report(
    args: argparse.Namespace,
    offered: int,
    sipp_rc: int,
    drained: bool,
    callers: dict[str, str],
    rows: list[CallRecord],
    seats: list[LoadSeat],
) -> None:
    by_call_id = {row.sip_call_id: row for row in rows}
    kinds = collections.Counter(outcome.split()[0] for outcome in callers.values())
    refused = collections.Counter(o for o in callers.values() if o.startswith("refused"))
    no_row = [cid for cid in callers if cid not in by_call_id]
    still_open = [row for row in rows if row.outcome is None or row.ended_at is None]
    wrong = []
    for cid, outcome in callers.items():
        row = by_call_id.get(cid)
        if row is None or row.outcome is None:
            continue
        answered_row = row.answered_at is not None and row.seat is not None
        if outcome.startswith(("answered", "late_answer")) != answered_row:
            wrong.append((cid, outcome, str(row.outcome)))
    confirmed = collections.Counter(key for seat in seats for key in seat.counts.confirmed)
    double = [key for key, n in confirmed.items() if n > 1]
    waits = [
        (row.answered_at - row.started_at).total_seconds()
        for row in rows
        if row.answered_at is not None and row.seat is not None
    ]
    gave_up_waits = [
        (row.ended_at - row.started_at).total_seconds()
        for cid, outcome in callers.items()
        if outcome == "gave_up" and (row := by_call_id.get(cid)) is not None
        and row.ended_at is not None
    ]  # fmt: skip
    row_outcomes = collections.Counter(str(row.outcome) for row in rows)
    emit("office_load_seats", args.seats, "seats")
    emit("office_load_rate", args.rate, "calls/min")
    emit("office_load_minutes", args.minutes, "min")
    emit("office_load_calls_offered", offered, "calls")
    emit("office_load_calls_ended_at_caller", len(callers), "calls")
    emit("office_load_sipp_exit_code", sipp_rc, "code")
    emit("office_load_answered", kinds["answered"] + kinds["late_answer"], "calls")
    emit("office_load_late_answers", kinds["late_answer"], "calls")
    emit("office_load_gave_up", kinds["gave_up"], "calls")
    emit("office_load_refused_at_once", kinds["refused"], "calls")
    for code, n in sorted(refused.items()):
        emit(f"office_load_{code.replace(' ', '_')}", n, "calls")
    emit("office_load_lost_calls", len(no_row) + len(still_open), "calls")
    emit("office_load_calls_without_row", len(no_row), "calls")
    emit("office_load_rows_left_open", len(still_open), "rows")
    turned_away = [r for r in still_open if callers.get(r.sip_call_id, "").startswith("refused")]
    emit("office_load_rows_left_open_turned_away", len(turned_away), "rows")
    emit("office_load_rows", len(rows), "rows")
    emit("office_load_rows_per_call", len(rows) / max(1, len(callers)), "rows")
    emit("office_load_wrong_outcome", len(wrong), "calls")
    emit("office_load_double_answers", len(double), "calls")
    for outcome, n in sorted(row_outcomes.items()):
        emit(f"office_load_rows_{outcome.lower()}", n, "rows")
    emit("office_load_claims_lost", sum(s.counts.claims_lost for s in seats), "claims")
    emit("office_load_gone_before_claim", sum(s.counts.gone_before_claim for s in seats),
         "presses")  # fmt: skip
    emit("office_load_seat_turned_away", sum(s.counts.turned_away for s in seats), "legs")
    emit("office_load_seat_refused_other", sum(s.counts.refused_other for s in seats), "legs")
    emit("office_load_seats_drained", int(drained), "bool")
    emit("office_load_seat_errors", sum(len(s.counts.errors) for s in seats), "errors")
    emit("office_load_answer_s_p50", percentile(waits, 0.5), "s")
    emit("office_load_answer_s_p95", percentile(waits, 0.95), "s")
    emit("office_load_answer_s_max", max(waits, default=0.0), "s")
    emit("office_load_gave_up_after_s_p50", percentile(gave_up_waits, 0.5), "s")
    for label, items in (("no row", no_row), ("open", still_open), ("wrong", wrong),
                         ("double", double)):  # fmt: skip
        for item in items[:5]:
            print(f"# {label}: {item}", file=sys.stderr)
    for seat in seats:
        for error in seat.counts.errors[:3]:
            print(f"# {seat.name} error: {error}", file=sys.stderr)


def report_usage(
    load_s: float,
    engines: dict[str, Usage],
    driver: Usage,
    kamailio: Usage,
    postgres: Usage,
) -> None:
    cpu = [u.cpu_s for u in engines.values()]
    rss = [u.peak_rss_mb for u in engines.values()]
    emit("office_load_wall_s", load_s, "s")
    emit("office_load_engine_cpu_s_mean", statistics.mean(cpu), "s")
    emit("office_load_engine_cpu_s_max", max(cpu), "s")
    emit("office_load_engine_cpu_percent_mean", 100 * statistics.mean(cpu) / load_s, "%")
    emit("office_load_engine_peak_rss_mb_mean", statistics.mean(rss), "MiB")
    emit("office_load_engine_peak_rss_mb_max", max(rss), "MiB")
    emit("office_load_driver_cpu_s", driver.cpu_s, "s")
    emit("office_load_driver_cpu_s_per_seat", driver.cpu_s / len(engines), "s")
    emit("office_load_driver_peak_rss_mb", driver.peak_rss_mb, "MiB")
    emit("office_load_kamailio_cpu_s", kamailio.cpu_s, "s")
    emit("office_load_kamailio_peak_rss_mb_sum", kamailio.peak_rss_mb, "MiB")
    emit("office_load_postgres_cpu_s", postgres.cpu_s, "s")
    emit("office_load_postgres_peak_rss_mb_sum", postgres.peak_rss_mb, "MiB")


if __name__ == "__main__":
    main()
