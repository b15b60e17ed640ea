"""Hold, DTMF and transfers between three real pjsua2 processes (caller, seat, staff)."""

from __future__ import annotations

from softphone import commands as cmds
from softphone import events as ev
from softphone.states import DtmfMethod
from tests.fixtures.sip import Phone


def _connect(caller: Phone, seat: Phone) -> tuple[str, str]:
    """caller dials the seat directly; the seat answers. Returns (caller's id, seat's id)."""
    caller.send(cmds.Dial(uri=seat.uri, tag="x"))
    started = caller.wait(lambda e: isinstance(e, ev.CallStarted), 5)
    incoming = seat.wait(lambda e: isinstance(e, ev.IncomingCall), 5)
    assert isinstance(started, ev.CallStarted) and isinstance(incoming, ev.IncomingCall)
    seat.send(cmds.Answer(call=incoming.call))
    caller.wait_state(started.call, "confirmed")
    seat.wait_state(incoming.call, "confirmed")
    return started.call, incoming.call


def test_hold_resume_mute_and_dtmf_between_engines(phone_factory):
    caller = phone_factory(user="caller")
    seat = phone_factory(user="seat")
    c_call, s_call = _connect(caller, seat)
    seat.send(cmds.Hold(call=s_call))
    seat.wait(lambda e: isinstance(e, ev.MediaStateChanged) and e.local_hold, 5, "held")
    caller.wait(lambda e: isinstance(e, ev.MediaStateChanged) and e.remote_hold, 5, "sees hold")
    seat.send(cmds.Unhold(call=s_call))
    seat.wait(lambda e: isinstance(e, ev.MediaStateChanged) and e.active and not e.local_hold, 5)
    seat.send(cmds.Mute(call=s_call, on=True))
    muted = seat.wait(lambda e: isinstance(e, ev.MediaStateChanged) and e.muted, 5)
    assert isinstance(muted, ev.MediaStateChanged)
    seat.send(cmds.SendDtmf(call=s_call, digits="42#"))
    digits = [caller.wait(lambda e: isinstance(e, ev.DtmfReceived), 5) for _ in range(3)]
    assert "".join(d.digit for d in digits if isinstance(d, ev.DtmfReceived)) == "42#"
    seat.send(cmds.SendDtmf(call=s_call, digits="9", method=DtmfMethod.INFO))
    info = caller.wait(lambda e: isinstance(e, ev.DtmfReceived), 5)
    assert isinstance(info, ev.DtmfReceived) and (info.digit, info.method) == ("9", "info")
    caller.send(cmds.Hangup(call=c_call))
    seat.wait(lambda e: isinstance(e, ev.CallEnded), 5)


def test_blind_transfer_connects_caller_to_staff(phone_factory):
    caller = phone_factory(user="caller")
    seat = phone_factory(user="seat")
    staff = phone_factory("--auto-answer", "200", user="staff")
    _c_call, s_call = _connect(caller, seat)
    seat.send(cmds.Transfer(call=s_call, uri=staff.uri))
    final = seat.wait(lambda e: isinstance(e, ev.TransferStatus) and e.final, 10, "transfer done")
    assert isinstance(final, ev.TransferStatus) and final.code == 200
    seat.wait(lambda e: isinstance(e, ev.CallEnded) and e.call == s_call, 5, "seat is free")
    at_staff = staff.wait(lambda e: isinstance(e, ev.IncomingCall), 5, "staff rings")
    assert isinstance(at_staff, ev.IncomingCall)
    assert at_staff.info.caller_uri.startswith("sip:caller@")
    staff.wait_state(at_staff.call, "confirmed")


def test_attended_transfer_after_consultation(phone_factory):
    caller = phone_factory(user="caller")
    seat = phone_factory(user="seat")
    staff = phone_factory("--auto-answer", "200", user="staff")
    _c_call, s_call = _connect(caller, seat)
    seat.send(cmds.Hold(call=s_call))
    seat.wait(lambda e: isinstance(e, ev.MediaStateChanged) and e.local_hold, 5, "caller held")
    seat.send(cmds.Dial(uri=staff.uri, tag="consult"))
    consult = seat.wait(lambda e: isinstance(e, ev.CallStarted) and e.tag == "consult", 5)
    assert isinstance(consult, ev.CallStarted)
    seat.wait_state(consult.call, "confirmed")
    staff_first = staff.wait(lambda e: isinstance(e, ev.IncomingCall), 5)
    assert isinstance(staff_first, ev.IncomingCall)
    seat.send(cmds.TransferAttended(call=s_call, consult=consult.call))
    # the seat drops out of both calls; caller and staff talk to each other
    seat.wait(lambda e: isinstance(e, ev.CallEnded), 10, "first seat call ends")
    seat.wait(lambda e: isinstance(e, ev.CallEnded), 10, "second seat call ends")
    replaced = staff.wait(
        lambda e: (
            isinstance(e, ev.CallStateChanged)
            and e.state == "confirmed"
            and e.remote_uri.find("caller@") >= 0
        ),
        10,
        "staff talks to caller",
    )
    assert isinstance(replaced, ev.CallStateChanged)


def test_codec_priorities_prefer_g722_then_g711(phone_factory, tmp_path):
    """Between two engines G.722 wins (not Speex); sipp offering PCMA+PCMU gets PCMA."""
    from tests.fixtures.sip import run_sipp

    caller = phone_factory(user="caller")
    seat = phone_factory(user="seat")
    _connect(caller, seat)
    media = [
        e for e in seat.log.of_type(ev.MediaStateChanged) if isinstance(e, ev.MediaStateChanged)
    ]
    assert media and {m.codec for m in media if m.active} == {"G722/16000"}

    sipp = run_sipp(tmp_path, "uac_forwarded.xml", f"127.0.0.1:{seat.port}")
    incoming = seat.wait(lambda e: isinstance(e, ev.IncomingCall), 10)
    assert isinstance(incoming, ev.IncomingCall)
    seat.send(cmds.Answer(call=incoming.call))
    seat.wait_state(incoming.call, "confirmed")
    g711 = {
        e.codec
        for e in seat.log.of_type(ev.MediaStateChanged)
        if isinstance(e, ev.MediaStateChanged) and e.call == incoming.call and e.active
    }
    assert g711 == {"PCMA/8000"}
    assert sipp.wait() == 0
