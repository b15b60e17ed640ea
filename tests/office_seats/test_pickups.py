"""Pickup requests on both backends: a seat publishes the call ringing there alone, a
colleague asks for it (the first to ask gets it), the ringing seat reads and settles the
request; which calls ring at one seat alone (pure)."""

from __future__ import annotations

import datetime as dt

import pytest

from clients.model import CallRecord
from office.model import ColleagueSeat, PickupResult, SeatState, SeatStatus
from office.pickup import PickupDesk, PickupRefused, ringing_alone, rings_here_alone
from office.seat_states import SeatStates, SeatWriter
from softphone.call_board import BoardCall
from softphone.call_info import parse_invite
from softphone.states import CallState, Direction
from storage import Database
from storage.changes import PICKUPS, Changes

T0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


def _invite(to_user: str, call_id: str = "abc@10.0.0.1") -> str:
    return (
        f"INVITE sip:{to_user}@127.0.0.1:5070 SIP/2.0\r\n"
        "Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK1\r\n"
        'From: "Anna Anrufer" <sip:+4917612345678@127.0.0.1>;tag=t1\r\n'
        f"To: <sip:{to_user}@127.0.0.1>\r\n"
        f"Call-ID: {call_id}\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n"
    )


def _ringing(key: str, to_user: str, started_at: float = 1.0, **kw: object) -> BoardCall:
    info = parse_invite(_invite(to_user, f"{key}@10.0.0.1"))
    return BoardCall(key, Direction.IN, info.caller_uri, info, CallState.EARLY,
                     started_at=started_at, **kw)  # type: ignore[arg-type]  # fmt: skip


def test_only_a_call_for_this_seats_own_user_rings_here_alone():
    assert rings_here_alone(_ringing("k1", "alice"), "alice")
    assert not rings_here_alone(_ringing("k1", "office"), "alice")  # rings every seat
    assert not rings_here_alone(_ringing("k1", "+49301234567"), "alice")  # a client's number
    assert not rings_here_alone(_ringing("k1", "alice"), "")  # a seat alone: no office
    assert not rings_here_alone(_ringing("k1", "alice", taken_by="Bob"), "alice")
    answered = _ringing("k1", "alice")
    answered = BoardCall(**{**answered.__dict__, "state": CallState.CONFIRMED})
    assert not rings_here_alone(answered, "alice")
    calls = [_ringing("k2", "alice", 5.0), _ringing("k3", "office", 1.0),
             _ringing("k1", "alice", 3.0)]  # fmt: skip
    assert ringing_alone(calls, "alice") == "k1"  # the oldest of the seat's own calls
    assert ringing_alone(calls[1:2], "alice") is None


def _seat(db: Database, seat: str, user: str, writer: SeatWriter) -> SeatStates:
    states = SeatStates(seat, f"host ({user})", user.title(), writer, office=True,
                        sip_user=user, clock=lambda: T0)  # fmt: skip
    states.start(None, [])
    return states


def test_the_ringing_call_is_published_without_a_log_entry(db: Database):
    db.calls.open_call(CallRecord(call_key="k-ring", caller_name="Anna Anrufer", started_at=T0))
    writer = SeatWriter(db.seats)
    alice = _seat(db, "seat-a", "alice", writer)
    alice.ringing_alone("k-ring")
    assert writer.flush()
    [seen] = db.seats.colleague_seats()
    assert seen.status.sip_user == "alice" and seen.status.ringing_key == "k-ring"
    assert seen.can_pick_up and seen.ringing_caller == "Anna Anrufer"
    assert seen.caller == ""  # not on a call: ringing only
    alice.ringing_alone(None)
    alice.take_break("Lunch")  # a change of state keeps no stale ringing call
    assert writer.flush()
    writer.close()
    stored = db.seats.seat_state("seat-a")
    assert stored is not None and stored.ringing_key is None and stored.state == SeatState.BREAK
    assert [e.state for e in db.seats.seat_log("seat-a")] == [SeatState.AVAILABLE, SeatState.BREAK]


def test_the_first_colleague_to_ask_gets_the_call_and_the_ringing_seat_settles_it(db: Database):
    announced: list[Changes] = []
    db.changes.subscribe(announced.append)
    writer = SeatWriter(db.seats)
    _seat(db, "seat-a", "alice", writer).ringing_alone("k-ring")
    assert writer.flush()
    writer.close()
    [colleague] = db.seats.colleague_seats()
    bob = PickupDesk(db.seats, "seat-b", "bob", lambda: "Bob Berger")
    carol = PickupDesk(db.seats, "seat-c", "carol", lambda: "Carol Conrad")
    asked = bob.ask(colleague)
    assert (asked.to_user, asked.seat, asked.result) == ("bob", "seat-a", PickupResult.PENDING)
    assert any(c.touches(PICKUPS) for c in announced)  # the ringing seat hears of it
    with pytest.raises(PickupRefused, match="Bob Berger is picking up this call"):
        carol.ask(colleague)
    assert bob.ask(colleague).id == asked.id  # asking twice is the same request

    alice = PickupDesk(db.seats, "seat-a", "alice", lambda: "Alice Adler")
    [request] = alice.requests()
    assert request.id == asked.id and request.call_key == "k-ring"
    alice.settle(request, redirected=True)
    assert alice.requests() == []
    assert db.seats.pending_pickups("seat-a") == []


def test_nothing_to_pick_up(db: Database):
    bob = PickupDesk(db.seats, "seat-b", "bob", lambda: "Bob Berger")
    idle = SeatStates("seat-a", "host", "Alice", lambda s, e: None, office=True)
    with pytest.raises(PickupRefused, match="No call is ringing"):
        bob.ask(ColleagueSeat(idle.status))
    ringing = ColleagueSeat(SeatStatus("seat-a", "h", "A", SeatState.AVAILABLE, T0,
                                       ringing_key="k"))  # fmt: skip
    with pytest.raises(PickupRefused, match="no account"):
        PickupDesk(db.seats, "seat-b", "", lambda: "Bob").ask(ringing)
    assert db.seats.pending_pickups("seat-a") == []
