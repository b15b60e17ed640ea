"""Idle TCP connections must not shut TCP callers out (issue 8.6)."""

from __future__ import annotations

import logging
import random
import socket
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from softphone import commands as cmds
from softphone import events as ev
from softphone.tcp_front import SILENT_S
from tests.fixtures.sip import Phone, run_sipp

IDLE_CONNECTIONS = 200


def _connect(port: int) -> socket.socket | None:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.settimeout(20)
    try:
        sock.connect(("127.0.0.1", port))
    except OSError:
        sock.close()
        return None
    return sock


def _tcp_invite(port: int) -> tuple[socket.socket, bytes]:
    sock = socket.create_connection(("127.0.0.1", port), timeout=10)
    local = sock.getsockname()[1]
    call_id = f"{random.getrandbits(40):x}@tcp"
    sdp = (
        b"v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
        b"m=audio 40000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n"
    )
    head = (
        f"INVITE sip:+4930555010@127.0.0.1:{port};transport=tcp SIP/2.0\r\n"
        f"Via: SIP/2.0/TCP 127.0.0.1:{local};branch=z9hG4bK{call_id[:10]}\r\n"
        f"From: <sip:+4915110000042@127.0.0.1>;tag=t1\r\nTo: <sip:+4930555010@127.0.0.1>\r\n"
        f"Call-ID: {call_id}\r\nCSeq: 1 INVITE\r\nMax-Forwards: 70\r\n"
        f"Contact: <sip:caller@127.0.0.1:{local};transport=tcp>\r\n"
        f"Content-Type: application/sdp\r\nContent-Length: {len(sdp)}\r\n\r\n"
    )
    sock.sendall(head.encode() + sdp)
    received = b""
    while b"180 Ringing" not in received:
        data = sock.recv(65535)
        if not data:
            break
        received += data
    return sock, received


@pytest.mark.expect_warnings  # the guard logs the flood, once
def test_tcp_call_rings_despite_200_idle_connections(phone: Phone, caplog):
    caplog.set_level(logging.INFO, "vorzimmer.softphone")
    idle: list[socket.socket] = []
    try:
        with ThreadPoolExecutor(50) as pool:  # connect and say nothing, 50 at a time
            idle = [s for s in pool.map(_connect, [phone.port] * IDLE_CONNECTIONS) if s]
        assert len(idle) == IDLE_CONNECTIONS  # all accepted (pj alone held 64 sockets)
        started = time.monotonic()
        caller, received = _tcp_invite(phone.port)
        with caller:
            assert b"SIP/2.0 180 Ringing" in received, received
            incoming = phone.wait(lambda e: isinstance(e, ev.IncomingCall), 5, "TCP call")
            assert isinstance(incoming, ev.IncomingCall)
            assert incoming.info.caller_number == "+4915110000042"
            assert time.monotonic() - started < 2
            time.sleep(SILENT_S + 0.5)  # the silent ones are closed by now, the caller not
            closed = 0
            for sock in idle:
                sock.settimeout(0.5)
                try:
                    closed += sock.recv(1) == b""
                except OSError:
                    closed += 1
            assert closed == IDLE_CONNECTIONS
            caller.settimeout(0.2)
            with pytest.raises(TimeoutError):  # still open, still ringing
                assert caller.recv(1)
        warned = [r for r in caplog.records if "SIP/TCP connections from" in r.getMessage()]
        assert len(warned) == 1  # once per source, not once per connection
        assert phone.process.running
    finally:
        for sock in idle:
            sock.close()


def test_whole_call_over_tcp_through_the_guard(phone: Phone, tmp_path):
    sipp = run_sipp(tmp_path, "uac_latin1.xml", f"127.0.0.1:{phone.port}", "+4930555010",
                    "-t", "t1", keys={"TALK_MS": "500"})  # fmt: skip
    incoming = phone.wait(lambda e: isinstance(e, ev.IncomingCall), 10, "incoming over TCP")
    assert isinstance(incoming, ev.IncomingCall)
    phone.send(cmds.Answer(incoming.call))
    ended = phone.wait(lambda e: isinstance(e, ev.CallEnded), 10, "BYE over TCP")
    assert isinstance(ended, ev.CallEnded) and ended.answered
    assert sipp.wait() == 0, sipp.output()
