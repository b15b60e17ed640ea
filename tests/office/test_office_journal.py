"""One call-log row per office call, whichever seats ring: the journal on SQLite and on
PostgreSQL, every seat with its own journal as each seat's window has."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from appenv import messages
from appenv.paths import AppPaths
from clients.call_journal import RING_LIMIT_S, CallJournal
from clients.model import Outcome
from softphone.call_board import BoardCall, FinishedCall
from softphone.call_info import CallInfo
from softphone.states import CallState, Direction
from softphone.states import Outcome as CallOutcome
from storage import Database, open_database
from storage.postgres.call_spool import SPOOL_NAME
from tests.fixtures.postgres import PgCluster
from tests.storage_pg.link import Link

T0 = 1_790_000_000.0
NOW = dt.datetime.fromtimestamp(T0 + 100, dt.UTC)


def office_info(call_id: str = "fork-1@carrier", tag: str = "t1", cseq: int = 1) -> CallInfo:
    return CallInfo(
        sip_call_id=call_id,
        caller_uri="sip:+4917612345678@192.0.2.1",
        caller_number="+4917612345678",
        caller_display_name="Anna",
        from_number="+4917612345678",
        from_display_name="Anna",
        asserted_number=None,
        asserted_display_name=None,
        privacy=False,
        request_uri="sip:alice@127.0.0.1",
        to_uri="sip:+4930123456@127.0.0.1",
        dialled_number="+4930123456",
        forwarding=(),
        user_agent=None,
        from_tag=tag,
        cseq=cseq,
    )


def ringing(info: CallInfo, started_at: float = T0) -> BoardCall:
    key = info.identity_key()
    return BoardCall(key, Direction.IN, info.caller_uri, info, CallState.INCOMING,
                     started_at=started_at)  # fmt: skip


def ended(info: CallInfo, outcome: CallOutcome, answered: bool = False) -> FinishedCall:
    return FinishedCall(
        key=info.identity_key(), direction=Direction.IN, number=info.caller_number,
        display_name="Anna", dialled_number=info.dialled_number, started_at=T0,
        answered_at=T0 + 5 if answered else None, ended_at=T0 + 65, answered=answered,
        duration_s=60.0 if answered else 0.0, outcome=outcome, code=200 if answered else 487,
        reason="", info=info, remote_uri=info.caller_uri,
    )  # fmt: skip


def seat(db: Database, name: str, operator: str) -> CallJournal:
    return CallJournal(db.calls, lambda info: None, name, lambda: operator)


@pytest.fixture
def two_seats(db_location: Path | str) -> Iterator[tuple[Database, Database]]:
    """Two seats' databases: two connections to the office database, or one SQLite file
    opened twice (the logic is the same; an office runs on PostgreSQL)."""
    a, b = open_database(db_location), open_database(db_location)
    yield a, b
    a.close()
    b.close()


def test_every_seat_rung_writes_the_same_row_and_one_answers(two_seats):
    a, b = two_seats
    alice, bob = seat(a, "alice", "Alice Adler"), seat(b, "bob", "Bob Berger")
    info = office_info()
    row = alice.started(ringing(info))
    assert bob.started(ringing(info)) == row  # the same INVITE: the same row
    assert bob.claim_answer(info.identity_key(), T0 + 5) is None  # bob presses first
    assert alice.claim_answer(info.identity_key(), T0 + 5.01) == "Bob Berger"
    assert bob.claim_answer(info.identity_key(), T0 + 5.02) is None  # his, still
    # alice's leg is cancelled (cause 200): nothing written; bob's call ends answered
    seen_by_alice = alice.finished(ended(info, CallOutcome.ANSWERED_ELSEWHERE))
    assert seen_by_alice.operator == "Bob Berger" and seen_by_alice.outcome is None
    done = bob.finished(ended(info, CallOutcome.ANSWERED, answered=True))
    assert done.outcome == Outcome.ANSWERED and (done.seat, done.operator) == ("bob", "Bob Berger")
    [logged] = a.clients.recent_calls(10)
    assert logged.id == row and logged.outcome == Outcome.ANSWERED and logged.seat == "bob"


def test_a_seat_cancelled_without_a_reason_does_not_turn_the_call_into_a_missed_one(two_seats):
    a, b = two_seats
    alice, bob = seat(a, "alice", "Alice Adler"), seat(b, "bob", "Bob Berger")
    info = office_info("fork-2@carrier")
    alice.started(ringing(info))
    bob.started(ringing(info))
    assert alice.claim_answer(info.identity_key(), T0 + 3) is None
    done = alice.finished(ended(info, CallOutcome.ANSWERED, answered=True))
    # bob's proxy sent no Reason: his board says "missed", the row says alice has it
    after = bob.finished(ended(info, CallOutcome.MISSED))
    assert after.outcome == Outcome.ANSWERED and after.seat == "alice"
    assert after.ended_at == done.ended_at
    # and the other order: bob's "missed" first, while alice still talks
    info = office_info("fork-3@carrier")
    alice.started(ringing(info))
    bob.started(ringing(info))
    assert alice.claim_answer(info.identity_key(), T0 + 3) is None
    assert bob.finished(ended(info, CallOutcome.MISSED)).outcome is None
    assert alice.finished(ended(info, CallOutcome.ANSWERED, answered=True)).outcome == "answered"


def test_a_call_nobody_answered_is_closed_as_missed_once(two_seats):
    a, b = two_seats
    alice, bob = seat(a, "alice", "Alice Adler"), seat(b, "bob", "Bob Berger")
    info = office_info("fork-4@carrier")
    alice.started(ringing(info))
    bob.started(ringing(info))
    first = bob.finished(ended(info, CallOutcome.MISSED))
    later = ended(info, CallOutcome.MISSED)
    second = alice.finished(
        FinishedCall(**{**later.__dict__, "ended_at": T0 + 90})  # her CANCEL came later
    )
    assert first.outcome == second.outcome == Outcome.MISSED
    assert second.ended_at == first.ended_at  # written once, by the first
    assert [c.outcome for c in a.clients.recent_calls(10)] == [Outcome.MISSED]


def test_a_claimed_call_the_caller_gave_up_on_is_missed_without_an_answer_time(two_seats):
    a, b = two_seats
    alice, bob = seat(a, "alice", "Alice Adler"), seat(b, "bob", "Bob Berger")
    info = office_info("gave-up@carrier")
    alice.started(ringing(info))
    bob.started(ringing(info))
    assert alice.claim_answer(info.identity_key(), T0 + 4) is None
    # the caller hung up before alice's 200 OK went out: both seats see a missed call
    assert bob.finished(ended(info, CallOutcome.MISSED)).outcome is None  # alice's to close
    done = alice.finished(ended(info, CallOutcome.MISSED))
    assert done.outcome == Outcome.MISSED and done.answered_at is None


def refused(info: CallInfo, at: float = T0, code: int = 480) -> FinishedCall:
    """What the board makes of a call the engine refused before it rang: 480 (the seat
    was not available) or 486 (every line busy)."""
    return FinishedCall(
        key=info.identity_key(), direction=Direction.IN, number=info.caller_number,
        display_name="Anna", dialled_number=info.dialled_number, started_at=at,
        answered_at=None, ended_at=at, answered=False, duration_s=0.0,
        outcome=CallOutcome.MISSED if code == 480 else CallOutcome.BUSY, code=code,
        reason="", info=info, remote_uri=info.caller_uri,
    )  # fmt: skip


def test_a_call_every_seat_turned_away_is_closed_as_busy_once(two_seats):
    """Every seat in a call: each engine answers 480, no seat rings, nobody closes the row
    on a call's end — it stayed open ("waiting" for the supervisor) until a restart made
    it "interrupted" (found by benchmarks/bench_office_load.py)."""
    a, b = two_seats
    alice, bob = seat(a, "alice", "Alice Adler"), seat(b, "bob", "Bob Berger")
    info = office_info("all-busy@carrier")
    row = alice.turned_away(refused(info))
    assert bob.turned_away(refused(info, T0 + 0.01)) == row
    assert alice.close_turned_away(T0 + RING_LIMIT_S - 1) == 0  # it could still ring
    assert a.calls.get_call(row).outcome is None
    assert alice.close_turned_away(T0 + RING_LIMIT_S) == 1
    assert bob.close_turned_away(T0 + RING_LIMIT_S + 1) == 1
    [logged] = a.clients.recent_calls(10)
    # turned away by the office, not abandoned by the caller (see office/stats.py)
    assert logged.outcome == Outcome.BUSY and logged.ended_at == logged.started_at
    assert logged.answered_at is None and not logged.seat
    assert alice.turned_away_open == bob.turned_away_open == 0


def test_a_call_turned_away_here_keeps_what_the_seat_that_rang_wrote(two_seats):
    a, b = two_seats
    alice, bob = seat(a, "alice", "Alice Adler"), seat(b, "bob", "Bob Berger")
    answered, gave_up = office_info("rang-bob-1@carrier"), office_info("rang-bob-2@carrier")
    for info in (answered, gave_up):
        alice.turned_away(refused(info))  # alice is in a call; it rings at bob's seat
        bob.started(ringing(info))
    assert bob.claim_answer(answered.identity_key(), T0 + 5) is None
    bob.finished(ended(answered, CallOutcome.ANSWERED, answered=True))
    bob.finished(ended(gave_up, CallOutcome.MISSED))  # the caller gave up after 65 s
    assert alice.close_turned_away(T0 + RING_LIMIT_S) == 2
    by_key = {c.call_key: c for c in a.clients.recent_calls(10)}
    done = by_key[answered.identity_key()]
    assert done.outcome == Outcome.ANSWERED and done.seat == "bob" and done.duration_s == 60
    missed = by_key[gave_up.identity_key()]
    assert missed.outcome == Outcome.MISSED
    assert missed.ended_at == dt.datetime.fromtimestamp(T0 + 65, dt.UTC)  # bob's, not alice's


def test_a_call_refused_busy_here_is_the_colleagues_who_rang(two_seats):
    """Every line of alice's engine busy: it answers 486, the call ends on her board at
    once — while it rings at bob's seat. Her "busy" used to be the row, written whole
    at once, so bob could not close it as missed when the caller gave up."""
    a, b = two_seats
    alice, bob = seat(a, "alice", "Alice Adler"), seat(b, "bob", "Bob Berger")
    info, everywhere = office_info("lines-full-1@carrier"), office_info("lines-full-2@carrier")
    assert alice.finished(refused(info, code=486)).outcome is None  # not hers to close
    bob.started(ringing(info))
    bob.finished(ended(info, CallOutcome.MISSED))  # the caller gave up after 65 s
    alice.finished(refused(everywhere, code=486))  # and one no seat could ring
    bob.turned_away(refused(everywhere))
    assert alice.close_turned_away(T0 + RING_LIMIT_S) == 2
    assert bob.close_turned_away(T0 + RING_LIMIT_S) == 1
    by_key = {c.call_key: c for c in a.clients.recent_calls(10)}
    gave_up = by_key[info.identity_key()]
    assert gave_up.outcome == Outcome.MISSED
    assert gave_up.ended_at == dt.datetime.fromtimestamp(T0 + 65, dt.UTC)
    assert by_key[everywhere.identity_key()].outcome == Outcome.BUSY


def test_a_seat_alone_without_an_account_logs_as_before(db_location: Path | str):
    with open_database(db_location) as db:
        journal = CallJournal(db.calls, lambda info: None)  # no seat name: no claims
        info = office_info("alone@x")
        journal.started(ringing(info))
        assert journal.claim_answer(info.identity_key(), T0) is None
        done = journal.finished(ended(info, CallOutcome.ANSWERED, answered=True))
        assert done.outcome == Outcome.ANSWERED and done.seat == ""


def test_restart_closes_only_this_seats_calls(postgres: str):
    with open_database(postgres) as a, open_database(postgres) as b:
        alice, bob = seat(a, "alice", "Alice Adler"), seat(b, "bob", "Bob Berger")
        talking, mine, ringing_now, stale = (office_info(f"restart-{n}@carrier") for n in range(4))
        for info in (talking, mine, ringing_now):
            alice.started(ringing(info, started_at=NOW.timestamp() - 60))
            bob.started(ringing(info, started_at=NOW.timestamp() - 60))
        alice.started(ringing(stale, started_at=NOW.timestamp() - 3600))
        assert alice.claim_answer(talking.identity_key(), T0) is None  # alice talks on
        assert bob.claim_answer(mine.identity_key(), T0) is None
        outgoing = BoardCall("out-1", Direction.OUT, "sip:+4930999@x", started_at=T0)
        bob.started(outgoing)
        # bob's seat crashed and starts again
        assert CallJournal(b.calls, lambda info: None, "bob").recover(NOW) == 3
        by_key = {c.call_key: c for c in a.clients.recent_calls(10)}
        assert by_key[talking.identity_key()].outcome is None  # alice's call: hers
        assert by_key[ringing_now.identity_key()].outcome is None  # still rings at alice
        assert by_key[mine.identity_key()].outcome == Outcome.INTERRUPTED
        assert by_key["out-1"].outcome == Outcome.INTERRUPTED
        assert by_key[stale.identity_key()].outcome == Outcome.INTERRUPTED  # rings nowhere


@pytest.mark.expect_warnings  # the outage is announced; the unclaimed answer is logged
def test_without_the_office_database_the_seat_answers_unclaimed_and_loses_nothing(
    postgres_server: PgCluster, app_paths: AppPaths, caplog: pytest.LogCaptureFixture
):
    told: list[messages.Message] = []
    old_sink = messages.set_sink(told.append)
    postgres_server.sql("CREATE DATABASE office")
    link = Link(postgres_server.port)
    try:
        with open_database(link.url("office"), spool=app_paths.home / "spool") as db:
            journal = CallJournal(db.calls, lambda info: None, "alice", lambda: "Alice Adler")
            info = office_info("outage@carrier")
            journal.started(ringing(info))
            link.cut()
            _wait(lambda: any("cannot be reached" in m.text for m in told))
            assert journal.claim_answer(info.identity_key(), T0 + 2) is None  # answer anyway
            assert "without the answer claim" in caplog.text
            journal.finished(ended(info, CallOutcome.ANSWERED, answered=True))  # spooled
            link.restore()
            _wait(lambda: not (app_paths.home / "spool" / SPOOL_NAME).exists())
            [call] = db.clients.recent_calls(10)
            assert call.outcome == Outcome.ANSWERED and call.seat == ""  # unclaimed, kept
    finally:
        messages.set_sink(old_sink)
        link.close()


def _wait(condition: Callable[[], bool], seconds: float = 15.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)
