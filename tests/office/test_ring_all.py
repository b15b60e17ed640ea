"""Ring-all through the shipped kamailio configuration, with real seats (engine processes)."""

from __future__ import annotations

import time

from softphone import commands as cmds
from softphone import events as ev
from tests.office.conftest import CLIENT_NUMBER


def _incoming(e: ev.Event) -> bool:
    return isinstance(e, ev.IncomingCall)


def test_office_call_rings_every_seat_and_stops_the_others_on_answer(office_factory):
    office = office_factory("alice", "bob", "carol")
    sipp = office.call(TALK_MS="500")
    rung = {}
    for user, seat in office.seats.items():
        incoming = seat.wait(_incoming, 10, f"{user} rings")
        assert isinstance(incoming, ev.IncomingCall)
        seat.wait_state(incoming.call, "early")  # its 180 went out
        rung[user] = incoming
        # the seat still knows which client: the forwarded number leads the candidates
        assert incoming.info.client_candidates()[0] == CLIENT_NUMBER
    # one forked INVITE: the same SIP identity at every seat
    assert len({i.info.sip_call_id for i in rung.values()}) == 1
    assert len({(i.info.from_tag, i.info.cseq) for i in rung.values()}) == 1
    bob = office.seats["bob"]
    bob.send(cmds.Answer(call=rung["bob"].call))
    answered_at = time.monotonic()
    bob.wait_state(rung["bob"].call, "confirmed")
    for user in ("alice", "carol"):
        seat = office.seats[user]
        ended = seat.wait(lambda e: isinstance(e, ev.CallEnded), 5, f"{user} stops ringing")
        assert isinstance(ended, ev.CallEnded)
        assert time.monotonic() - answered_at < 1.0, f"{user} rang on after the answer"
        assert ended.answered_elsewhere, ended
        assert not ended.answered
        assert ended.cancel_reason == "SIP 200 Call completed elsewhere"
    assert sipp.wait() == 0, sipp.output()
    ended = bob.wait(lambda e: isinstance(e, ev.CallEnded), 5, "bob's call ends")
    assert isinstance(ended, ev.CallEnded) and ended.answered and not ended.answered_elsewhere


def test_caller_giving_up_is_no_answer_elsewhere(office_factory):
    office = office_factory("alice", "bob")
    sipp = office.call("uac_office_cancel.xml", RING_MS="600")
    for user, seat in office.seats.items():
        ended = seat.wait(lambda e: isinstance(e, ev.CallEnded), 10, f"{user} cancelled")
        assert isinstance(ended, ev.CallEnded)
        assert not ended.answered and not ended.answered_elsewhere
        assert ended.code == 487
    assert sipp.wait() == 0, sipp.output()


def test_call_for_a_seat_user_rings_that_seat_only(office_factory):
    office = office_factory("alice", "bob")
    sipp = office.call("uac_office_cancel.xml", TARGET="bob", RING_MS="300")
    bob = office.seats["bob"]
    assert isinstance(bob.wait(_incoming, 10, "bob rings"), ev.IncomingCall)
    bob.wait(lambda e: isinstance(e, ev.CallEnded), 10, "cancelled")
    assert sipp.wait() == 0, sipp.output()
    assert not office.seats["alice"].log.of_type(ev.IncomingCall)


def test_after_a_kamailio_restart_the_seats_register_again_and_office_calls_ring_them(
    office_factory,
):
    office = office_factory("alice", "bob")
    office.registrar.stop()  # kamailio keeps registrations in memory: all are gone
    for user, seat in office.seats.items():
        seat.wait(_state("unreachable"), 15, f"{user} sees the server gone")
    office.registrar.start()
    back = time.monotonic()
    for user, seat in office.seats.items():
        seat.wait(_state("registered"), 20, f"{user} registered again")
    assert time.monotonic() - back < 15
    sipp = office.call("uac_office_cancel.xml", RING_MS="300")
    for user, seat in office.seats.items():
        assert isinstance(seat.wait(_incoming, 10, f"{user} rings"), ev.IncomingCall)
    assert sipp.wait() == 0, sipp.output()


def _state(state: str):
    return lambda e: isinstance(e, ev.RegistrationState) and e.state == state


def test_a_call_for_a_seat_that_is_not_logged_in_rings_nobody(office_factory):
    office = office_factory("alice")  # carol has an account but no seat registered
    sipp = office.call("uac_office_cancel.xml", TARGET="carol", RING_MS="300")
    assert sipp.wait() != 0  # the caller got 480 instead of ringing
    assert (
        "480" in sipp.output()
        or "480" in (office.tmp_path / "uac_office_cancel.xml.err").read_text()
    )
    assert not office.seats["alice"].log.of_type(ev.IncomingCall)
