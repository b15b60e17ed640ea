"""The call board's rules (pure logic): states, holds, and what counts as missed."""

from __future__ import annotations

from softphone import events as ev
from softphone.call_board import CallBoard
from softphone.call_info import parse_invite
from softphone.states import CallState, Direction, DtmfMethod

INVITE = (
    "INVITE sip:+4930555010@127.0.0.1 SIP/2.0\r\n"
    'From: "Eva" <sip:+4917612345678@example.org>;tag=1\r\n'
    "To: <sip:+4930555010@127.0.0.1>\r\nCall-ID: abc\r\nCSeq: 1 INVITE\r\n\r\n"
)


def _incoming(board: CallBoard, key: str = "c1") -> None:
    board.apply(ev.IncomingCall(key, parse_invite(INVITE), 1000.0))


def _state(key: str, state: CallState, direction: Direction = Direction.IN) -> ev.CallStateChanged:
    return ev.CallStateChanged(key, state, direction, "sip:x@y", 200, "OK")


def test_unanswered_incoming_call_is_missed():
    board = CallBoard()
    _incoming(board)
    assert [c.key for c in board.ringing()] == ["c1"]
    _, finished = board.apply(ev.CallEnded("c1", 487, "Request Terminated", 0.0, False))
    assert finished is not None and finished.outcome == "missed"
    assert finished.number == "+4917612345678" and finished.dialled_number == "+4930555010"
    assert board.calls == {}


def test_a_call_sent_on_to_a_colleague_is_answered_elsewhere_unless_the_caller_left_first():
    board = CallBoard()
    _incoming(board, "c1")  # a pickup: this seat answered it 302
    _, picked = board.apply(ev.CallEnded("c1", 302, "Moved Temporarily", 0.0, False))
    assert picked is not None and picked.outcome == "answered_elsewhere"
    _incoming(board, "c2")  # the caller hung up before the 302 went out
    _, gone = board.apply(ev.CallEnded("c2", 487, "Request Terminated", 0.0, False))
    assert gone is not None and gone.outcome == "missed"


def test_rejected_answered_and_transferred_outcomes():
    board = CallBoard()
    _incoming(board, "c1")
    board.mark_rejected("c1")
    assert board.apply(ev.CallEnded("c1", 486, "Busy", 0.0, False))[1].outcome == "rejected"  # type: ignore[union-attr]

    _incoming(board, "c2")
    changed, _ = board.apply(_state("c2", CallState.CONFIRMED))
    assert changed is not None and changed.answered_at is not None and not changed.ringing
    board.apply(ev.DtmfReceived("c2", "4", DtmfMethod.RFC4733))
    changed, _ = board.apply(ev.DtmfReceived("c2", "2", DtmfMethod.INFO))
    assert changed is not None and changed.dtmf == "42"
    board.apply(ev.TransferStatus("c2", 200, "OK", True))
    assert board.apply(ev.CallEnded("c2", 200, "", 12.0, True))[1].outcome == "transferred"  # type: ignore[union-attr]


def test_outgoing_busy_and_failed_and_hold_state():
    board = CallBoard()
    board.apply(ev.CallStarted("c3", "sip:bob@127.0.0.1", "t"))
    changed, _ = board.apply(ev.MediaStateChanged("c3", False, True, False, False, "PCMA/8000"))
    assert changed is not None and changed.local_hold and changed.codec == "PCMA/8000"
    changed, _ = board.apply(ev.MediaStateChanged("c3", True, False, False, True))
    assert changed is not None and changed.muted and changed.codec == "PCMA/8000"  # kept
    assert board.apply(ev.CallEnded("c3", 486, "Busy", 0.0, False))[1].outcome == "busy"  # type: ignore[union-attr]
    board.apply(ev.CallStarted("c4", "sip:bob@127.0.0.1", ""))
    assert board.apply(ev.CallEnded("c4", 404, "Not Found", 0.0, False))[1].outcome == "failed"  # type: ignore[union-attr]
    assert board.apply(ev.CallEnded("c9", 200, "", 0.0, True)) == (None, None)  # unknown: ignored
