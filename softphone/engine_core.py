"""The engine's state and pj's side of it: endpoint life, calls, media, alerts.

Every method runs on the one pj thread (DESIGN.md §3). Lifetimes: a ``Call`` is
referenced the moment it exists and dropped when it is disconnected; pj ids never leave
the engine; shutdown hangs up, polls, drops every pj object, collects garbage, then
destroys the library. Commands live in :mod:`softphone.engine_commands`.
"""

from __future__ import annotations

import gc
import queue
import time
from collections.abc import Callable
from typing import Any

import pjsua2 as pj

from appenv import logs
from softphone import call_media
from softphone import events as ev
from softphone.audio_bridge import AudioBridge
from softphone.call_info import read_invite
from softphone.call_media import CallSlot
from softphone.cancel_reason import cancel_reasons
from softphone.engine_options import (
    CLOCK_RATE,
    FRAME_MS,
    EngineOptions,
    bind_media,
    endpoint_config,
    prefer_codecs,
    transport_config,
)
from softphone.keepalive import RegistrarProbe
from softphone.method_guard import MethodGuard
from softphone.pj_objects import (
    STATE_NAMES,
    BridgePort,
    EngineAccount,
    EngineCall,
    EngineEndpoint,
    PjLogWriter,
)
from softphone.pj_strings import lenient
from softphone.ring_control import RingControl, WaitingTone
from softphone.ringtone import Ringer
from softphone.states import (
    BUSY_STATES,
    RINGING_STATES,
    AudioMode,
    CallState,
    Direction,
    ErrorKind,
    RegStatus,
)
from softphone.tcp_front import TcpFront

log = logs.get("softphone")

UNAVAILABLE = 480  # the answer to an INVITE while the seat is not available
UNAVAILABLE_REASON = "Temporarily Unavailable"


class EngineCore:
    """Owns the endpoint, its accounts and calls."""

    def __init__(self, options: EngineOptions, write_line: Callable[[str], None]) -> None:
        self.options = options
        self._write_line = write_line
        self.commands: queue.Queue[str | None] = queue.Queue()
        self.calls: dict[str, CallSlot] = {}
        self._next_call = 0
        self._stop = False
        self.ep: EngineEndpoint | None = None
        self.local_account: EngineAccount | None = None
        self.account: EngineAccount | None = None
        self.transfer_domain = ""  # where a colleague's user name is reached (see Register)
        self.probe: RegistrarProbe | None = None
        self.port: BridgePort | None = None
        self.bridge = AudioBridge(
            options.input_device, options.output_device, sample_rate=CLOCK_RATE, frame_ms=FRAME_MS
        )
        self.method_guard = MethodGuard(options.bound_address or "")
        self.tcp_front: TcpFront | None = None
        self._log_writer = PjLogWriter(options.log_level, self.method_guard.seen)
        self._media_objects: list[Any] = []  # players/recorders: pj objects we must outlive
        self.ring_control: RingControl | None = None
        self._waiting_tone: WaitingTone | None = None
        self._last_audio_report = 0.0
        self.available = True  # False: incoming calls are answered 480 at once (SetAvailability)

    # ---- lifecycle -------------------------------------------------------------------
    def start(self) -> None:
        options = self.options
        ep = EngineEndpoint()
        ep.libCreate()
        ep.libInit(endpoint_config(options, self._log_writer))
        ep.engine = self
        self.ep = ep
        ep.transportCreate(pj.PJSIP_TRANSPORT_UDP, transport_config(options, options.sip_port))
        # TCP: pj listens on a private port; our port's TCP side is the guard in front
        tcp = ep.transportCreate(pj.PJSIP_TRANSPORT_TCP, transport_config(options, 0))
        private_port = int(ep.transportGetInfo(tcp).localName.rsplit(":", 1)[1])
        self.tcp_front = TcpFront(
            options.bound_address or "", options.sip_port, (options.local_host, private_port)
        )
        self.tcp_front.start()
        ep.libStart()
        ep.audDevManager().setNullDev()
        prefer_codecs(ep)

        if not options.null_audio:
            self.bridge.start()
        fmt = pj.MediaFormatAudio()
        fmt.init(pj.PJMEDIA_FORMAT_PCM, CLOCK_RATE, 1, FRAME_MS * 1000, 16)
        self.port = BridgePort(self.bridge)
        self.port.createPort("vorzimmer-bridge", fmt)
        if not options.null_audio:
            device = options.ringer_device or options.output_device
            self.ring_control = RingControl(Ringer(device), self._ringer_failed)
            self._waiting_tone = WaitingTone(CLOCK_RATE)

        host = options.public_address or options.local_host
        acfg = pj.AccountConfig()
        acfg.idUri = f"sip:{options.user}@{host}:{options.sip_port}"
        bind_media(acfg, options)
        self.local_account = EngineAccount(self, "local")
        self.local_account.create(acfg, True)
        mode, reason = self._audio_mode()
        self.emit(ev.EngineReady(acfg.idUri, options.sip_port, mode, reason, ep.libVersion().full))
        if mode == AudioMode.NULL and not options.null_audio:
            self.emit(ev.EngineError(f"no audio device: {reason}", "start", ErrorKind.AUDIO_DEVICE))

    def _audio_mode(self) -> tuple[AudioMode, str]:
        if self.options.null_audio:
            return AudioMode.NULL, "sound devices disabled (--null-audio)"
        return AudioMode(self.bridge.mode), self.bridge.reason or ""

    def request_stop(self) -> None:
        self._stop = True

    def _pump(self, seconds: float) -> None:
        assert self.ep is not None
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            self.ep.libHandleEvents(10)

    def shutdown(self) -> None:
        """Hang up, let the BYEs go out, drop every pj object, then destroy the library."""
        if self.ep is None:
            return
        if self.ring_control is not None:
            self.ring_control.set(False)
        # a call answered a moment ago can send its BYE only after the caller's ACK
        deadline = time.monotonic() + 0.5
        while time.monotonic() < deadline and any(
            s.state == CallState.CONNECTING for s in self.calls.values()
        ):
            self.ep.libHandleEvents(10)
        for slot in list(self.calls.values()):
            if slot.pj_call is not None:
                try:
                    slot.pj_call.hangup(pj.CallOpParam(True))
                except pj.Error as exc:
                    log.info("hangup at shutdown: %s", exc.info())
        hung_up = bool(self.calls)
        deadline = time.monotonic() + 0.5
        while self.calls and time.monotonic() < deadline:  # each leaves when disconnected
            self.ep.libHandleEvents(10)
        if hung_up:  # a little more for the responses to our BYEs
            self._pump(min(0.1, max(0.0, deadline - time.monotonic())))
        for slot in self.calls.values():
            slot.pj_call = None
        self.calls.clear()
        if self.account is not None:
            try:
                self.account.setRegistration(False)
            except pj.Error:
                pass
            self._pump(0.3)
        if self.probe is not None:
            self.probe.close()
            self.probe = None
        self.account = None
        self.local_account = None
        if self._waiting_tone is not None:
            self._waiting_tone.close()
            self._waiting_tone = None
        # stop the media clock first: its thread must not call into a port being freed
        try:
            self.ep.audDevManager().setNoDev()
        except pj.Error as exc:
            log.info("detaching the media clock: %s", exc.info())
        self.port = None
        self._media_objects.clear()
        self.ep.engine = None
        gc.collect()
        # BYEs and the un-REGISTER were waited for above; spare pj's own fixed 1 s wait
        self.ep.libDestroy(pj.PJSUA_DESTROY_NO_RX_MSG)
        self.ep = None
        self.method_guard.close()
        if self.tcp_front is not None:
            self.tcp_front.close()
            self.tcp_front = None
        self.bridge.stop()
        if self.ring_control is not None:
            self.ring_control.close()
            self.ring_control = None

    # ---- events out ------------------------------------------------------------------
    def emit(self, event: ev.Event) -> None:
        self._write_line(ev.encode(event))

    def _ringer_failed(self, reason: str) -> None:
        """From the ringer thread (``emit`` is thread-safe): calls still ring on screen."""
        self.emit(ev.EngineError(f"cannot ring: {reason}", "ring", ErrorKind.RING_DEVICE))

    def report_audio(self, now: bool = False) -> None:
        at = time.monotonic()
        if not now and at - self._last_audio_report < 5.0:
            return
        self._last_audio_report = at
        s = self.bridge.stats()
        mode, reason = self._audio_mode()
        self.emit(
            ev.AudioStatus(
                mode,
                reason,
                s.mic_underruns,
                s.speaker_underruns,
                s.overflows,
                round(s.added_latency_ms, 1),
            )
        )

    # ---- pj callbacks ----------------------------------------------------------------
    def _new_key(self) -> str:
        self._next_call += 1
        return f"c{self._next_call}"

    def adopt_new_call(
        self, direction: Direction, call_id: int | None, account: EngineAccount | None = None
    ) -> EngineCall:
        """Create a Call and keep a strong reference at once (else pj declines it)."""
        account = account or self.account or self.local_account
        assert account is not None
        call = EngineCall(self, account, call_id)
        call.key = self._new_key()
        self.calls[call.key] = CallSlot(call.key, call, direction)
        return call

    def on_incoming(self, account: EngineAccount, prm: pj.OnIncomingCallParam) -> None:
        received = time.time()
        call = self.adopt_new_call(Direction.IN, prm.callId, account)
        self.calls[call.key].started_at = received
        if not self.available:
            self._turn_away(call, prm, received)
            return
        try:  # the pop first: the 180 can follow a few hundred microseconds later
            self.emit(
                ev.IncomingCall(call.key, read_invite(prm.rdata.wholeMsg, call.key), received)
            )
        finally:  # whatever happened reading it, the call must be answered or it hangs
            self._ring(call)
        slot = self.calls.get(call.key)  # gone if answering failed at once
        if slot is not None and not self.options.auto_answer:
            slot.state = slot.state or CallState.INCOMING
            self._update_alerts()

    def _turn_away(self, call: EngineCall, prm: pj.OnIncomingCallParam, received: float) -> None:
        """The seat is not available: 480 at once, no ringing; one ``CallRefused`` for the
        call log. The pj call leaves quietly when it is disconnected."""
        self.calls[call.key].turned_away = True
        try:
            op = pj.CallOpParam(True)
            op.statusCode = UNAVAILABLE
            call.hangup(op)
        finally:
            info = read_invite(prm.rdata.wholeMsg, call.key)
            log.info("incoming call turned away: seat not available (480)")
            self.emit(ev.CallRefused(call.key, info, received, UNAVAILABLE, UNAVAILABLE_REASON))

    def _ring(self, call: EngineCall) -> None:
        op = pj.CallOpParam(True)
        op.statusCode = self.options.auto_answer or 180
        call.answer(op)

    def on_refused(self, prm: pj.OnRejectedIncomingCallParam) -> None:
        """pjsua answered an INVITE itself (too many calls: 486): report the lost caller."""
        received = time.time()
        key = self._new_key()
        info = read_invite(prm.rdata.wholeMsg, key)
        reason = lenient(prm.reason)
        log.info("incoming call refused by pjsua: %s %s", prm.statusCode, reason)
        self.emit(ev.CallRefused(key, info, received, int(prm.statusCode), reason))

    def on_call_state(self, call: EngineCall) -> None:
        slot = self.calls.get(call.key)
        if slot is None:
            return
        if slot.turned_away:  # already reported as refused: no states, no end event
            if call.getInfo().state == pj.PJSIP_INV_STATE_DISCONNECTED:
                slot.pj_call = None
                self.calls.pop(slot.key, None)
            return
        now = time.time()
        info = call.getInfo()
        state = STATE_NAMES.get(info.state, CallState.NULL)
        slot.state = state
        if state == CallState.CONFIRMED and slot.confirmed is None:
            slot.confirmed = time.monotonic()
            slot.confirmed_at = now
        code, reason = int(info.lastStatusCode), lenient(info.lastReason)
        try:
            self.emit(
                ev.CallStateChanged(
                    call.key, state, slot.direction, lenient(info.remoteUri), code, reason, now
                )
            )
        finally:  # the end of a call is reported even if its state could not be
            if state == CallState.DISCONNECTED:
                self._ended(slot, code, reason, now)
            self._update_alerts()

    def on_call_tsx(self, call: EngineCall, event: pj.SipEvent) -> None:
        """A CANCEL received for a ringing call: keep its Reason (RFC 3326) for the end.

        Never raises: it runs before the state change that reports the call's end."""
        try:
            self._read_cancel(call, event)
        except Exception:
            log.exception("reading the CANCEL of call %s failed", call.key)

    def _read_cancel(self, call: EngineCall, event: pj.SipEvent) -> None:
        slot = self.calls.get(call.key)
        if (
            slot is None
            or slot.cancel_reason
            or event.type != pj.PJSIP_EVENT_TSX_STATE
            or event.body.tsxState.type != pj.PJSIP_EVENT_RX_MSG
        ):
            return
        whole = lenient(event.body.tsxState.src.rdata.wholeMsg)
        if not whole.startswith("CANCEL"):
            return
        reasons = cancel_reasons(whole)
        slot.cancel_reason = "; ".join(f"{r.protocol} {r.cause} {r.text}".strip() for r in reasons)
        slot.answered_elsewhere = any(r.answered_elsewhere for r in reasons)
        log.info("call %s cancelled: %s", call.key, slot.cancel_reason or "no reason given")

    def _ended(self, slot: CallSlot, code: int, reason: str, now: float) -> None:
        talk = time.monotonic() - slot.confirmed if slot.confirmed is not None else 0.0
        slot.ended = True
        slot.pj_call = None
        self.calls.pop(slot.key, None)
        self.emit(
            ev.CallEnded(
                slot.key,
                code,
                reason,
                round(talk, 3),
                slot.confirmed is not None,
                slot.started_at,
                slot.confirmed_at,
                now,
                slot.answered_elsewhere and slot.confirmed is None,
                slot.cancel_reason,
            )
        )

    def on_transfer_status(self, call: EngineCall, prm: pj.OnCallTransferStatusParam) -> None:
        code, final = int(prm.statusCode), bool(prm.finalNotify)
        self.emit(ev.TransferStatus(call.key, code, lenient(prm.reason), final))
        if final and 200 <= code < 300:
            self.hangup_after_transfer(call.key)

    def _update_alerts(self) -> None:
        """Ring while a call waits and no other call is going on; otherwise beep in the
        headset (call waiting); silence once nothing waits."""
        waiting = busy = False
        for slot in self.calls.values():
            if slot.direction == Direction.IN and slot.state in RINGING_STATES:
                waiting = True
            elif slot.state in BUSY_STATES:
                busy = True
        if self.ring_control is not None:
            self.ring_control.set(waiting and not busy)
        if self._waiting_tone is not None:
            self._waiting_tone.set(waiting and busy, self.port)

    def call_audio(self, slot: CallSlot) -> pj.AudioMedia:
        return call_media.audio_of(slot)[0]

    def on_media_state(self, call: EngineCall) -> None:
        """Every re-INVITE rebuilds the stream: reconnect audio each time."""
        slot = self.calls.get(call.key)
        if slot is not None:
            self.connect_audio(slot)
            self.emit_media(slot)

    def emit_media(self, slot: CallSlot) -> None:
        self.emit(call_media.media_event(slot))

    def connect_audio(self, slot: CallSlot) -> None:
        assert self.port is not None
        call_media.connect(slot, self.port)

    def hangup_after_transfer(self, key: str) -> None:
        slot = self.calls.get(key)
        if slot is not None and slot.pj_call is not None:
            try:
                slot.pj_call.hangup(pj.CallOpParam(True))
            except pj.Error as exc:
                log.info("hangup after transfer: %s", exc.info())

    def on_reg_state(self, account: EngineAccount, prm: pj.OnRegStateParam) -> None:
        if account is not self.account:
            return
        info = account.getInfo()
        if info.regIsActive:
            state = RegStatus.REGISTERED
        elif prm.code // 100 == 2:
            state = RegStatus.UNREGISTERED
        else:
            state = RegStatus.FAILED
        self.emit(ev.RegistrationState(account.name, state, int(prm.code), lenient(prm.reason)))

    def poll_probe(self) -> None:
        if self.probe is None or self.account is None:
            return
        result = self.probe.poll()
        if not result.changed:
            return
        if result.alive:
            log.info("registrar reachable again: re-registering")
            self.emit(
                ev.RegistrationState(self.account.name, RegStatus.REGISTERING, 0, "reachable")
            )
            self.account.setRegistration(True)
        else:
            log.info("registrar unreachable")
            self.emit(
                ev.RegistrationState(self.account.name, RegStatus.UNREACHABLE, 408, "no answer")
            )
