"""Our subclasses of pjsua2's classes: they only hand pj's callbacks to the engine.

Every callback runs inside pj (a SWIG director). An exception escaping one used to be
printed and forgotten by SWIG, and the call whose event was lost stayed "ringing" for
ever; :func:`guarded` logs it with its trace and lets pj carry on.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import pjsua2 as pj

from appenv import logs
from softphone import events as ev
from softphone.states import CallState, Direction, DtmfMethod

if TYPE_CHECKING:
    from softphone.audio_bridge import AudioBridge
    from softphone.engine_core import EngineCore

log = logs.get("softphone")

F = TypeVar("F", bound=Callable[..., None])

STATE_NAMES = {
    pj.PJSIP_INV_STATE_NULL: CallState.NULL,
    pj.PJSIP_INV_STATE_CALLING: CallState.CALLING,
    pj.PJSIP_INV_STATE_INCOMING: CallState.INCOMING,
    pj.PJSIP_INV_STATE_EARLY: CallState.EARLY,
    pj.PJSIP_INV_STATE_CONNECTING: CallState.CONNECTING,
    pj.PJSIP_INV_STATE_CONFIRMED: CallState.CONFIRMED,
    pj.PJSIP_INV_STATE_DISCONNECTED: CallState.DISCONNECTED,
}


def guarded(method: F) -> F:
    """No exception may leave a pj callback: log it (a bug) and keep the engine going."""

    @functools.wraps(method)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        try:
            method(*args, **kwargs)
        except Exception:
            log.exception("error in pj callback %s", method.__qualname__)

    return wrapper  # type: ignore[return-value]


class BridgePort(pj.AudioMediaPort):  # type: ignore[misc]
    """Moves 20 ms frames between pj's conference bridge and the sound devices.

    Runs on pj's media clock thread, so it only touches the lock-light audio bridge.
    """

    def __init__(self, bridge: AudioBridge) -> None:
        super().__init__()
        self.bridge = bridge

    def onFrameRequested(self, frame: pj.MediaFrame) -> None:
        frame.type = pj.PJMEDIA_FRAME_TYPE_AUDIO
        frame.buf = pj.ByteVector(self.bridge.read_mic_frame())
        frame.size = len(frame.buf)

    def onFrameReceived(self, frame: pj.MediaFrame) -> None:
        # a short or odd frame (codec switch) is dropped: raising here would abort pj
        if frame.type == pj.PJMEDIA_FRAME_TYPE_AUDIO and frame.size == self.bridge.frame_bytes:
            self.bridge.write_speaker_frame(bytes(frame.buf))


class EngineEndpoint(pj.Endpoint):  # type: ignore[misc]
    """The endpoint tells us of INVITEs pjsua answered itself (too many calls: 486)."""

    def __init__(self) -> None:
        super().__init__()
        self.engine: EngineCore | None = None

    @guarded
    def onRejectedIncomingCall(self, prm: pj.OnRejectedIncomingCallParam) -> None:
        if self.engine is not None:
            self.engine.on_refused(prm)


class EngineAccount(pj.Account):  # type: ignore[misc]
    def __init__(self, engine: EngineCore, name: str) -> None:
        super().__init__()
        self.engine = engine
        self.name = name

    @guarded
    def onIncomingCall(self, prm: pj.OnIncomingCallParam) -> None:
        self.engine.on_incoming(self, prm)

    @guarded
    def onRegState(self, prm: pj.OnRegStateParam) -> None:
        self.engine.on_reg_state(self, prm)


class EngineCall(pj.Call):  # type: ignore[misc]
    def __init__(
        self, engine: EngineCore, account: EngineAccount, call_id: int | None = None
    ) -> None:
        if call_id is None:
            super().__init__(account)
        else:
            super().__init__(account, call_id)
        self.engine = engine
        self.key = ""

    @guarded
    def onCallState(self, prm: pj.OnCallStateParam) -> None:
        self.engine.on_call_tsx(self, prm.e)  # the CANCEL that ends a ringing call
        self.engine.on_call_state(self)

    @guarded
    def onCallTsxState(self, prm: pj.OnCallTsxStateParam) -> None:
        self.engine.on_call_tsx(self, prm.e)

    @guarded
    def onCallMediaState(self, prm: pj.OnCallMediaStateParam) -> None:
        self.engine.on_media_state(self)

    @guarded
    def onDtmfDigit(self, prm: pj.OnDtmfDigitParam) -> None:
        method = (
            DtmfMethod.INFO if prm.method == pj.PJSUA_DTMF_METHOD_SIP_INFO else DtmfMethod.RFC4733
        )
        self.engine.emit(ev.DtmfReceived(self.key, prm.digit, method))

    @guarded
    def onCallTransferStatus(self, prm: pj.OnCallTransferStatusParam) -> None:
        self.engine.on_transfer_status(self, prm)

    @guarded
    def onCallTransferRequest(self, prm: pj.OnCallTransferRequestParam) -> None:
        prm.newCall = self.engine.adopt_new_call(Direction.OUT, None)
        prm.statusCode = 202

    @guarded
    def onCallReplaceRequest(self, prm: pj.OnCallReplaceRequestParam) -> None:
        prm.newCall = self.engine.adopt_new_call(Direction.IN, None)

    @guarded
    def onCallReplaced(self, prm: pj.OnCallReplacedParam) -> None:
        prm.newCall = self.engine.adopt_new_call(Direction.IN, prm.newCallId)


class PjLogWriter(pj.LogWriter):  # type: ignore[misc]
    """pj's own log goes to our log; its notes on received requests (level 4) go to
    ``on_rx`` (405 for those pjsua drops), which is why pj logs deeper than it shows."""

    def __init__(self, shown_level: int, on_rx: Callable[[str], None] | None = None) -> None:
        super().__init__()
        self.shown_level = shown_level
        self.on_rx = on_rx

    def write(self, entry: pj.LogEntry) -> None:
        # called for every pj log line (level 4 included): kept lean, no decorator
        try:
            level = entry.level
            if level == 3 and self.shown_level < 3:
                return
            msg = entry.msg
            if level <= self.shown_level:
                log.log(logging.INFO if level <= 2 else logging.DEBUG, "pj: %s", msg.rstrip())
            if level == 4 and self.on_rx is not None and msg.startswith(("RX ", "Request msg ")):
                self.on_rx(msg)
        except Exception:
            log.exception("error in pj's log writer")
