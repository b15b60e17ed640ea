"""The engine process against sipp: real SIP over loopback."""

from __future__ import annotations

from pathlib import Path

from softphone import commands as cmds
from softphone import events as ev
from tests.fixtures.sip import Phone, run_sipp


def test_forwarded_call_carries_caller_dialled_number_and_chain(phone: Phone, tmp_path: Path):
    sipp = run_sipp(tmp_path, "uac_forwarded.xml", f"127.0.0.1:{phone.port}")
    incoming = phone.wait(lambda e: isinstance(e, ev.IncomingCall), 10, "incoming")
    assert isinstance(incoming, ev.IncomingCall)
    info = incoming.info
    assert info.caller_number == "+4917612345678"
    assert info.caller_display_name == "Jürgen Müller"
    assert info.dialled_number == "+4930555010"
    # the client's own number (first target of the chain) is the first candidate
    assert info.client_candidates()[0] == "+49301234567"
    assert "+4930555010" in info.client_candidates()
    phone.wait_state(incoming.call, "early")  # our 180 Ringing went out
    phone.send(cmds.Answer(call=incoming.call))
    phone.wait_state(incoming.call, "confirmed")
    ended = phone.wait(lambda e: isinstance(e, ev.CallEnded), 10, "caller hangs up")
    assert isinstance(ended, ev.CallEnded) and ended.answered
    assert 0.5 < ended.duration_s < 5
    assert sipp.wait() == 0, sipp.output()


def test_caller_hangs_up_while_ringing(phone: Phone, tmp_path: Path):
    sipp = run_sipp(tmp_path, "uac_cancel.xml", f"127.0.0.1:{phone.port}", "+4940555020")
    incoming = phone.wait(lambda e: isinstance(e, ev.IncomingCall), 10, "incoming")
    assert isinstance(incoming, ev.IncomingCall)
    assert incoming.info.caller_number == "04012345"
    ended = phone.wait(lambda e: isinstance(e, ev.CallEnded), 10, "cancelled")
    assert isinstance(ended, ev.CallEnded)
    assert not ended.answered and ended.code == 487
    assert sipp.wait() == 0, sipp.output()


def test_reject_busy(phone: Phone, tmp_path: Path):
    sipp = run_sipp(tmp_path, "uac_forwarded.xml", f"127.0.0.1:{phone.port}")
    incoming = phone.wait(lambda e: isinstance(e, ev.IncomingCall), 10, "incoming")
    assert isinstance(incoming, ev.IncomingCall)
    phone.send(cmds.Reject(call=incoming.call, code=486))
    ended = phone.wait(lambda e: isinstance(e, ev.CallEnded), 10, "rejected")
    assert isinstance(ended, ev.CallEnded) and ended.code == 486 and not ended.answered
    assert sipp.wait() != 0  # sipp expected a 200 and got 486: it reports failure
    assert "486" in sipp.output() or (tmp_path / "uac_forwarded.xml.err").exists()
