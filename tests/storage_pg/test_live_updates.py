"""Live updates between seats: a write on one is heard on the others within 1 s (NOTIFY
with table and ids only, a listening connection of its own), and after a reconnect every
table is announced for a full re-read (notifications are never replayed)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import queue
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from appenv import messages
from clients.model import Caller, Client
from notes.model import Note
from storage import Changes, open_database
from storage.postgres.database import PgDatabase
from storage.postgres.notify import EVERYTHING, MAX_IDS, notify_statements, parse
from tests.fixtures.postgres import PgCluster

ROOT = Path(__file__).resolve().parents[2]


class Seat:
    """Another seat in its own process, reporting what it hears."""

    def __init__(self, url: str) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "tests.storage_pg.seat_listener", url],
            cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        )  # fmt: skip
        self.lines: queue.Queue[dict[str, Any]] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        assert self.next(30).get("ready")

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.put(json.loads(line))

    def next(self, timeout: float = 5.0) -> dict[str, Any]:
        return self.lines.get(timeout=timeout)

    def close(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        self.proc.wait(10)
        if self.proc.stdout is not None:
            self.proc.stdout.close()


@pytest.fixture
def seat_b(postgres: str) -> Iterator[Seat]:
    seat = Seat(postgres)
    yield seat
    seat.close()


def test_a_note_saved_on_seat_a_is_heard_on_seat_b_within_a_second(
    postgres: str, seat_b: Seat
) -> None:
    with open_database(postgres) as a:
        client = a.clients.add_client(Client(code="ROTH", name="Kanzlei Dr. Roth"))
        assert seat_b.next()["ids"] == {"clients": []}
        latencies = []
        for i in range(5):
            t0 = time.time()
            note = a.notes.add_note(
                Note(client_id=client.id, operator="Frau Weber", subject=f"Rückruf {i}",
                     noted_at=dt.datetime.now(dt.UTC))
            )  # fmt: skip
            heard = seat_b.next()
            assert heard["ids"] == {"notes": [note.id]}
            latencies.append(heard["at"] - t0)
        caller = a.clients.add_caller(Caller(client_id=client.id, name="Thomas Krause"))
        assert seat_b.next()["ids"] == {"callers": [caller.id]}
        a.clients.update_caller(caller)
        assert seat_b.next()["ids"] == {"callers": [caller.id]}
    assert max(latencies) < 1.0, latencies
    print(json.dumps({"metric": "seat_a_to_b_ms", "max": round(max(latencies) * 1000, 1)}))


def test_a_seat_does_not_hear_its_own_writes_twice(postgres: str) -> None:
    with open_database(postgres) as a:
        seen: list[Changes] = []
        a.changes.subscribe(seen.append)
        a.clients.add_client(Client(code="ROTH", name="Kanzlei Dr. Roth"))
        time.sleep(0.5)  # time for a notification to come back, if it did
    assert [c.tables for c in seen] == [frozenset({"clients"})]


@pytest.mark.expect_warnings  # the outage is announced as a warning
def test_after_a_restart_of_the_server_every_table_is_announced(
    postgres_server: PgCluster,
) -> None:
    told: list[messages.Message] = []
    old_sink = messages.set_sink(told.append)
    try:
        _restart_while_listening(postgres_server, told)
    finally:
        messages.set_sink(old_sink)


def _restart_while_listening(postgres_server: PgCluster, told: list[messages.Message]) -> None:
    postgres_server.sql("CREATE DATABASE office")
    url = postgres_server.url("office")
    with open_database(url) as a:
        client = a.clients.add_client(Client(code="ROTH", name="Kanzlei Dr. Roth"))
        seat = Seat(url)
        try:
            postgres_server.stop()
            postgres_server.start()
            deadline = time.monotonic() + 20
            heard = seat.next(20)
            while heard["ids"] != {t: [] for t in EVERYTHING.ids}:
                heard = seat.next(max(0.1, deadline - time.monotonic()))
            while not any("reachable again" in m.text for m in told):  # A's listener too
                assert time.monotonic() < deadline
                time.sleep(0.05)
            assert isinstance(a, PgDatabase) and a.outage is None
            a.clients.update_client(client)
            assert seat.next()["ids"] == {"clients": []}
        finally:
            seat.close()


def test_payloads_stay_small_and_many_ids_become_the_table() -> None:
    many = Changes({"notes": frozenset(range(1, 3 * MAX_IDS + 1))})
    statements = list(notify_statements("me", many))
    assert len(statements) == 3
    assert all(len(p[1].encode()) < 8000 for _, p in statements)
    back = [parse(p[1]) for _, p in statements]
    assert {i for b in back if b for i in b[1].ids["notes"]} == set(range(1, 3 * MAX_IDS + 1))
    bulk = list(notify_statements("me", Changes({"callers": frozenset(range(100_000))})))
    assert len(bulk) == 1 and parse(bulk[0][1][1]) == ("me", Changes({"callers": frozenset()}))
    assert parse("not json") is None


def test_an_appointment_journalled_on_seat_a_is_heard_on_seat_b(
    postgres: str, seat_b: Seat
) -> None:
    from calendar_sync.journal import AppointmentRecord, AppointmentState

    with open_database(postgres) as a:
        a.clients.add_client(Client(code="ROTH", name="Kanzlei Dr. Roth"))
        assert seat_b.next()["ids"] == {"clients": []}
        start = dt.datetime(2027, 1, 12, 8, 30, tzinfo=dt.UTC)
        record = a.calendars.add_appointment(
            AppointmentRecord(client="ROTH", uid="u@vorzimmer", starts_at=start, ends_at=start)
        )
        assert seat_b.next()["ids"] == {"appointments": [record.id]}
        seen = a.calendars.update_appointment(
            dataclasses.replace(record, state=AppointmentState.CONFLICT, acknowledged=True)
        )
        assert seat_b.next()["ids"] == {"appointments": [seen.id]}
