"""Shutdown with calls up: SIGTERM or a closed pipe hangs up cleanly — no crash, no hang."""

from __future__ import annotations

import signal

import pytest

from softphone import commands as cmds
from softphone import events as ev
from tests.fixtures.sip import Phone


def _call(caller: Phone, seat: Phone) -> None:
    caller.send(cmds.Dial(uri=seat.uri, tag="x"))
    caller.wait(lambda e: isinstance(e, ev.CallStateChanged) and e.state == "confirmed", 10)


@pytest.mark.expect_warnings  # the client reports the engine's end as unexpected: it is
def test_sigterm_with_a_call_up_hangs_up_and_exits_zero(phone_factory):
    caller = phone_factory(user="caller")
    seat = phone_factory("--auto-answer", "200", user="seat")
    _call(caller, seat)
    assert seat.process.proc is not None
    seat.process.proc.send_signal(signal.SIGTERM)
    assert seat.process.proc.wait(10) == 0
    ended = caller.wait(lambda e: isinstance(e, ev.CallEnded), 5, "BYE from the seat")
    assert isinstance(ended, ev.CallEnded) and ended.answered


@pytest.mark.expect_warnings
def test_ui_gone_closes_stdin_and_engine_exits(phone_factory):
    caller = phone_factory(user="caller")
    seat = phone_factory("--auto-answer", "200", user="seat")
    _call(caller, seat)
    proc = seat.process.proc
    assert proc is not None and proc.stdin is not None
    proc.stdin.close()  # what happens when the UI process dies
    assert proc.wait(10) == 0
    caller.wait(lambda e: isinstance(e, ev.CallEnded), 5, "BYE from the seat")
