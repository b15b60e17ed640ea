"""The phone adapter keeps the seat unavailable across an engine restart: the new engine
is told at once, and a caller is turned away (480) and reported, never rung."""

from __future__ import annotations

import os
import signal

import pytest

from benchmarks.sip_uac import RawUac
from softphone import commands as cmds
from softphone import events as ev
from softphone.call_board import FinishedCall
from softphone.states import Outcome
from tests.fixtures.sip import free_port
from ui.phone import PhoneAdapter


def _round_trip(qtbot, adapter: PhoneAdapter) -> None:
    """Commands run in order: once a Ping is answered, the ones before it were handled."""
    with qtbot.waitSignal(
        adapter.audio_changed,
        timeout=10000,
        check_params_cb=lambda s: isinstance(s, ev.AudioStatus),
    ):
        adapter.send(cmds.Ping())


@pytest.mark.expect_warnings  # the killed engine is logged as an error, as it should be
def test_unavailable_survives_an_engine_restart(qtbot):
    port = free_port()
    adapter = PhoneAdapter(["--sip-port", str(port), "--bind", "127.0.0.1", "--null-audio"])
    states: list[str] = []
    turned_away: list[FinishedCall] = []
    finished: list[FinishedCall] = []
    adapter.engine_state.connect(lambda state, _d: states.append(state))
    adapter.turned_away.connect(turned_away.append)
    adapter.call_finished.connect(finished.append)
    adapter.incoming.connect(lambda e: pytest.fail(f"rang while unavailable: {e}"))
    adapter.set_available(False)  # before the engine runs: said when it is ready
    adapter.start()
    uac = RawUac(port)
    try:
        qtbot.waitUntil(lambda: states == ["running"], timeout=15000)
        _round_trip(qtbot, adapter)  # the SetAvailability sent at EngineReady was handled
        uac.invite("+4930555010", caller="+4915100000001")
        uac.wait_status(480)
        qtbot.waitUntil(lambda: len(turned_away) == 1, timeout=5000)
        assert turned_away[0].outcome == Outcome.MISSED and turned_away[0].code == 480
        assert turned_away[0].number == "+4915100000001"
        assert finished == [] and adapter.board.calls == {}

        assert adapter.process.proc is not None
        os.kill(adapter.process.proc.pid, signal.SIGKILL)
        qtbot.waitUntil(lambda: states[-1:] == ["running"] and len(states) >= 3, timeout=15000)
        _round_trip(qtbot, adapter)
        uac.invite("+4930555010", caller="+4915100000002")
        uac.wait_status(480)
        qtbot.waitUntil(lambda: len(turned_away) == 2, timeout=5000)
        assert turned_away[1].key != turned_away[0].key
    finally:
        adapter.stop()
        uac.close()
