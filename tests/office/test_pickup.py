"""Pickup through the shipped kamailio configuration: a call ringing at seat A alone is
answered there with 302 to seat B's user, kamailio follows it, B rings and answers, the
caller talks with B; one call-log row on PostgreSQL, answered at B, never missed at A."""

from __future__ import annotations

from clients.call_journal import CallJournal
from clients.model import Outcome
from softphone import commands as cmds
from softphone import events as ev
from softphone.states import Outcome as CallOutcome
from storage import Database, open_database
from tests.office.conftest import Seat


def _journal(db: Database, seat: str, operator: str) -> CallJournal:
    return CallJournal(db.calls, lambda info: None, seat, lambda: operator)


def _redirect(seat: Seat, key: str, target: str) -> None:
    """What the ringing seat's window does on a colleague's request (PhoneAdapter.redirect)."""
    engine_id = seat.keys.engine_id(key)
    assert engine_id is not None
    seat.phone.send(cmds.Redirect(call=engine_id, target=target))


def test_a_call_ringing_at_one_seat_is_picked_up_at_another(office_factory, postgres: str):
    office = office_factory("alice", "bob")
    a_db, b_db = open_database(postgres), open_database(postgres)
    try:
        alice = Seat("alice", office.seats["alice"], _journal(a_db, "alice", "Alice Adler"))
        bob = Seat("bob", office.seats["bob"], _journal(b_db, "bob", "Bob Berger"))
        sipp = office.call(TARGET="alice", TALK_MS="1000")  # a call for alice's own user
        key = alice.wait_ringing().key
        bob.pump()
        assert not bob.board.calls  # it rings at alice alone
        _redirect(alice, key, "bob")
        at_alice, _ = alice.wait_finished(key)  # alice stops ringing
        assert at_alice.code == 302 and at_alice.outcome == CallOutcome.ANSWERED_ELSEWHERE
        picked = bob.wait_ringing()
        assert picked.key == key  # same INVITE identity: the same call, the same row
        assert picked.info is not None and picked.info.caller_number == "+4917612345678"
        assert bob.press_answer(key) is None  # bob's claim wins: nobody answered before
        engine_id = bob.keys.engine_id(key)
        assert engine_id is not None
        bob.phone.wait_state(engine_id, "confirmed")
        assert sipp.wait() == 0, sipp.output()  # the caller talked with bob and hung up
        talked, row = bob.wait_finished(key)
        assert talked.outcome == CallOutcome.ANSWERED and talked.duration_s > 0.5
        assert (row.outcome, row.seat, row.operator) == (Outcome.ANSWERED, "bob", "Bob Berger")
        [logged] = a_db.clients.recent_calls(10)  # one row for the call, read on alice's side
        assert logged.call_key == key and logged.outcome == Outcome.ANSWERED
        assert logged.answered_at is not None and logged.seat == "bob"
        assert len(office.seats["alice"].log.of_type(ev.IncomingCall)) == 1
    finally:
        a_db.close()
        b_db.close()


def test_a_redirect_away_from_the_office_is_refused(office_factory):
    office = office_factory("alice")
    alice = office.seats["alice"]
    sipp = office.call(TARGET="alice")
    incoming = alice.wait(lambda e: isinstance(e, ev.IncomingCall), 10, "alice rings")
    assert isinstance(incoming, ev.IncomingCall)
    alice.wait_state(incoming.call, "early")
    alice.send(cmds.Redirect(call=incoming.call, target="sip:bob@192.0.2.1:5060"))
    assert sipp.wait() != 0  # the caller was not sent outside the office: 480
    errors = (office.tmp_path / "uac_office.xml.err").read_text()
    assert "480 Redirect Not Allowed" in errors
    assert "picked up" not in (office.registrar.dir / "kamailio.log").read_text()


def test_a_caller_hanging_up_while_the_picking_seat_rings_is_missed_once(
    office_factory, postgres: str
):
    office = office_factory("alice", "bob")
    a_db, b_db = open_database(postgres), open_database(postgres)
    try:
        alice = Seat("alice", office.seats["alice"], _journal(a_db, "alice", "Alice Adler"))
        bob = Seat("bob", office.seats["bob"], _journal(b_db, "bob", "Bob Berger"))
        sipp = office.call("uac_office_cancel.xml", TARGET="alice", RING_MS="1500")
        key = alice.wait_ringing().key
        _redirect(alice, key, "bob")
        assert bob.wait_ringing().key == key  # bob rings; nobody answers, the caller gives up
        gone, _ = bob.wait_finished(key)
        assert gone.outcome == CallOutcome.MISSED and gone.code == 487
        assert alice.wait_finished(key)[0].outcome == CallOutcome.ANSWERED_ELSEWHERE
        assert sipp.wait() == 0, sipp.output()
        [logged] = a_db.clients.recent_calls(10)
        assert logged.call_key == key and logged.outcome == Outcome.MISSED
        assert logged.answered_at is None and not logged.seat
    finally:
        a_db.close()
        b_db.close()
