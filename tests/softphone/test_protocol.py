"""The typed engine protocol: commands and events survive their JSON lines, typos don't."""

from __future__ import annotations

import json

import pytest

from softphone import commands as cmds
from softphone import events as ev
from softphone.call_info import parse_invite
from softphone.pj_strings import decode_lenient, lenient
from softphone.states import CallState, Direction, DtmfMethod, ErrorKind, RegStatus
from tests.fixtures.sip import Phone

ALL_COMMANDS: list[cmds.Command] = [
    cmds.Shutdown(),
    cmds.Ping(),
    cmds.Register("127.0.0.1:5060", "secretary", "pw", "tcp", "example.org", 60),
    cmds.Unregister(),
    cmds.Dial("sip:bob@127.0.0.1", "tag"),
    cmds.Answer("c1", 200),
    cmds.Reject("c1", 603),
    cmds.Redirect("c1", "bob"),
    cmds.Hangup("c1"),
    cmds.Hold("c1"),
    cmds.Unhold("c1"),
    cmds.Mute("c1", False),
    cmds.SendDtmf("c1", "12#", DtmfMethod.INFO),
    cmds.Transfer("c1", "sip:staff@127.0.0.1"),
    cmds.TransferAttended("c1", "c2"),
    cmds.PlayFile("c1", "/tmp/a.wav"),
    cmds.RecordFile("c1", "/tmp/b.wav"),
    cmds.Echo("c1"),
    cmds.StopFiles(),
    cmds.SetAvailability(False),
]


@pytest.mark.parametrize("command", ALL_COMMANDS, ids=lambda c: type(c).__name__)
def test_every_command_round_trips(command: cmds.Command) -> None:
    line = cmds.encode(command)
    assert json.loads(line)["cmd"] == cmds.name_of(command)
    assert cmds.decode(line) == command


@pytest.mark.parametrize(
    "line",
    [
        '{"cmd": "anwser", "call": "c1"}',  # misspelt command
        '{"cmd": "answer"}',  # a required field missing
        '{"cmd": "answer", "call": "c1", "kode": 200}',  # a misspelt field
        '{"cmd": "answer", "call": 1}',  # a field of the wrong type
        '{"cmd": "set_availability", "available": "no"}',  # not a bool
        '{"cmd": "dtmf", "call": "c1", "digits": "1", "method": "sms"}',  # no such method
        '["answer"]',
        "not json",
    ],
)
def test_bad_command_lines_are_value_errors(line: str) -> None:
    with pytest.raises(ValueError):
        cmds.decode(line)


def test_the_password_is_not_in_a_commands_repr() -> None:
    assert "s3cret" not in repr(cmds.Register("h", "u", "s3cret"))


def test_events_decode_to_enums_and_reject_unknown_states() -> None:
    info = parse_invite("INVITE sip:1@h SIP/2.0\r\nFrom: <sip:2@h>;tag=1\r\n\r\n")
    events: list[ev.Event] = [
        ev.CallStateChanged("c1", CallState.EARLY, Direction.IN, "sip:2@h", 180, "Ringing", 5.0),
        ev.RegistrationState("a@b", RegStatus.UNREACHABLE, 408, "no answer"),
        ev.EngineError("cannot ring", "ring", ErrorKind.RING_DEVICE),
        ev.CallRefused("c9", info, 1.0, 486, "Busy Here"),
        ev.CallEnded("c1", 200, "", 3.0, True, 1.0, 2.0, 5.0),
    ]
    for event in events:
        decoded = ev.decode(ev.encode(event))
        assert decoded == event
    state = ev.decode(ev.encode(events[0]))
    assert isinstance(state, ev.CallStateChanged) and state.state is CallState.EARLY
    line = ev.encode(events[0]).replace('"early"', '"earyl"')
    with pytest.raises(ValueError):
        ev.decode(line)


def test_lenient_text() -> None:
    assert lenient("J\udcfcrgen") == "Jürgen"  # how SWIG hands over a Latin-1 byte
    assert lenient("Jürgen") == "Jürgen"
    assert lenient("\udcc3\udcbc") == "ü"  # UTF-8 bytes escaped one by one
    assert decode_lenient(b"From: J\xfcrgen\r\nTo: \xc3\x9cbel\r\n") == (
        "From: Jürgen\r\nTo: Übel\r\n"
    )
    assert decode_lenient(b"\x81\x80") == "\x81€"  # cp1252, Latin-1 for its gaps
    lenient("\ud800x").encode("utf-8")  # anything else: never a surrogate out


def test_error_kinds_from_the_real_engine(phone: Phone) -> None:
    phone.send(cmds.Hold("c42"))
    error = phone.wait(lambda e: isinstance(e, ev.EngineError), 5, "no such call")
    assert isinstance(error, ev.EngineError)
    assert error.kind is ErrorKind.CALL and error.command == "hold" and error.call == "c42"
    phone.process.send_line('{"cmd": "anwser", "call": "c1"}')
    error = phone.wait(lambda e: isinstance(e, ev.EngineError), 5, "bad command")
    assert isinstance(error, ev.EngineError)
    assert error.kind is ErrorKind.COMMAND and error.command == "anwser"


@pytest.mark.expect_warnings  # the engine that cannot listen logs its failure
def test_sip_port_in_use_is_a_transport_error(phone: Phone) -> None:
    from softphone.engine_client import EngineProcess
    from tests.fixtures.sip import EventLog

    log = EventLog()
    second = EngineProcess(log, ["--sip-port", str(phone.port), "--bind", "127.0.0.1",
                                 "--null-audio"])  # fmt: skip
    second.start()
    try:
        error = log.wait_for(lambda e: isinstance(e, ev.EngineError), 15, "start failure")
        assert isinstance(error, ev.EngineError) and error.kind is ErrorKind.SIP_TRANSPORT
    finally:
        second.stop()
