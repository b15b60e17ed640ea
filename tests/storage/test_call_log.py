"""The call log from the first ring: opened at the start, completed at the end, closed as
"interrupted" after a crash; busy and interrupted calls reach the report as missed calls,
unverified numbers are marked there (real SQLite file, real PDFs read back)."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from appenv.paths import AppPaths
from clients.model import CallRecord, Client, Outcome
from reports.call_note_pdf import render_call_note
from reports.clients_source import StoreReportSource
from reports.daily_report_pdf import render_daily_report
from reports.model import Outcome as ReportOutcome
from storage import Changes, Database, open_app_database, open_database
from tests.reports.helpers import pdftotext

T0 = dt.datetime(2024, 5, 7, 8, 0, tzinfo=dt.UTC)  # 10:00 in Berlin
DAY = dt.date(2024, 5, 7)
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def db(app_paths: AppPaths, db_location: Path | str):
    """The seat's database on SQLite and on PostgreSQL (with its call-log spool)."""
    with open_database(
        db_location, drafts=app_paths.drafts, spool=app_paths.home / "spool"
    ) as database:
        yield database


def _start(key: str, at: dt.datetime, number: str | None = "+4915209876543", **kw: object):
    return CallRecord(call_key=key, caller_number=number, caller_uri=f"sip:{number}@192.0.2.1",
                      started_at=at, **kw)  # type: ignore[arg-type]  # fmt: skip


def test_a_call_is_logged_at_its_start_and_completed_at_its_end(db: Database) -> None:
    client = db.clients.add_client(Client(code="ROTH", name="Kanzlei Roth"))
    row = db.calls.open_call(_start("k1", T0))
    assert db.calls.open_call(_start("k1", T0)) == row  # idempotent per call key
    opened = db.calls.get_call(row)
    assert opened is not None and opened.outcome is None and opened.ended_at is None
    assert opened.caller_uri == "sip:+4915209876543@192.0.2.1" and opened.call_key == "k1"
    db.calls.set_call_client(row, client.id)
    db.calls.mark_answered(row, T0 + dt.timedelta(seconds=12))
    done = db.calls.finish_call(
        row, ended_at=T0 + dt.timedelta(seconds=72), outcome=Outcome.ANSWERED, duration_s=60.0
    )
    assert (done.client_id, done.outcome, done.duration_s) == (client.id, Outcome.ANSWERED, 60.0)
    assert done.started_at == T0  # the true ring start, answer and end
    assert done.answered_at == T0 + dt.timedelta(seconds=12)
    assert done.ended_at == T0 + dt.timedelta(seconds=72)
    assert db.calls.call_by_key("k1") == done
    assert db.calls.close_interrupted(T0 + dt.timedelta(hours=1)) == 0  # nothing left open


def test_finish_gives_the_true_answer_time_when_not_marked_before(db: Database) -> None:
    row = db.calls.open_call(_start("k2", T0))
    done = db.calls.finish_call(row, ended_at=T0 + dt.timedelta(seconds=30),
                                outcome=Outcome.ANSWERED, duration_s=20.0,
                                answered_at=T0 + dt.timedelta(seconds=10))  # fmt: skip
    assert done.answered_at == T0 + dt.timedelta(seconds=10)


def test_record_call_without_a_key_gets_a_unique_one(db: Database) -> None:
    first = db.calls.record_call(CallRecord(started_at=T0, outcome=Outcome.BUSY))
    second = db.calls.record_call(CallRecord(started_at=T0, outcome=Outcome.BUSY))
    keys = {c.call_key for c in (db.calls.get_call(first), db.calls.get_call(second)) if c}
    assert first != second and len(keys) == 2 and "" not in keys


def test_an_unverified_number_is_kept_exactly_as_received(db: Database) -> None:
    row = db.calls.record_call(
        _start(
            "k3",
            T0,
            number="12345678901234567",
            number_verified=False,
            outcome=Outcome.MISSED,
            ended_at=T0,
        )
    )
    stored = db.calls.get_call(row)
    assert stored is not None and stored.caller_number == "12345678901234567"
    assert not stored.number_verified


def test_writes_announce_what_changed(db: Database) -> None:
    seen: list[Changes] = []
    unsubscribe = db.changes.subscribe(seen.append)
    row = db.calls.open_call(_start("k4", T0))
    db.calls.mark_answered(row, T0)
    with pytest.raises(LookupError):
        db.calls.mark_answered(99999, T0)  # failed: nothing committed, nothing announced
    unsubscribe()
    db.calls.close_interrupted(T0)
    assert [c.ids for c in seen] == [{"calls": frozenset({row})}, {"calls": frozenset({row})}]
    assert seen[0].touches("calls") and not seen[0].touches("notes")


def test_calls_left_open_by_a_killed_app_are_closed_as_interrupted(app_paths: AppPaths) -> None:
    """A real process opens two calls and is killed (SIGKILL); the next start closes them."""
    script = textwrap.dedent(
        f"""
        import datetime as dt, os, signal, sys
        sys.path.insert(0, {str(ROOT)!r})
        from clients.model import CallRecord
        from storage import open_database
        db = open_database({str(app_paths.database)!r})
        t0 = dt.datetime(2024, 5, 7, 8, 0, tzinfo=dt.UTC)
        for key in ("ringing", "talking"):
            db.calls.open_call(CallRecord(call_key=key, caller_number="+4930123456",
                                          started_at=t0))
        row = db.calls.call_by_key("talking").id
        db.calls.mark_answered(row, t0 + dt.timedelta(seconds=5))
        os.kill(os.getpid(), signal.SIGKILL)
        """
    )
    result = subprocess.run([sys.executable, "-c", script], timeout=60)
    assert result.returncode == -9
    now = T0 + dt.timedelta(minutes=3)
    with open_app_database(app_paths) as db:
        assert db.calls.close_interrupted(now) == 2
        assert db.calls.close_interrupted(now) == 0
        talking = db.calls.call_by_key("talking")
        ringing = db.calls.call_by_key("ringing")
    assert talking is not None and ringing is not None
    assert talking.outcome is ringing.outcome is Outcome.INTERRUPTED
    assert talking.ended_at == ringing.ended_at == now
    assert talking.answered_at == T0 + dt.timedelta(seconds=5)


def test_busy_and_interrupted_calls_are_missed_calls_in_the_daily_report(db: Database) -> None:
    client = db.clients.add_client(Client(code="ROTH", name="Kanzlei Roth"))
    db.calls.record_call(_start("busy", T0, client_id=client.id, outcome=Outcome.BUSY, ended_at=T0))
    db.calls.open_call(_start("cut", T0 + dt.timedelta(minutes=5), client_id=client.id))
    db.calls.close_interrupted(T0 + dt.timedelta(minutes=9))
    db.calls.record_call(
        _start(
            "odd",
            T0 + dt.timedelta(minutes=20),
            number="0049-INVALID-77",
            number_verified=False,
            client_id=client.id,
            outcome=Outcome.MISSED,
            ended_at=T0 + dt.timedelta(minutes=20),
        )
    )
    source = StoreReportSource(db)
    calls = source.calls_for("ROTH", DAY)
    assert [c.outcome for c in calls] == [
        ReportOutcome.BUSY, ReportOutcome.INTERRUPTED, ReportOutcome.MISSED]  # fmt: skip
    assert all(c.outcome.missed for c in calls)
    report = source.client("ROTH")
    assert report is not None
    text = " ".join(pdftotext(render_daily_report(report, DAY, calls)).split())
    assert "Anrufe: 2 verpasst, 1 unterbrochen" in text  # busy counts as missed
    assert "VERPASST (BESETZT)" in text and "UNTERBROCHEN" in text
    assert "0049-INVALID-77 (nicht geprüft)" in text
    assert "+49 1520 9876543 (nicht geprüft)" not in text  # verified numbers are not marked
    note_text = " ".join(pdftotext(render_call_note(report, calls[2], "en")).split())
    assert "0049-INVALID-77 (unverified)" in note_text
