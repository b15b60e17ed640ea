"""The office database restarted (or its link dropped) under a live seat: writes fail fast
and calmly, calls logged meanwhile are spooled on disk and written when it is back —
nothing lost, nothing written twice — notes stay as drafts, and the outage and its length
are announced.

The restart hits a write that is in flight: another connection holds the writers' lock,
so the write waits inside its transaction on the server when the server goes away.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import psycopg
import pytest

from appenv import messages
from appenv.paths import AppPaths
from clients.model import CallRecord, Client, Outcome
from notes.drafts import Draft, new_key
from notes.model import Note
from notes.saving import finalise
from storage import Database, StoreUnavailable, open_database
from storage.postgres.call_spool import SPOOL_NAME
from storage.postgres.session import WRITER_LOCK
from tests.fixtures.postgres import PgCluster
from tests.storage_pg.link import Link

T0 = dt.datetime(2024, 5, 7, 8, 0, tzinfo=dt.UTC)


@pytest.fixture
def told() -> Iterator[list[messages.Message]]:
    """What the seat told its operator (the window's message sink, here a list)."""
    seen: list[messages.Message] = []
    old = messages.set_sink(seen.append)
    yield seen
    messages.set_sink(old)


@pytest.fixture
def office(postgres_server: PgCluster, app_paths: AppPaths) -> Iterator[Database]:
    postgres_server.sql("CREATE DATABASE office")
    with open_database(
        postgres_server.url("office"), drafts=app_paths.drafts, spool=app_paths.home / "spool"
    ) as db:
        yield db


_blockers: list[psycopg.Connection[object]] = []  # alive until the server goes down


def _in_flight(url: str, work: Callable[[], object]) -> tuple[threading.Thread, list[object]]:
    """Start ``work`` in a thread while another seat holds the writers' lock: it waits on
    the server. Returns the thread and where its result (or exception) goes."""
    blocker = psycopg.connect(url, autocommit=True)
    _blockers.append(blocker)
    blocker.execute("SELECT pg_advisory_lock(%s)", (WRITER_LOCK,))
    out: list[object] = []

    def run() -> None:
        try:
            out.append(work())
        except Exception as exc:  # the test looks at it
            out.append(exc)

    thread = threading.Thread(target=run)
    thread.start()
    time.sleep(0.3)
    assert not out, "the write should be waiting for the lock"
    return thread, out


@pytest.fixture(autouse=True)
def _close_blockers() -> Iterator[None]:
    yield
    while _blockers:
        _blockers.pop().close()


def _wait(condition: Callable[[], bool], seconds: float = 15.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


@pytest.mark.expect_warnings  # the outage is announced as a warning
def test_a_restart_during_a_call_loses_nothing_and_writes_nothing_twice(
    office: Database, postgres_server: PgCluster, app_paths: AppPaths,
    told: list[messages.Message],
) -> None:  # fmt: skip
    url = postgres_server.url("office")
    client = office.clients.add_client(Client(code="ROTH", name="Kanzlei Dr. Roth"))
    first = office.calls.open_call(
        CallRecord(call_key="k1", client_id=client.id, caller_number="+4930123456",
                   started_at=T0)
    )  # fmt: skip
    thread, out = _in_flight(
        url, lambda: office.calls.mark_answered(first, T0 + dt.timedelta(seconds=4))
    )
    postgres_server.stop("immediate")
    thread.join(10)
    assert out == [None]  # kept in the spool, no error for the call journal
    started = time.monotonic()
    with pytest.raises(StoreUnavailable, match="cannot be reached"):
        office.clients.add_client(Client(code="NEU", name="Neu GmbH"))
    assert time.monotonic() - started < 1.0  # fast, no waiting on a dead server
    second = office.calls.open_call(
        CallRecord(call_key="k2", caller_number="+4940999", started_at=T0 + dt.timedelta(minutes=1))
    )
    assert second < 0  # provisional until the database is back
    office.calls.finish_call(first, ended_at=T0 + dt.timedelta(seconds=64),
                             outcome=Outcome.ANSWERED, duration_s=60.0)  # fmt: skip
    office.calls.finish_call(second, ended_at=T0 + dt.timedelta(minutes=1, seconds=20),
                             outcome=Outcome.MISSED, duration_s=0.0)  # fmt: skip
    spool = app_paths.home / "spool" / SPOOL_NAME
    assert len(spool.read_text().splitlines()) == 4
    assert spool.stat().st_mode & 0o777 == 0o600
    _wait(lambda: any("cannot be reached" in m.text for m in told))
    postgres_server.start()
    _wait(lambda: not spool.exists())
    calls = {c.call_key: c for c in office.calls.recent_calls(10)}
    assert set(calls) == {"k1", "k2"}  # nothing lost, nothing twice
    k1, k2 = calls["k1"], calls["k2"]
    assert k1.id == first and k1.answered_at == T0 + dt.timedelta(seconds=4)
    assert (k1.outcome, k1.duration_s) == (Outcome.ANSWERED, 60.0)
    assert k2.outcome is Outcome.MISSED and k2.ended_at == T0 + dt.timedelta(minutes=1, seconds=20)
    assert office.calls.get_call(second) == k2  # the provisional id still finds the call
    # the note form of the call taken during the outage holds its provisional id
    note = office.notes.add_note(
        Note(client_id=None, call_id=second, operator="Frau Weber", noted_at=T0)
    )
    assert note.call_id == k2.id and office.notes.note_for_call(second) == note
    back = [m for m in told if "reachable again" in m.text]
    assert len(back) == 1 and "4 call-log entries" in back[0].text
    assert "unreachable for" in back[0].text


@pytest.mark.expect_warnings
def test_a_restart_during_a_note_save_keeps_the_draft_and_saves_once(
    office: Database, postgres_server: PgCluster, told: list[messages.Message]
) -> None:
    url = postgres_server.url("office")
    client = office.clients.add_client(Client(code="ROTH", name="Kanzlei Dr. Roth"))
    note = Note(client_id=client.id, operator="Frau Weber", noted_at=T0,
                subject="Rückruf", message="Bitte bis 17 Uhr zurückrufen.")  # fmt: skip
    key = new_key()
    assert office.notes.drafts is not None
    office.notes.drafts.save(Draft(key=key, note=note, saved_at=T0))
    thread, out = _in_flight(url, lambda: finalise(office.notes, note, key, "Frau Weber"))
    postgres_server.stop("immediate")
    thread.join(10)
    assert len(out) == 1 and isinstance(out[0], StoreUnavailable)
    assert office.notes.drafts.load(key) is not None  # the draft survives on disk
    postgres_server.start()
    _wait(lambda: any("reachable again" in m.text for m in told))
    stored = finalise(office.notes, note, key, "Frau Weber")
    again = finalise(office.notes, note, key, "Frau Weber")  # a second click: the same note
    assert again.id == stored.id and stored.subject == "Rückruf"
    with psycopg.connect(url) as conn:
        row = conn.execute("SELECT count(*) FROM notes").fetchone()
    assert row is not None and row[0] == 1
    assert office.notes.drafts.load(key) is None


@pytest.mark.expect_warnings  # the outage, and the torn line skipped
def test_spooled_calls_of_an_earlier_run_are_written_at_the_next_start(
    postgres_server: PgCluster, app_paths: AppPaths, tmp_path: Path
) -> None:
    postgres_server.sql("CREATE DATABASE office")
    url = postgres_server.url("office")
    spool = app_paths.home / "spool"
    with open_database(url, spool=spool) as db:
        postgres_server.stop("immediate")
        db.calls.open_call(CallRecord(call_key="k9", caller_number="+4930111", started_at=T0))
    with (spool / SPOOL_NAME).open("a") as torn:  # a power loss while a line was appended
        torn.write('{"op":"update","key":"k9","fie')
    postgres_server.start()  # the seat was closed while down; its spool waits on disk
    with open_database(url, spool=spool) as db:
        found = db.calls.call_by_key("k9")
        assert found is not None and found.outcome is None
        assert db.calls.close_interrupted(T0 + dt.timedelta(minutes=5)) == 1
    assert not (spool / SPOOL_NAME).exists()


@pytest.mark.expect_warnings
def test_a_dropped_link_is_noticed_and_the_spool_written_when_it_is_back(
    postgres_server: PgCluster, app_paths: AppPaths, told: list[messages.Message]
) -> None:
    postgres_server.sql("CREATE DATABASE office")
    link = Link(postgres_server.port)
    spool = app_paths.home / "spool"
    try:
        with open_database(link.url("office"), spool=spool) as db:
            first = db.calls.open_call(
                CallRecord(call_key="k1", caller_number="+4930123456", started_at=T0)
            )
            link.cut()
            _wait(lambda: any("cannot be reached" in m.text for m in told), 3.0)
            started = time.monotonic()
            with pytest.raises(StoreUnavailable):
                db.clients.list_clients()
            db.calls.finish_call(first, ended_at=T0 + dt.timedelta(seconds=30),
                                 outcome=Outcome.MISSED, duration_s=0.0)  # fmt: skip
            assert time.monotonic() - started < 1.0
            assert (spool / SPOOL_NAME).exists()
            link.restore()
            _wait(lambda: not (spool / SPOOL_NAME).exists())
            [call] = db.calls.recent_calls(10)
            assert call.id == first and call.outcome is Outcome.MISSED
    finally:
        link.close()
