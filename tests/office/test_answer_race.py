"""Two seats press *Answer* at the same instant, 50 times: exactly one gets each call.

Real components throughout: kamailio with the office configuration forks each sipp call to
two engine processes; each seat claims the call on its own connection to a real PostgreSQL
before it answers (:meth:`clients.call_journal.CallJournal.claim_answer`).
"""

from __future__ import annotations

import threading
from collections import Counter

from clients.call_journal import CallJournal
from clients.model import Outcome
from softphone.states import Outcome as CallOutcome
from storage import open_database
from tests.office.conftest import Seat

RACES = 50


def test_fifty_answer_races_give_one_answered_call_each_and_no_missed_call(
    office_factory, postgres: str
):
    office = office_factory("alice", "bob")
    names = {"alice": "Alice Adler", "bob": "Bob Berger"}
    dbs = {user: open_database(postgres) for user in names}
    try:
        seats = {
            user: Seat(
                user,
                office.seats[user],
                CallJournal(
                    dbs[user].calls, lambda info: None, user, lambda user=user: names[user]
                ),
            )  # fmt: skip
            for user in names
        }
        wins: Counter[str] = Counter()
        for race in range(RACES):
            sipp = office.call(TALK_MS="100")
            calls = {user: seat.wait_ringing() for user, seat in seats.items()}
            keys = {c.key for c in calls.values()}
            assert len(keys) == 1, "both seats must know the call by one key"
            [key] = keys
            barrier = threading.Barrier(len(seats))
            holders: dict[str, str | None] = {}

            def press(user: str) -> None:
                barrier.wait(5)
                holders[user] = seats[user].press_answer(key)  # noqa: B023

            threads = [threading.Thread(target=press, args=(u,)) for u in seats]
            for t in threads:
                t.start()
            for t in threads:
                t.join(10)
            winners = [u for u, h in holders.items() if h is None]
            assert len(winners) == 1, f"race {race}: {holders}"
            [winner] = winners
            [loser] = [u for u in seats if u != winner]
            assert holders[loser] == names[winner]  # told who has it
            wins[winner] += 1
            won, won_row = seats[winner].wait_finished(key)
            lost, lost_row = seats[loser].wait_finished(key)
            assert won.outcome == CallOutcome.ANSWERED, won
            assert lost.outcome == CallOutcome.ANSWERED_ELSEWHERE, lost
            assert not lost.answered
            assert sipp.wait() == 0, sipp.output()
        calls = dbs["alice"].clients.recent_calls(RACES * 2)
        assert len(calls) == RACES  # one row per call, not one per seat
        assert all(c.outcome == Outcome.ANSWERED for c in calls)
        assert Counter(c.seat for c in calls) == wins
        assert all(c.operator == names[c.seat] for c in calls)
        assert not [c for c in calls if c.outcome is not None and c.outcome.missed]
    finally:
        for db in dbs.values():
            db.close()
