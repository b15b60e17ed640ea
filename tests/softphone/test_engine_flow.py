"""A full call against sipp: speech in, DTMF both ways, holds both ways, our REFER."""

from __future__ import annotations

from pathlib import Path

from softphone import commands as cmds
from softphone import events as ev
from softphone.states import DtmfMethod
from tests.fixtures.sip import Phone, run_sipp
from tests.softphone.speech import best_correlation, envelope, make_speech_wav, make_ulaw, read_wav


def test_call_flow_with_dtmf_hold_and_blind_transfer(phone: Phone, tmp_path: Path):
    speech = make_speech_wav(tmp_path, "Guten Tag, hier spricht die Kanzlei Doktor Roth.")
    sipp = run_sipp(
        tmp_path,
        "uac_flow.xml",
        f"127.0.0.1:{phone.port}",
        keys={"SPEECH_ULAW": str(make_ulaw(speech))},
    )
    incoming = phone.wait(lambda e: isinstance(e, ev.IncomingCall), 10, "incoming")
    assert isinstance(incoming, ev.IncomingCall)
    call = incoming.call
    assert incoming.info.asserted_number == "+4930999"
    phone.send(cmds.Answer(call=call))
    phone.wait_state(call, "confirmed")
    recording = tmp_path / "heard.wav"
    phone.send(cmds.RecordFile(call=call, path=str(recording)))

    info = phone.wait(lambda e: isinstance(e, ev.DtmfReceived) and e.method == "info", 15, "INFO")
    assert isinstance(info, ev.DtmfReceived) and info.digit == "5"
    phone.send(cmds.StopFiles())
    rfc = phone.wait(lambda e: isinstance(e, ev.DtmfReceived) and e.method == "rfc4733", 5, "4733")
    assert isinstance(rfc, ev.DtmfReceived) and rfc.digit == "1"

    phone.wait(lambda e: isinstance(e, ev.MediaStateChanged) and e.remote_hold, 5, "remote hold")
    phone.wait(
        lambda e: (
            isinstance(e, ev.MediaStateChanged)
            and e.active
            and not e.remote_hold
            and not e.local_hold
        ),
        5,
        "remote unhold",
    )

    phone.send(cmds.Hold(call=call))
    phone.wait(lambda e: isinstance(e, ev.MediaStateChanged) and e.local_hold, 5, "our hold")
    phone.send(cmds.Unhold(call=call))
    phone.wait(
        lambda e: isinstance(e, ev.MediaStateChanged) and e.active and not e.local_hold,
        5,
        "our unhold",
    )
    phone.send(cmds.SendDtmf(call=call, digits="7", method=DtmfMethod.INFO))

    phone.send(cmds.Transfer(call=call, uri="sip:+4930555099@127.0.0.1"))
    final = phone.wait(lambda e: isinstance(e, ev.TransferStatus) and e.final, 10, "NOTIFY 200")
    assert isinstance(final, ev.TransferStatus) and final.code == 200
    ended = phone.wait(lambda e: isinstance(e, ev.CallEnded), 10, "hung up after transfer")
    assert isinstance(ended, ev.CallEnded) and ended.answered
    assert sipp.wait() == 0, sipp.output()

    # the speech the caller streamed arrived in the call
    ref, rate = read_wav(speech)
    rec, rec_rate = read_wav(recording)
    assert rec_rate in (8000, 16000)
    if rec_rate != rate:
        rec = rec[:: rec_rate // rate]
    corr = best_correlation(envelope(ref, rate), envelope(rec, rate))
    assert corr > 0.8, corr
