"""A seat that is not available does not ring: a real engine process and sipp callers."""

from __future__ import annotations

from pathlib import Path

from softphone import commands as cmds
from softphone import events as ev
from tests.fixtures.sip import Phone, run_sipp


def _quiet(phone: Phone) -> None:
    """Round trip: the command before this one has been handled by the engine."""
    before = len(phone.log.of_type(ev.AudioStatus))
    phone.send(cmds.Ping())
    phone.wait(lambda e: isinstance(e, ev.AudioStatus) and
               len(phone.log.of_type(ev.AudioStatus)) > before, 10, "ping")  # fmt: skip


def test_an_unavailable_seat_answers_480_without_ringing(phone: Phone, tmp_path: Path):
    phone.send(cmds.SetAvailability(False))
    _quiet(phone)
    sipp = run_sipp(tmp_path, "uac_unavailable.xml", f"127.0.0.1:{phone.port}")
    assert sipp.wait() == 0, sipp.output()  # got 480, and no 180 before it
    refused = phone.wait(lambda e: isinstance(e, ev.CallRefused), 10, "refused")
    assert isinstance(refused, ev.CallRefused)
    assert refused.code == 480 and refused.info.caller_number == "+4917612345678"
    _quiet(phone)
    assert phone.log.of_type(ev.IncomingCall) == []  # no ring, no pop
    states = [e for e in phone.log.of_type(ev.CallStateChanged)]
    assert [
        e for e in states if isinstance(e, ev.CallStateChanged) and e.call == refused.call
    ] == []
    assert phone.log.of_type(ev.CallEnded) == []  # one event for the log, not two


def test_available_again_rings(phone: Phone, tmp_path: Path):
    phone.send(cmds.SetAvailability(False))
    phone.send(cmds.SetAvailability(True))
    _quiet(phone)
    sipp = run_sipp(tmp_path, "uac_cancel.xml", f"127.0.0.1:{phone.port}", "+4940555020")
    incoming = phone.wait(lambda e: isinstance(e, ev.IncomingCall), 10, "incoming")
    assert isinstance(incoming, ev.IncomingCall)
    assert phone.log.of_type(ev.CallRefused) == []
    ended = phone.wait(lambda e: isinstance(e, ev.CallEnded), 10, "cancelled")
    assert isinstance(ended, ev.CallEnded) and ended.code == 487
    assert sipp.wait() == 0, sipp.output()
