"""A seat hands an office call on to a colleague's seat: blind transfer to the colleague's
user name through kamailio (that seat rings alone); the call log keeps both legs apart."""

from __future__ import annotations

from clients.call_journal import CallJournal
from clients.model import Direction, Outcome
from softphone import commands as cmds
from softphone import events as ev
from softphone.states import Outcome as CallOutcome
from storage import Database, open_database
from tests.fixtures.sip import start_phone
from tests.office.conftest import Seat


def _journal(db: Database, seat: str, operator: str) -> CallJournal:
    return CallJournal(db.calls, lambda info: None, seat, lambda: operator)


def test_blind_transfer_to_a_colleagues_seat(office_factory, postgres: str):
    office = office_factory("alice", "bob")
    caller = start_phone(user="caller")  # a carrier's caller: no account, dials the office
    a_db, b_db = open_database(postgres), open_database(postgres)
    try:
        alice = Seat("alice", office.seats["alice"], _journal(a_db, "alice", "Alice Adler"))
        bob = Seat("bob", office.seats["bob"], _journal(b_db, "bob", "Bob Berger"))
        caller.send(cmds.Dial(uri=f"sip:office@{office.registrar.address}", tag="in"))
        key = alice.wait_ringing().key
        assert bob.wait_ringing().key == key
        assert alice.press_answer(key) is None
        first, _ = bob.wait_finished(key)  # the office call stops ringing at bob
        assert first.outcome == CallOutcome.ANSWERED_ELSEWHERE
        at_alice = alice.keys.engine_id(key)
        assert at_alice is not None
        alice.phone.wait_state(at_alice, "confirmed")
        alice.phone.send(cmds.Transfer(call=at_alice, uri="bob"))  # the colleague's user
        second = bob.wait_ringing()  # for bob alone now: a call of its own
        assert second.key != key
        assert bob.press_answer(second.key) is None
        engine_id = bob.keys.engine_id(second.key)
        assert engine_id is not None
        bob.phone.wait_state(engine_id, "confirmed")
        handed, handed_row = alice.wait_finished(key)  # the transfer completed: alice is free
        assert handed.outcome == CallOutcome.TRANSFERRED
        assert len(office.seats["alice"].log.of_type(ev.IncomingCall)) == 1  # never rang again
        bob.phone.send(cmds.Hangup(call=engine_id))
        talked, talked_row = bob.wait_finished(second.key)
        assert talked.outcome == CallOutcome.ANSWERED
        assert handed_row.outcome == Outcome.TRANSFERRED and handed_row.seat == "alice"
        assert talked_row.seat == "bob" and talked_row.operator == "Bob Berger"
        logged = a_db.clients.recent_calls(10)
        assert len(logged) == 2 and all(c.direction == Direction.IN for c in logged)
    finally:
        caller.process.stop()
        a_db.close()
        b_db.close()
