"""Odd input against the real engine: Latin-1 names, unknown methods, a 5th caller."""

from __future__ import annotations

import logging
import socket
import time
from pathlib import Path

import pytest

from benchmarks.sip_uac import RawUac
from softphone import commands as cmds
from softphone import events as ev
from softphone.call_board import CallBoard, FinishedCall
from softphone.states import CallState, Outcome
from tests.fixtures.sip import Phone, run_sipp


def _fold(board: CallBoard, phone: Phone) -> list[FinishedCall]:
    finished: list[FinishedCall] = []
    for event in phone.log.events:
        _, done = board.apply(event)
        if done is not None:
            finished.append(done)
    return finished


def test_latin1_caller_name_rings_answers_and_ends(phone: Phone, tmp_path: Path):
    """Raw byte 0xFC in From used to raise inside pj's callback: stuck at "ringing"."""
    sipp = run_sipp(tmp_path, "uac_latin1.xml", f"127.0.0.1:{phone.port}",
                    keys={"TALK_MS": "500"})  # fmt: skip
    incoming = phone.wait(lambda e: isinstance(e, ev.IncomingCall), 10, "incoming")
    assert isinstance(incoming, ev.IncomingCall)
    assert incoming.info.caller_display_name == "Jürgen Bäcker"
    early = phone.wait_state(incoming.call, CallState.EARLY)
    assert "Jürgen Bäcker" in early.remote_uri
    phone.send(cmds.Answer(incoming.call))
    phone.wait_state(incoming.call, CallState.CONFIRMED)
    ended = phone.wait(lambda e: isinstance(e, ev.CallEnded), 10, "caller hangs up")
    assert isinstance(ended, ev.CallEnded) and ended.answered
    assert sipp.wait() == 0, sipp.output()
    assert not phone.log.of_type(ev.EngineError)


def test_true_ring_and_talk_times(phone: Phone, tmp_path: Path):
    """answered_at - started_at is the ring time, ended_at - answered_at the talk time."""
    ring_s, talk_s = 1.2, 1.5
    sipp = run_sipp(tmp_path, "uac_latin1.xml", f"127.0.0.1:{phone.port}",
                    keys={"TALK_MS": str(int(talk_s * 1000))})  # fmt: skip
    incoming = phone.wait(lambda e: isinstance(e, ev.IncomingCall), 10, "incoming")
    assert isinstance(incoming, ev.IncomingCall)
    time.sleep(ring_s)
    phone.send(cmds.Answer(incoming.call))
    ended = phone.wait(lambda e: isinstance(e, ev.CallEnded), 15, "caller hangs up")
    assert isinstance(ended, ev.CallEnded) and ended.answered_at is not None
    assert sipp.wait() == 0, sipp.output()
    (finished,) = _fold(CallBoard(), phone)
    assert finished.outcome == Outcome.ANSWERED
    assert finished.started_at == pytest.approx(incoming.received_at)
    assert finished.answered_at is not None
    ringing = finished.answered_at - finished.started_at
    talking = finished.ended_at - finished.answered_at
    assert ring_s - 0.05 < ringing < ring_s + 0.5, ringing
    assert talk_s - 0.05 < talking < talk_s + 0.5, talking
    assert finished.duration_s == pytest.approx(talking, abs=0.05)


def _request(method: str, port: int, sock: socket.socket, branch: str) -> bytes:
    local = sock.getsockname()[1]
    return (
        f"{method} sip:vorzimmer@127.0.0.1:{port} SIP/2.0\r\n"
        f"Via: SIP/2.0/UDP 127.0.0.1:{local};rport;branch=z9hG4bK{branch}\r\n"
        f"From: <sip:deskphone@127.0.0.1:{local}>;tag=dp1\r\n"
        f"To: <sip:vorzimmer@127.0.0.1:{port}>\r\nCall-ID: {branch}@deskphone\r\n"
        f"CSeq: 7 {method}\r\nMax-Forwards: 70\r\nContact: <sip:dp@127.0.0.1:{local}>\r\n"
        "Expires: 3600\r\nContent-Length: 0\r\n\r\n"
    ).encode()


def test_register_and_unknown_method_get_405_logged_once(phone: Phone, caplog):
    caplog.set_level(logging.INFO, "vorzimmer.softphone")
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.bind(("127.0.0.1", 0))
        sock.settimeout(3)
        for method in ("REGISTER", "FROBNICATE"):
            for _ in range(3):  # the peer retransmits: each copy is answered
                sock.sendto(
                    _request(method, phone.port, sock, f"b{method}"), ("127.0.0.1", phone.port)
                )
                answer = sock.recv(65535).decode()
                head, *lines = answer.split("\r\n")
                assert head == "SIP/2.0 405 Method Not Allowed", answer
                assert f"CSeq: 7 {method}" in lines and f"Call-ID: b{method}@deskphone" in lines
                assert any(line.startswith("Via: ") and f"branch=z9hG4bKb{method}" in line
                           for line in lines)  # fmt: skip
                allow = next(line for line in lines if line.startswith("Allow: "))
                assert "INVITE" in allow and "REGISTER" not in allow
    phone.send(cmds.Ping())  # the engine's log lines arrive before its answer to this
    phone.wait(lambda e: isinstance(e, ev.AudioStatus), 5)
    time.sleep(0.2)
    logged = [r.getMessage() for r in caplog.records if "405" in r.getMessage()]
    assert len(logged) == 2, logged  # once per peer and method, not per retransmission
    assert phone.process.running


def test_fifth_caller_is_reported_as_refused(phone: Phone):
    uacs = [RawUac(phone.port) for _ in range(5)]
    try:
        dialogs = []
        for n, uac in enumerate(uacs[:4]):
            dialogs.append(uac.invite("+4930555010", caller=f"+49151000000{n}"))
            uac.wait_status(180)
        anonymous = uacs[4]
        anonymous.invite("+4930555010", caller="anonymous")
        anonymous.wait_status(486)
        refused = phone.wait(lambda e: isinstance(e, ev.CallRefused), 5, "refused")
        assert isinstance(refused, ev.CallRefused)
        assert refused.code == 486 and refused.info.caller_uri.startswith("sip:anonymous@")
        incoming = [e.call for e in phone.log.events if isinstance(e, ev.IncomingCall)]
        assert refused.call not in incoming and len(set(incoming)) == 4
        board = CallBoard()
        finished = _fold(board, phone)
        assert [f.outcome for f in finished] == [Outcome.BUSY]
        assert finished[0].remote_uri == refused.info.caller_uri
        assert len(board.calls) == 4  # the four ringing calls are untouched
        for uac, (call_id, tag, branch, _) in zip(uacs, dialogs, strict=False):
            uac.cancel(call_id, tag, branch, "+4930555010")
        ended = [phone.wait(lambda e: isinstance(e, ev.CallEnded), 5) for _ in range(4)]
        assert len(ended) == 4
    finally:
        for uac in uacs:
            uac.close()
