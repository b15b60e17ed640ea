"""The office database restarts while the operator changes her state: the changes wait in
the seat's writer and are written, in order and once, as soon as the database is back."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from appenv import messages
from appenv.paths import AppPaths
from office.model import SeatState
from office.seat_states import SeatStates, SeatWriter
from storage import Database, open_database
from tests.fixtures.postgres import PgCluster


@pytest.fixture
def office(postgres_server: PgCluster, app_paths: AppPaths) -> Iterator[Database]:
    postgres_server.sql("CREATE DATABASE office")
    told: list[messages.Message] = []
    old = messages.set_sink(told.append)  # the outage is told to the operator, not logged
    with open_database(postgres_server.url("office"), spool=app_paths.home / "spool") as db:
        yield db
    messages.set_sink(old)


def _until(check, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def test_changes_during_an_outage_are_written_when_it_is_back(
    office: Database, postgres_server: PgCluster
) -> None:
    writer = SeatWriter(office.seats, office.changes)
    seat = SeatStates("seat-a", "host (Frau Weber)", "Frau Weber", writer, office=True)
    seat.start(None, [])
    assert writer.flush()
    postgres_server.stop("immediate")
    _until(lambda: getattr(office, "outage", None) is not None)
    seat.take_break("Lunch")
    seat.go_away()
    assert not writer.flush(2.0) and writer.waiting == 2  # kept, not lost
    postgres_server.start()
    _until(lambda: writer.waiting == 0)  # written by itself once the database is back
    writer.close()
    state = office.seats.seat_state("seat-a")
    assert state is not None and state.state == SeatState.AWAY
    log = [(e.state, e.reason) for e in office.seats.seat_log("seat-a")]
    assert log == [(SeatState.AVAILABLE, ""), (SeatState.BREAK, "Lunch"), (SeatState.AWAY, "")]
