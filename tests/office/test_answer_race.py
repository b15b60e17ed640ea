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
from storage import Database, open_database
from tests.office.conftest import Office, Seat

RACES = 50
NAMES = {"alice": "Alice Adler", "bob": "Bob Berger"}


def _seat(office: Office, db: Database, user: str) -> Seat:
    def operator() -> str:
        return NAMES[user]

    return Seat(user, office.seats[user], CallJournal(db.calls, lambda info: None, user, operator))


def _press_at_once(seats: dict[str, Seat], key: str) -> dict[str, str | None]:
    """Both seats press *Answer* together; returns who each was told has the call."""
    barrier = threading.Barrier(len(seats))
    holders: dict[str, str | None] = {}

    def press(user: str) -> None:
        barrier.wait(5)
        holders[user] = seats[user].press_answer(key)

    threads = [threading.Thread(target=press, args=(user,)) for user in seats]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    return holders


def test_fifty_answer_races_give_one_answered_call_each_and_no_missed_call(
    office_factory, postgres: str
):
    office = office_factory(*NAMES)
    dbs = {user: open_database(postgres) for user in NAMES}
    try:
        seats = {user: _seat(office, dbs[user], user) for user in NAMES}
        wins: Counter[str] = Counter()
        for race in range(RACES):
            sipp = office.call(TALK_MS="100")
            keys = {seat.wait_ringing().key for seat in seats.values()}
            assert len(keys) == 1, "both seats must know the call by one key"
            [key] = keys
            holders = _press_at_once(seats, key)
            winners = [user for user, holder in holders.items() if holder is None]
            assert len(winners) == 1, f"race {race}: {holders}"
            [winner] = winners
            [loser] = [user for user in seats if user != winner]
            assert holders[loser] == NAMES[winner]  # told who has it
            wins[winner] += 1
            won, _ = seats[winner].wait_finished(key)
            lost, _ = seats[loser].wait_finished(key)
            assert won.outcome == CallOutcome.ANSWERED, won
            assert lost.outcome == CallOutcome.ANSWERED_ELSEWHERE and not lost.answered, lost
            assert sipp.wait() == 0, sipp.output()
        logged = dbs["alice"].clients.recent_calls(RACES * 2)
        assert len(logged) == RACES  # one row per call, not one per seat
        assert all(c.outcome == Outcome.ANSWERED for c in logged)
        assert Counter(c.seat for c in logged) == wins
        assert all(c.operator == NAMES[c.seat] for c in logged)
        print(f"answer races won: {dict(wins)}")
    finally:
        for db in dbs.values():
            db.close()
