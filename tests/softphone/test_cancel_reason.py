"""The Reason of a caller's CANCEL (RFC 3326), and the call identity every seat shares."""

from __future__ import annotations

import pytest

from softphone import events as ev
from softphone.call_board import CallBoard
from softphone.call_info import parse_invite, read_invite
from softphone.cancel_reason import CancelReason, cancel_reasons, parse_reason
from softphone.states import Outcome

CANCEL = (
    "CANCEL sip:alice@127.0.0.1:5070 SIP/2.0\r\n"
    "Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK1\r\n"
    "From: <sip:+4917612345678@192.0.2.1>;tag=abc\r\nTo: <sip:office@127.0.0.1>\r\n"
    "Call-ID: fork@carrier\r\nCSeq: 1 CANCEL\r\n{reason}Content-Length: 0\r\n\r\n"
)


def test_call_completed_elsewhere_is_answered_elsewhere():
    reason = 'Reason: SIP;cause=200;text="Call completed elsewhere"\r\n'
    [found] = cancel_reasons(CANCEL.format(reason=reason))
    assert found == CancelReason("SIP", 200, "Call completed elsewhere")
    assert found.answered_elsewhere


def test_other_reasons_and_none_are_not():
    both = 'Reason: Q.850;cause=16;text="Normal call clearing", SIP;cause=487\r\n'
    found = cancel_reasons(CANCEL.format(reason=both))
    assert [(r.protocol, r.cause) for r in found] == [("Q.850", 16), ("SIP", 487)]
    assert not any(r.answered_elsewhere for r in found)
    assert cancel_reasons(CANCEL.format(reason="")) == ()
    assert parse_reason("Q.850;cause=200") is not None
    assert not parse_reason("Q.850;cause=200").answered_elsewhere  # type: ignore[union-attr]


def test_only_a_cancel_is_read_and_garbage_is_harmless():
    invite = CANCEL.replace("CANCEL sip", "INVITE sip").replace("1 CANCEL", "1 INVITE")
    assert cancel_reasons(invite.format(reason="Reason: SIP;cause=200\r\n")) == ()
    assert cancel_reasons("not sip at all") == ()
    assert cancel_reasons(CANCEL.format(reason="Reason: SIP;text=nocause\r\n")) == ()
    long_text = 'Reason: SIP;cause=200;text="' + "x" * 5000 + '"\r\n'
    [found] = cancel_reasons(CANCEL.format(reason=long_text))
    assert len(found.text) <= 200


def _invite(call_id: str = "fork@carrier", tag: str = "abc", cseq: str = "1") -> str:
    return (
        "INVITE sip:alice@127.0.0.1:5070 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1;branch=z9hG4bK\r\n"
        f"From: <sip:+4917612345678@192.0.2.1>;tag={tag}\r\nTo: <sip:office@127.0.0.1>\r\n"
        f"Call-ID: {call_id}\r\nCSeq: {cseq} INVITE\r\n\r\n"
    )


def test_the_identity_key_is_the_same_for_every_branch_and_differs_per_invite():
    alice = parse_invite(_invite())
    bob = parse_invite(_invite().replace("sip:alice@127.0.0.1:5070", "sip:bob@127.0.0.1:5080"))
    assert alice.from_tag == "abc" and alice.cseq == 1
    assert alice.identity_key() == bob.identity_key() != ""
    assert alice.identity_key().startswith("sip-")
    others = {parse_invite(_invite(call_id="other")).identity_key(),
              parse_invite(_invite(tag="xyz")).identity_key(),
              parse_invite(_invite(cseq="2")).identity_key()}  # fmt: skip
    assert alice.identity_key() not in others and len(others) == 3


@pytest.mark.expect_warnings  # the unreadable INVITE is logged
def test_an_unreadable_invite_has_no_identity_key():
    assert read_invite("garbage", "c7").identity_key() == ""
    assert parse_invite("INVITE sip:a@b SIP/2.0\r\n\r\n").identity_key() == ""


def _ring(board: CallBoard) -> None:
    info = parse_invite(_invite())
    board.apply(ev.IncomingCall("k", info, 1.0))


def _end(**kw: object) -> ev.CallEnded:
    fields: dict[str, object] = dict(call="k", code=487, reason="Request Terminated",
                                     duration_s=0.0, answered=False, started_at=1.0,
                                     ended_at=3.0)  # fmt: skip
    fields.update(kw)
    return ev.CallEnded(**fields)  # type: ignore[arg-type]


def test_a_call_a_colleague_took_ends_answered_elsewhere_never_missed():
    board = CallBoard()
    _ring(board)
    _, finished = board.apply(_end(answered_elsewhere=True, cancel_reason="SIP 200"))
    assert finished is not None and finished.outcome == Outcome.ANSWERED_ELSEWHERE
    assert not finished.outcome.missed
    board = CallBoard()
    _ring(board)
    board.mark_taken("k", "Alice")  # lost the answer claim, then stepped back (480)
    _, finished = board.apply(_end(code=480))
    assert finished is not None and finished.outcome == Outcome.ANSWERED_ELSEWHERE
    board = CallBoard()
    _ring(board)
    _, finished = board.apply(_end())  # the caller gave up
    assert finished is not None and finished.outcome == Outcome.MISSED


def test_the_end_event_carries_it_over_the_wire():
    event = _end(answered_elsewhere=True, cancel_reason="SIP 200 Call completed elsewhere")
    assert ev.decode(ev.encode(event)) == event
