"""`vorzimmer migrate --to postgresql://…` through the real launcher: a seat's SQLite data
copied into an office database, verified row by row, refused into a non-empty target,
nothing half-copied after a failure."""

from __future__ import annotations

import dataclasses
import datetime as dt
import sqlite3
import subprocess
import sys
from pathlib import Path

import psycopg

from appenv.paths import AppPaths
from calendar_sync.journal import AppointmentRecord
from clients.demo import load_demo
from clients.model import Caller
from notes.model import Note, NoteQuery
from reports.delivery_jobs import DeliveryRequest
from storage import open_app_database, open_database
from storage.postgres.copy_in import checksum
from storage.postgres.migrations import TABLES

ROOT = Path(__file__).resolve().parents[2]
NOW = dt.datetime(2024, 11, 5, 10, 0, tzinfo=dt.UTC)


def _seat(paths: AppPaths) -> None:
    """A seat with demo clients and calls, a note, a shared caller, a queued report."""
    with open_app_database(paths) as db:
        load_demo(db.clients, NOW)
        roth = db.clients.get_client_by_code("ROTH")
        assert roth is not None and roth.id is not None
        db.clients.add_caller(Caller(client_id=None, name="Jürgen Groß", numbers=("0171 2223334",)))
        call = db.calls.recent_calls(1, roth.id)[0]
        note = db.notes.add_note(
            Note(client_id=roth.id, call_id=call.id, operator="Frau Weber", noted_at=NOW,
                 subject="Rückruf wegen Frist", message="Akte 12/345, bitte bis 17 Uhr.")
        )  # fmt: skip
        db.notes.update_note(dataclasses.replace(note, message="Akte 12/345, bis 16 Uhr."), "x")
        db.calendars.add_appointment(
            AppointmentRecord(client="ROTH", call_key=call.call_key, uid="u1@vorzimmer",
                              starts_at=NOW, ends_at=NOW, caller="Frau Öztürk",
                              phone="030 1234567")
        )  # fmt: skip
        db.deliveries.insert_job(
            DeliveryRequest("daily_report", "ROTH", NOW.date(), ("a@example.com",), "Bericht",
                            "Guten Tag", "bericht.pdf", b"%PDF-1.4 \x00\xff"),
            "<m1@vorzimmer>", NOW,
        )  # fmt: skip


def _migrate(paths: AppPaths, url: str, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--home", str(paths.home), "migrate", "--to", url,
         *extra],
        capture_output=True, text=True, timeout=120, cwd=ROOT,
    )  # fmt: skip


def _office_rows(url: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    with psycopg.connect(url) as conn:
        for table in TABLES:
            row = conn.execute(f"SELECT count(*) FROM {table}").fetchone()
            assert row is not None
            counts[table] = int(row[0])
    return counts


def test_a_seat_is_copied_and_verified_table_by_table(app_paths: AppPaths, postgres: str) -> None:
    _seat(app_paths)
    result = _migrate(app_paths, postgres)
    assert result.returncode == 0, result.stderr
    assert "clients: 0/4" in result.stderr and "copied and verified" in result.stderr
    printed = {line.split("\t")[0]: line.split("\t")[1:] for line in result.stdout.splitlines()}
    assert set(printed) == set(TABLES)
    seat = sqlite3.connect(app_paths.database)
    for table in TABLES:
        count = seat.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        assert int(printed[table][0]) == count == _office_rows(postgres)[table], table
    assert _office_rows(postgres)["calls"] > 0 and _office_rows(postgres)["note_changes"] == 1
    # the office database works as the seat did: search, lookups, new rows after the old ids
    with open_database(postgres) as office, open_database(app_paths.database) as own:
        roth = office.clients.get_client_by_code("ROTH")
        assert roth is not None and roth.id is not None
        assert office.clients.list_clients() == own.clients.list_clients()
        assert [c.name for c in office.clients.search_callers(roth.id, "groß")] == ["Jürgen Groß"]
        found = office.notes.search(NoteQuery(client_id=roth.id, text="ruckruf frist"))
        assert [n.subject for n in found] == ["Rückruf wegen Frist"]
        assert office.deliveries.attachment(1) == b"%PDF-1.4 \x00\xff"
        assert office.calendars.appointments("ROTH", phone="+49 30 1234567", caller=None) == (
            own.calendars.appointments("ROTH")
        )
        new = office.clients.add_caller(Caller(client_id=roth.id, name="Neu"))
        assert new.id is not None and new.id > max(
            c.id or 0 for c in own.clients.list_callers(None)
        )


def test_a_non_empty_target_is_refused_unless_replaced(app_paths: AppPaths, postgres: str) -> None:
    _seat(app_paths)
    assert _migrate(app_paths, postgres).returncode == 0
    before = _office_rows(postgres)
    again = _migrate(app_paths, postgres)
    assert again.returncode == 3
    assert "already holds data" in again.stderr and "--replace" in again.stderr
    assert "Traceback" not in again.stderr
    assert _office_rows(postgres) == before
    replaced = _migrate(app_paths, postgres, "--replace")
    assert replaced.returncode == 0, replaced.stderr
    assert _office_rows(postgres) == before  # not doubled


def test_a_failed_copy_leaves_the_office_database_untouched(
    app_paths: AppPaths, postgres: str
) -> None:
    _seat(app_paths)
    seat = sqlite3.connect(app_paths.database)
    # a row PostgreSQL refuses (SQLite keeps any value in an INTEGER column): late in the order
    seat.execute("UPDATE delivery_jobs SET attempts = 'many'")
    seat.commit()
    seat.close()
    result = _migrate(app_paths, postgres)
    assert result.returncode == 1
    assert "delivery_jobs" in result.stderr and "Traceback" not in result.stderr
    assert set(_office_rows(postgres).values()) == {0}  # clients, calls, notes: nothing


def test_checksums_see_every_value() -> None:
    rows = [(1, "a", None, 1.5, b"\x00")]
    assert checksum(rows) == checksum(list(rows))
    for changed in ([(1, "a", "", 1.5, b"\x00")], [(1, "a", None, 1.5, b"\x01")],
                    [(1, "a ", None, 1.5, b"\x00")], [(2, "a", None, 1.5, b"\x00")]):  # fmt: skip
        assert checksum(changed) != checksum(rows)
