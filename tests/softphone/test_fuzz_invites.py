"""Fuzz: mutated real INVITEs into the parser (thousands) and into a real engine (200).

No exception may escape the parser but ``SipParseError``, every result must survive the
trip through the JSON-line protocol, and the engine must neither crash nor leave a call
stuck: each call that rang is ended, nothing is left on the board.
"""

from __future__ import annotations

import json
import logging
import random
import socket
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from softphone import commands as cmds
from softphone import events as ev
from softphone.call_board import CallBoard
from softphone.call_info import CallInfo, SipParseError, parse_invite
from softphone.pj_strings import lenient
from tests.fixtures.sip import Phone
from tests.softphone.invite_mutations import SEEDS, invite, mutate

ENGINE_INVITES = 200


def _parse_as_the_engine_does(raw: bytes) -> CallInfo | None:
    """SWIG hands pj's bytes over as UTF-8 with surrogateescape; the engine re-reads them."""
    text = lenient(raw.decode("utf-8", "surrogateescape"))
    try:
        info = parse_invite(text)
    except SipParseError:
        return None
    event = ev.IncomingCall("c1", info, 1.0)
    assert ev.decode(ev.encode(event)) == event  # the protocol carries whatever was parsed
    hash(info)
    return info


@settings(max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.sampled_from(SEEDS), salt=st.integers(0, 2**32), rounds=st.integers(1, 6))
def test_mutated_real_invites_never_raise(seed: bytes, salt: int, rounds: int) -> None:
    data = invite(seed, "192.168.178.20", 5060, 5062, f"{salt}@fuzz", f"{salt:x}")
    _parse_as_the_engine_does(mutate(data, random.Random(salt), rounds))


@settings(max_examples=1000, deadline=None)
@given(st.binary(max_size=3000))
def test_random_bytes_never_raise(data: bytes) -> None:
    _parse_as_the_engine_does(data)
    _parse_as_the_engine_does(b"INVITE sip:1@h SIP/2.0\r\n" + data)


def test_latin1_seed_is_read_as_latin1() -> None:
    info = _parse_as_the_engine_does(invite(SEEDS[1], "h", 5060, 5062, "x", "y"))
    assert info is not None and info.caller_display_name == "Jürgen Müller"
    info = _parse_as_the_engine_does(invite(SEEDS[2], "h", 5060, 5062, "x", "y"))
    assert info is not None and info.from_display_name == "Café Übel"
    assert info.asserted_display_name == "Café"  # one Latin-1 header beside UTF-8 ones


@pytest.mark.expect_warnings  # unparseable INVITEs are logged as warnings, on purpose
def test_mutated_invites_to_a_real_engine(phone: Phone, caplog) -> None:
    caplog.set_level(logging.INFO, "vorzimmer.softphone")
    rng = random.Random(8)
    counts = {"sent": 0, "rang": 0, "rang_late": 0, "answered_with_error": 0, "no_answer": 0}
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.bind(("127.0.0.1", 0))
        sock.settimeout(0.05)
        local = sock.getsockname()[1]
        for n in range(ENGINE_INVITES):
            data = invite(rng.choice(SEEDS), "127.0.0.1", phone.port, local, f"fz{n}", f"fz{n}")
            keep = data.index(b"Max-Forwards")  # keep the request line and Via: an answer
            if n % 10 == 0:  # …and now and then not even those
                keep = 0
            before = len(phone.log.events)
            sock.sendto(mutate(data, rng, 4, keep), ("127.0.0.1", phone.port))
            counts["sent"] += 1
            outcome = _outcome(phone, sock, before, f"fz{n}")
            counts[outcome] += 1
    time.sleep(0.5)
    ended = {e.call for e in phone.log.events if isinstance(e, ev.CallEnded)}
    for event in list(phone.log.events):  # an INVITE whose Call-ID the mutation changed
        if isinstance(event, ev.IncomingCall) and event.call not in ended:
            counts["rang_late"] += 1
            _end(phone, event.call)
    phone.send(cmds.Ping())
    phone.wait(lambda e: isinstance(e, ev.AudioStatus), 5)
    board = CallBoard()
    finished = []
    for event in phone.log.events:
        _, done = board.apply(event)
        if done is not None:
            finished.append(done)
    incoming = [e for e in phone.log.events if isinstance(e, ev.IncomingCall)]
    refused = [e for e in phone.log.events if isinstance(e, ev.CallRefused)]
    codes = sorted({e.code for e in refused})
    print("engine fuzz:", json.dumps({**counts, "ended": len(finished), "refused": len(refused),
                                      "refused_codes": codes}))  # fmt: skip
    assert phone.process.running  # crashes: 0
    assert board.calls == {}  # stuck calls: 0
    assert len(incoming) == counts["rang"] + counts["rang_late"]
    assert len(finished) == len(incoming) + len(refused)  # every call ended, once
    bugs = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert not bugs, bugs
    assert counts["rang"] > ENGINE_INVITES // 5  # the mutations still reach the call logic


def _outcome(phone: Phone, sock: socket.socket, before: int, call_id: str) -> str:
    """Wait for what the engine made of one INVITE; end a ringing call at once."""
    deadline = time.monotonic() + 0.2  # pj answers within milliseconds, or never
    while time.monotonic() < deadline:
        for event in phone.log.events[before:]:
            if isinstance(event, ev.IncomingCall):
                _end(phone, event.call)
                return "rang"
        try:
            data = sock.recv(65535)
        except (TimeoutError, OSError):
            continue
        head, _, rest = data.partition(b"\r\n")
        final = head[8:9] not in (b"1", b"")  # "SIP/2.0 4xx …": not a provisional answer
        if final and f"Call-ID: {call_id}\r\n".encode() in rest:
            time.sleep(0.02)  # an IncomingCall may still be on its way
            if not any(isinstance(e, ev.IncomingCall) for e in phone.log.events[before:]):
                return "answered_with_error"
    return "no_answer"


def _end(phone: Phone, call: str) -> None:
    phone.send(cmds.Reject(call, 486))
    phone.wait(lambda e: isinstance(e, ev.CallEnded) and e.call == call, 5, f"{call} ends")
    phone.log.cursor = 0
