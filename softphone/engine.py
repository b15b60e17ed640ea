"""The pjsua2 engine: one process, one thread for every pj call.

Runs as ``python -m softphone`` (see ``__main__``). Commands arrive as JSON lines on
stdin (read by a helper thread that never touches pj, only a queue); events leave as
JSON lines on the original stdout. pjsua2 prints to fd 1 on its own, so fd 1 is pointed
at stderr before pj starts and events go to a private duplicate.

Lifetimes follow DESIGN.md §3: a ``Call`` is referenced the moment it exists and
dropped when it is disconnected; pj ids never leave this module; shutdown hangs up,
polls, drops every pj object, collects garbage, then destroys the library.
"""

from __future__ import annotations

import gc
import json
import logging
import os
import queue
import re
import signal
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pjsua2 as pj

from appenv import logs
from softphone import events as ev
from softphone.audio_bridge import AudioBridge
from softphone.call_info import SipParseError, parse_invite
from softphone.keepalive import RegistrarProbe
from softphone.ringtone import Ringer

log = logs.get("softphone")

CLOCK_RATE = 16000
FRAME_MS = 20
PJ_EINVALIDOP = 70013  # e.g. a re-INVITE while the previous one awaits its ACK
PJSIP_ESESSIONSTATE = 171141  # e.g. hold right after answering, before the caller's ACK
RETRY_STATUSES = (PJ_EINVALIDOP, PJSIP_ESESSIONSTATE)
RETRY_SECONDS = 3.0  # how long a command waits for a busy dialog before it is refused
CODEC_PRIORITIES = {"G722/16000/1": 255, "PCMA/8000/1": 254, "PCMU/8000/1": 253}
LOW_PRIORITY = 100  # everything else: available, never preferred over G.722 / G.711
#: Call waiting, as German exchanges signal it (ETSI 425 Hz): two short beeps every ~5 s,
#: mixed into the headset. The loud ringer would drown the conversation already going on.
CALL_WAITING_TONES = ((425, 200, 200), (425, 200, 4600))  # (Hz, on ms, off ms)
_RINGING_STATES = ("incoming", "early")
_BUSY_STATES = ("calling", "early", "connecting", "confirmed")

_STATE_NAMES = {
    pj.PJSIP_INV_STATE_NULL: "null",
    pj.PJSIP_INV_STATE_CALLING: "calling",
    pj.PJSIP_INV_STATE_INCOMING: "incoming",
    pj.PJSIP_INV_STATE_EARLY: "early",
    pj.PJSIP_INV_STATE_CONNECTING: "connecting",
    pj.PJSIP_INV_STATE_CONFIRMED: "confirmed",
    pj.PJSIP_INV_STATE_DISCONNECTED: "disconnected",
}


@dataclass
class EngineOptions:
    sip_port: int = 5070
    bind_address: str = "0.0.0.0"
    public_address: str = ""
    user: str = "vorzimmer"
    input_device: str | None = None
    output_device: str | None = None
    ringer_device: str | None = None
    null_audio: bool = False
    auto_answer: int = 0  # answer incoming calls with this code (0 = ring and wait)
    log_level: int = 2


@dataclass
class CallSlot:
    """What the engine knows about one call, keyed by the engine's own id."""

    key: str
    pj_call: EngineCall | None
    direction: str
    started: float = field(default_factory=time.monotonic)
    confirmed_at: float | None = None
    muted: bool = False
    ended: bool = False
    state: str = ""
    echo: bool = False  # the far end hears itself (echo test, latency measurements)
    # files playing into / recording from this call; reconnected after every re-INVITE
    players: list[Any] = field(default_factory=list)
    recorders: list[Any] = field(default_factory=list)


class RingControl:
    """Starts and stops the ringer on its own thread.

    Opening a sound device can take a while (a Bluetooth headset wakes up slowly); the pj
    thread only states what it wants and never waits for PortAudio. ``report`` hears once
    why the ringer cannot ring (no device), so the operator learns it before a call is
    missed.
    """

    def __init__(self, ringer: Ringer, report: Callable[[str], None]) -> None:
        self.ringer = ringer
        self._report = report
        self._reported = ""
        self._want = False
        self._closed = False
        self._cond = threading.Condition()
        self._thread = threading.Thread(target=self._run, name="ringer", daemon=True)
        self._thread.start()

    def set(self, ringing: bool) -> None:
        with self._cond:
            self._want = ringing
            self._cond.notify()

    def close(self) -> None:
        with self._cond:
            self._closed = True
            self._cond.notify()
        self._thread.join(3.0)
        self.ringer.stop()

    def _run(self) -> None:
        applied = False
        while True:
            with self._cond:
                while self._want == applied and not self._closed:
                    self._cond.wait()
                if self._closed:
                    return
                want = self._want
            if want:
                self.ringer.start()
                reason = self.ringer.reason or ""
                if self.ringer.mode == "null" and reason != self._reported:
                    self._reported = reason
                    self._report(reason)
            else:
                self.ringer.stop()
            applied = want


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


class EngineAccount(pj.Account):  # type: ignore[misc]
    def __init__(self, engine: Engine, name: str) -> None:
        super().__init__()
        self.engine = engine
        self.name = name

    def onIncomingCall(self, prm: pj.OnIncomingCallParam) -> None:
        self.engine.on_incoming(self, prm)

    def onRegState(self, prm: pj.OnRegStateParam) -> None:
        self.engine.on_reg_state(self, prm)


class EngineCall(pj.Call):  # type: ignore[misc]
    def __init__(self, engine: Engine, account: EngineAccount, call_id: int | None = None) -> None:
        if call_id is None:
            super().__init__(account)
        else:
            super().__init__(account, call_id)
        self.engine = engine
        self.key = ""

    def onCallState(self, prm: pj.OnCallStateParam) -> None:
        self.engine.on_call_state(self)

    def onCallMediaState(self, prm: pj.OnCallMediaStateParam) -> None:
        self.engine.on_media_state(self)

    def onDtmfDigit(self, prm: pj.OnDtmfDigitParam) -> None:
        method = "info" if prm.method == pj.PJSUA_DTMF_METHOD_SIP_INFO else "rfc4733"
        self.engine.emit(ev.DtmfReceived(self.key, prm.digit, method))

    def onCallTransferStatus(self, prm: pj.OnCallTransferStatusParam) -> None:
        self.engine.emit(ev.TransferStatus(self.key, prm.statusCode, prm.reason, prm.finalNotify))
        if prm.finalNotify and 200 <= prm.statusCode < 300:
            self.engine.hangup_after_transfer(self.key)

    def onCallTransferRequest(self, prm: pj.OnCallTransferRequestParam) -> None:
        prm.newCall = self.engine.adopt_new_call("out", None)
        prm.statusCode = 202

    def onCallReplaceRequest(self, prm: pj.OnCallReplaceRequestParam) -> None:
        prm.newCall = self.engine.adopt_new_call("in", None)

    def onCallReplaced(self, prm: pj.OnCallReplacedParam) -> None:
        prm.newCall = self.engine.adopt_new_call("in", prm.newCallId)


class PjLogWriter(pj.LogWriter):  # type: ignore[misc]
    """pj's own log goes to our log file; failures reach the UI as EngineError events."""

    def write(self, entry: pj.LogEntry) -> None:
        log.log(logging.INFO if entry.level <= 2 else logging.DEBUG, "pj: %s", entry.msg.rstrip())


class Engine:
    """Owns the endpoint, its accounts and calls. Every method runs on the pj thread."""

    def __init__(self, options: EngineOptions, write_line: Callable[[str], None]) -> None:
        self.options = options
        self._write_line = write_line
        self.commands: queue.Queue[dict[str, Any] | None] = queue.Queue()
        self.calls: dict[str, CallSlot] = {}
        self._next_call = 0
        self._stop = False
        self.ep: pj.Endpoint | None = None
        self.local_account: EngineAccount | None = None
        self.account: EngineAccount | None = None
        self.probe: RegistrarProbe | None = None
        self.port: BridgePort | None = None
        self.bridge = AudioBridge(
            options.input_device, options.output_device, sample_rate=CLOCK_RATE, frame_ms=FRAME_MS
        )
        self._log_writer = PjLogWriter()
        self._media_objects: list[Any] = []  # players/recorders: pj objects we must outlive
        self.ring_control: RingControl | None = None
        self._waiting_tone: pj.ToneGenerator | None = None
        self._beeping = False
        self._last_audio_report = 0.0

    # ---- lifecycle -------------------------------------------------------------------
    def start(self) -> None:
        ep = pj.Endpoint()
        ep.libCreate()
        cfg = pj.EpConfig()
        cfg.uaConfig.threadCnt = 0
        cfg.uaConfig.mainThreadOnly = True
        cfg.uaConfig.userAgent = "Vorzimmer"
        cfg.uaConfig.maxCalls = 4
        cfg.logConfig.level = self.options.log_level
        cfg.logConfig.consoleLevel = self.options.log_level
        cfg.logConfig.writer = self._log_writer
        cfg.logConfig.decor = 0
        cfg.medConfig.clockRate = CLOCK_RATE
        cfg.medConfig.sndClockRate = CLOCK_RATE
        cfg.medConfig.channelCount = 1
        cfg.medConfig.audioFramePtime = FRAME_MS
        cfg.medConfig.noVad = True
        cfg.medConfig.ecTailLen = 0
        ep.libInit(cfg)
        for kind in (pj.PJSIP_TRANSPORT_UDP, pj.PJSIP_TRANSPORT_TCP):
            tcfg = pj.TransportConfig()
            tcfg.port = self.options.sip_port
            if self.options.bind_address not in ("", "0.0.0.0"):
                tcfg.boundAddress = self.options.bind_address
            if self.options.public_address:
                tcfg.publicAddress = self.options.public_address
            ep.transportCreate(kind, tcfg)
        ep.libStart()
        ep.audDevManager().setNullDev()
        for codec in ep.codecEnum2():
            ep.codecSetPriority(codec.codecId, CODEC_PRIORITIES.get(codec.codecId, LOW_PRIORITY))
        self.ep = ep

        if not self.options.null_audio:
            self.bridge.start()
        fmt = pj.MediaFormatAudio()
        fmt.init(pj.PJMEDIA_FORMAT_PCM, CLOCK_RATE, 1, FRAME_MS * 1000, 16)
        self.port = BridgePort(self.bridge)
        self.port.createPort("vorzimmer-bridge", fmt)
        if not self.options.null_audio:
            device = self.options.ringer_device or self.options.output_device
            self.ring_control = RingControl(Ringer(device), self._ringer_failed)
            self._waiting_tone = pj.ToneGenerator()
            self._waiting_tone.createToneGenerator(CLOCK_RATE, 1)

        host = self.options.public_address or self._local_host()
        acfg = pj.AccountConfig()
        acfg.idUri = f"sip:{self.options.user}@{host}:{self.options.sip_port}"
        self._bind_media(acfg)
        self.local_account = EngineAccount(self, "local")
        self.local_account.create(acfg, True)
        mode, reason = self._audio_mode()
        self.emit(
            ev.EngineReady(acfg.idUri, self.options.sip_port, mode, reason, ep.libVersion().full)
        )

    def _audio_mode(self) -> tuple[str, str]:
        if self.options.null_audio:
            return "null", "sound devices disabled (--null-audio)"
        return self.bridge.mode, self.bridge.reason or ""

    def _bind_media(self, acfg: pj.AccountConfig) -> None:
        if self.options.bind_address not in ("", "0.0.0.0"):
            acfg.mediaConfig.transportConfig.boundAddress = self.options.bind_address
        if self.options.public_address:
            acfg.mediaConfig.transportConfig.publicAddress = self.options.public_address

    def _local_host(self) -> str:
        if self.options.bind_address not in ("", "0.0.0.0"):
            return self.options.bind_address
        return "127.0.0.1"

    def run(self) -> None:
        """Poll pj and the command queue until told to stop."""
        assert self.ep is not None
        while not self._stop:
            self.ep.libHandleEvents(10)
            self._drain_commands()
            self._poll_probe()
            self._report_audio()

    def request_stop(self) -> None:
        self._stop = True

    def shutdown(self) -> None:
        """Hang up, let the BYEs go out, drop every pj object, then destroy the library."""
        if self.ep is None:
            return
        if self.ring_control is not None:
            self.ring_control.set(False)
        # a call answered a moment ago can send its BYE only after the caller's ACK
        deadline = time.monotonic() + 0.5
        while time.monotonic() < deadline and any(
            s.state == "connecting" for s in self.calls.values()
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
            deadline = min(deadline, time.monotonic() + 0.1)
            while time.monotonic() < deadline:
                self.ep.libHandleEvents(10)
        for slot in self.calls.values():
            slot.pj_call = None
        self.calls.clear()
        if self.account is not None:
            try:
                self.account.setRegistration(False)
            except pj.Error:
                pass
            deadline = time.monotonic() + 0.3
            while time.monotonic() < deadline:
                self.ep.libHandleEvents(10)
        if self.probe is not None:
            self.probe.close()
            self.probe = None
        self.account = None
        self.local_account = None
        self._waiting_tone = None
        # stop the media clock first: its thread must not call into a port being freed
        try:
            self.ep.audDevManager().setNoDev()
        except pj.Error as exc:
            log.info("detaching the media clock: %s", exc.info())
        self.port = None
        self._media_objects.clear()
        gc.collect()
        # BYEs and the un-REGISTER were waited for above; spare pj's own fixed 1 s wait
        self.ep.libDestroy(pj.PJSUA_DESTROY_NO_RX_MSG)
        self.ep = None
        self.bridge.stop()
        if self.ring_control is not None:
            self.ring_control.close()
            self.ring_control = None

    # ---- events out ------------------------------------------------------------------
    def emit(self, event: ev.Event) -> None:
        self._write_line(ev.encode(event))

    def _ringer_failed(self, reason: str) -> None:
        """From the ringer thread (``emit`` is thread-safe): calls still ring on screen."""
        self.emit(ev.EngineError(f"cannot ring: {reason}", "ring"))

    def _report_audio(self) -> None:
        now = time.monotonic()
        if now - self._last_audio_report < 5.0:
            return
        self._last_audio_report = now
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

    # ---- commands in -----------------------------------------------------------------
    def _drain_commands(self) -> None:
        while True:
            try:
                cmd = self.commands.get_nowait()
            except queue.Empty:
                return
            if cmd is None:  # stdin closed: the UI is gone
                self._stop = True
                return
            self._execute(cmd)

    def _execute(self, cmd: dict[str, Any]) -> None:
        """Run one command; while the dialog is busy, keep pj going and try again.

        Waiting here (not re-queueing) keeps the operator's commands in order: a resume
        sent right after a hold never overtakes it.
        """
        name = str(cmd.get("cmd", ""))
        handler = getattr(self, f"cmd_{name}", None)
        if handler is None:
            self.emit(ev.EngineError(f"unknown command {name!r}", name))
            return
        deadline = time.monotonic() + RETRY_SECONDS
        while True:
            try:
                handler(**{k: v for k, v in cmd.items() if k != "cmd"})
                return
            except pj.Error as exc:
                if exc.status in RETRY_STATUSES and time.monotonic() < deadline and self.ep:
                    self.ep.libHandleEvents(20)  # the pending ACK / 200 arrives meanwhile
                    continue
                self.emit(ev.EngineError(exc.info(), name))
                return
            except (KeyError, TypeError, ValueError) as exc:
                self.emit(ev.EngineError(f"bad command: {exc}", name))
                return

    def _slot(self, call: str) -> CallSlot:
        slot = self.calls.get(call)
        if slot is None or slot.pj_call is None:
            raise KeyError(f"no such call {call}")
        return slot

    def cmd_shutdown(self) -> None:
        self._stop = True

    def cmd_ping(self) -> None:
        self._report_audio_now()

    def _report_audio_now(self) -> None:
        self._last_audio_report = 0.0
        self._report_audio()

    def cmd_register(
        self,
        registrar: str,
        username: str,
        password: str,
        transport: str = "udp",
        domain: str = "",
        expires: int = 300,
    ) -> None:
        """(Re)configure the one registered account; the local account stays for direct SIP."""
        assert self.ep is not None
        self._drop_account()
        host, _, port_s = registrar.partition(":")
        port = int(port_s or 5060)
        domain = domain or host
        acfg = pj.AccountConfig()
        acfg.idUri = f"sip:{username}@{domain}"
        self._bind_media(acfg)
        suffix = ";transport=tcp" if transport == "tcp" else ""
        acfg.regConfig.registrarUri = f"sip:{host}:{port}{suffix}"
        acfg.regConfig.timeoutSec = expires
        acfg.regConfig.retryIntervalSec = 5
        acfg.regConfig.firstRetryIntervalSec = 2
        acfg.sipConfig.proxies.append(f"sip:{host}:{port};lr{suffix}")
        acfg.sipConfig.authCreds.append(pj.AuthCredInfo("digest", "*", username, 0, password))
        account = EngineAccount(self, f"{username}@{domain}")
        account.create(acfg, True)
        self.account = account
        self.emit(ev.RegistrationState(account.name, "registering", 0, ""))
        if transport == "udp":
            self.probe = RegistrarProbe(host, port)

    def cmd_unregister(self) -> None:
        self._drop_account()

    def _drop_account(self) -> None:
        if self.probe is not None:
            self.probe.close()
            self.probe = None
        if self.account is not None:
            name = self.account.name
            try:
                self.account.setRegistration(False)
            except pj.Error:
                pass
            self.account.shutdown()
            self.account = None
            self.emit(ev.RegistrationState(name, "unregistered", 0, ""))

    def cmd_call(self, uri: str, tag: str = "") -> str:
        account = self.account if self._registered() else self.local_account
        assert account is not None
        if not uri.startswith(("sip:", "sips:", "tel:")):
            uri = self._uri_for(uri)
        call = self.adopt_new_call("out", None, account)
        try:
            call.makeCall(uri, pj.CallOpParam(True))
        except pj.Error:
            self.calls.pop(call.key, None)
            raise
        self.emit(ev.CallStarted(call.key, uri, tag))
        return call.key

    def _uri_for(self, target: str) -> str:
        """A dialled number (separators dropped) or a user name, at the registrar's domain."""
        target = target.strip()
        if re.fullmatch(r"[+\d][\d\s()./-]*", target):
            target = "".join(ch for ch in target if ch.isdigit() or ch == "+")
        elif not re.fullmatch(r"[\w.!~*'()&=$,;?/%+-]+", target):
            raise ValueError(f"cannot dial {target!r}")
        if self.account is not None and self._registered():
            domain = self.account.name.split("@", 1)[1]
            return f"sip:{target}@{domain}"
        raise ValueError(f"cannot dial {target!r} without a SIP account; use a sip: URI")

    def _registered(self) -> bool:
        if self.account is None:
            return False
        try:
            return bool(self.account.getInfo().regIsActive)
        except pj.Error:
            return False

    def cmd_answer(self, call: str, code: int = 200) -> None:
        op = pj.CallOpParam(True)
        op.statusCode = code
        self._slot(call).pj_call.answer(op)  # type: ignore[union-attr]

    def cmd_reject(self, call: str, code: int = 486) -> None:
        op = pj.CallOpParam(True)
        op.statusCode = code
        self._slot(call).pj_call.hangup(op)  # type: ignore[union-attr]

    def cmd_hangup(self, call: str) -> None:
        self._slot(call).pj_call.hangup(pj.CallOpParam(True))  # type: ignore[union-attr]

    def cmd_hold(self, call: str) -> None:
        self._slot(call).pj_call.setHold(pj.CallOpParam(True))  # type: ignore[union-attr]

    def cmd_unhold(self, call: str) -> None:
        op = pj.CallOpParam(True)
        op.opt.flag = pj.PJSUA_CALL_UNHOLD
        self._slot(call).pj_call.reinvite(op)  # type: ignore[union-attr]

    def cmd_mute(self, call: str, on: bool = True) -> None:
        slot = self._slot(call)
        slot.muted = bool(on)
        self._connect_audio(slot)
        self._emit_media(slot)

    def cmd_dtmf(self, call: str, digits: str, method: str = "rfc4733") -> None:
        digits = "".join(ch for ch in digits if ch in "0123456789*#ABCDabcd")
        if not digits:
            raise ValueError("no DTMF digits")
        pj_call = self._slot(call).pj_call
        assert pj_call is not None
        if method == "info":
            prm = pj.CallSendDtmfParam()
            prm.method = pj.PJSUA_DTMF_METHOD_SIP_INFO
            prm.digits = digits
            pj_call.sendDtmf(prm)
        else:
            pj_call.dialDtmf(digits)

    def cmd_transfer(self, call: str, uri: str) -> None:
        """Blind transfer: REFER the far end to ``uri``; hang up when it reports success."""
        if not uri.startswith(("sip:", "sips:", "tel:")):
            uri = self._uri_for(uri)
        self._slot(call).pj_call.xfer(uri, pj.CallOpParam(True))  # type: ignore[union-attr]

    def cmd_transfer_attended(self, call: str, consult: str) -> None:
        """Connect the held caller ``call`` with the consulted party ``consult`` (Replaces)."""
        target = self._slot(consult).pj_call
        self._slot(call).pj_call.xferReplaces(target, pj.CallOpParam(True))  # type: ignore[union-attr]

    def cmd_play_file(self, call: str, path: str) -> None:
        """Play a WAV into a call (announcements; the test peer speaks with it)."""
        slot = self._slot(call)
        player = pj.AudioMediaPlayer()
        player.createPlayer(path, pj.PJMEDIA_FILE_NO_LOOP)
        player.startTransmit(self._call_audio(slot))
        self._media_objects.append(player)
        slot.players.append(player)

    def cmd_record_file(self, call: str, path: str) -> None:
        slot = self._slot(call)
        recorder = pj.AudioMediaRecorder()
        recorder.createRecorder(path)
        self._call_audio(slot).startTransmit(recorder)
        self._media_objects.append(recorder)
        slot.recorders.append(recorder)

    def cmd_echo(self, call: str, on: bool = True) -> None:
        """Send the far end's audio straight back inside pj: an echo test for the line,
        and the reference loop (no sound devices) for latency measurements."""
        slot = self._slot(call)
        slot.echo = bool(on)
        aud = self._call_audio(slot)
        if slot.echo:
            aud.startTransmit(aud)
        else:
            aud.stopTransmit(aud)

    def cmd_stop_files(self) -> None:
        for slot in self.calls.values():
            slot.players.clear()
            slot.recorders.clear()
        self._media_objects.clear()

    # ---- pj callbacks ----------------------------------------------------------------
    def adopt_new_call(
        self, direction: str, call_id: int | None, account: EngineAccount | None = None
    ) -> EngineCall:
        """Create a Call and keep a strong reference at once (else pj declines it)."""
        account = account or self.account or self.local_account
        assert account is not None
        call = EngineCall(self, account, call_id)
        self._next_call += 1
        call.key = f"c{self._next_call}"
        self.calls[call.key] = CallSlot(call.key, call, direction)
        return call

    def on_incoming(self, account: EngineAccount, prm: pj.OnIncomingCallParam) -> None:
        received = time.time()
        call = self.adopt_new_call("in", prm.callId, account)
        try:
            info = parse_invite(prm.rdata.wholeMsg)
        except SipParseError as exc:
            log.warning("unparseable INVITE (%s); answering it anyway", exc)
            info = parse_invite(
                f"INVITE sip:unknown@invalid SIP/2.0\r\nCall-ID: {call.key}\r\n\r\n"
            )
        self.emit(ev.IncomingCall(call.key, info, received))
        op = pj.CallOpParam(True)
        op.statusCode = self.options.auto_answer or 180
        call.answer(op)
        slot = self.calls.get(call.key)  # gone if answering failed at once
        if slot is not None and not self.options.auto_answer:
            slot.state = slot.state or "incoming"
            self._update_alerts()

    def on_call_state(self, call: EngineCall) -> None:
        slot = self.calls.get(call.key)
        if slot is None:
            return
        info = call.getInfo()
        state = _STATE_NAMES.get(info.state, str(info.state))
        slot.state = state
        if state == "confirmed" and slot.confirmed_at is None:
            slot.confirmed_at = time.monotonic()
        self.emit(
            ev.CallStateChanged(
                call.key,
                state,
                slot.direction,
                info.remoteUri,
                info.lastStatusCode,
                info.lastReason,
            )
        )
        if info.state == pj.PJSIP_INV_STATE_DISCONNECTED:
            duration = time.monotonic() - slot.confirmed_at if slot.confirmed_at else 0.0
            slot.ended = True
            self.emit(
                ev.CallEnded(
                    call.key,
                    info.lastStatusCode,
                    info.lastReason,
                    round(duration, 3),
                    slot.confirmed_at is not None,
                )
            )
            slot.pj_call = None
            del self.calls[call.key]
        self._update_alerts()

    def _update_alerts(self) -> None:
        """Ring while a call waits and no other call is going on; otherwise beep in the
        headset (call waiting); silence once nothing waits."""
        waiting = busy = False
        for slot in self.calls.values():
            if slot.direction == "in" and slot.state in _RINGING_STATES:
                waiting = True
            elif slot.state in _BUSY_STATES:
                busy = True
        if self.ring_control is not None:
            self.ring_control.set(waiting and not busy)
        self._set_waiting_tone(waiting and busy)

    def _set_waiting_tone(self, on: bool) -> None:
        tone, port = self._waiting_tone, self.port
        if tone is None or port is None or on == self._beeping:
            return
        self._beeping = on
        try:
            if on:
                tones = pj.ToneDescVector()
                for freq, on_ms, off_ms in CALL_WAITING_TONES:
                    desc = pj.ToneDesc()
                    desc.freq1, desc.freq2 = freq, 0
                    desc.on_msec, desc.off_msec = on_ms, off_ms
                    desc.volume = 0  # pj's default level
                    tones.append(desc)
                tone.play(tones, True)
                tone.startTransmit(port)
            else:
                tone.stopTransmit(port)
                tone.stop()
        except pj.Error as exc:  # a missing beep must not break call handling
            log.info("call-waiting tone: %s", exc.info())

    def _call_audio(self, slot: CallSlot) -> pj.AudioMedia:
        return self._call_audio_and_status(slot)[0]

    def _call_audio_and_status(self, slot: CallSlot) -> tuple[pj.AudioMedia, int]:
        """The call's audio in the conference bridge (also while held: music on hold)."""
        assert slot.pj_call is not None
        info = slot.pj_call.getInfo()
        for mi in info.media:
            if mi.type == pj.PJMEDIA_TYPE_AUDIO and mi.status in (
                pj.PJSUA_CALL_MEDIA_ACTIVE,
                pj.PJSUA_CALL_MEDIA_REMOTE_HOLD,
                pj.PJSUA_CALL_MEDIA_LOCAL_HOLD,
            ):
                return slot.pj_call.getAudioMedia(mi.index), int(mi.status)
        raise KeyError(f"call {slot.key} has no active audio")

    def on_media_state(self, call: EngineCall) -> None:
        """Every re-INVITE rebuilds the stream: reconnect audio each time."""
        slot = self.calls.get(call.key)
        if slot is not None:
            self._connect_audio(slot)
            self._emit_media(slot)

    def _emit_media(self, slot: CallSlot) -> None:
        assert slot.pj_call is not None
        info = slot.pj_call.getInfo()  # keep it: media items point into this object (SWIG)
        audio = [mi for mi in info.media if mi.type == pj.PJMEDIA_TYPE_AUDIO]
        statuses = [mi.status for mi in audio]
        codec = ""
        for mi in audio:
            if mi.status != pj.PJSUA_CALL_MEDIA_NONE:
                try:
                    stream = slot.pj_call.getStreamInfo(mi.index)
                    codec = f"{stream.codecName}/{stream.codecClockRate}"
                except pj.Error:
                    pass
                break
        self.emit(
            ev.MediaStateChanged(
                slot.key,
                pj.PJSUA_CALL_MEDIA_ACTIVE in statuses,
                pj.PJSUA_CALL_MEDIA_LOCAL_HOLD in statuses,
                pj.PJSUA_CALL_MEDIA_REMOTE_HOLD in statuses,
                slot.muted,
                codec,
            )
        )

    def _connect_audio(self, slot: CallSlot) -> None:
        """Headset ↔ call, unless muted (mic only) or held by us (both ways: a caller on
        hold must not overhear the secretary consulting someone else). Files stay on."""
        assert self.port is not None
        try:
            aud, status = self._call_audio_and_status(slot)
        except (KeyError, pj.Error):
            return
        held = status == pj.PJSUA_CALL_MEDIA_LOCAL_HOLD
        if held:
            aud.stopTransmit(self.port)
        else:
            aud.startTransmit(self.port)
        if slot.muted or held:
            self.port.stopTransmit(aud)
        else:
            self.port.startTransmit(aud)
        for player in slot.players:
            player.startTransmit(aud)
        if slot.echo:
            aud.startTransmit(aud)
        for recorder in slot.recorders:
            aud.startTransmit(recorder)

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
            state = "registered"
        elif prm.code // 100 == 2:
            state = "unregistered"
        else:
            state = "failed"
        self.emit(ev.RegistrationState(account.name, state, prm.code, prm.reason))

    def _poll_probe(self) -> None:
        if self.probe is None or self.account is None:
            return
        result = self.probe.poll()
        if not result.changed:
            return
        if result.alive:
            log.info("registrar reachable again: re-registering")
            self.emit(ev.RegistrationState(self.account.name, "registering", 0, "reachable"))
            self.account.setRegistration(True)
        else:
            log.info("registrar unreachable")
            self.emit(ev.RegistrationState(self.account.name, "unreachable", 408, "no answer"))


def _stdin_reader(commands: queue.Queue[dict[str, Any] | None], stream: Any) -> None:
    """Reads commands; never touches pj (it isn't registered with pjlib)."""
    for raw in stream:
        line = raw.strip()
        if not line:
            continue
        try:
            cmd = json.loads(line)
            if not isinstance(cmd, dict):
                raise ValueError("not an object")
        except ValueError:
            log.warning("ignoring malformed command line: %r", line[:200])
            continue
        commands.put(cmd)
    commands.put(None)


def serve(options: EngineOptions) -> int:
    """Entry point of the engine process."""
    proto = os.fdopen(os.dup(1), "w", encoding="utf-8", buffering=1)
    os.dup2(2, 1)  # anything pj or a library prints goes to stderr, not into the protocol
    sys.stdout = sys.stderr
    lock = threading.Lock()

    def write_line(line: str) -> None:
        with lock:
            proto.write(line + "\n")
            proto.flush()

    engine = Engine(options, write_line)
    signal.signal(signal.SIGTERM, lambda *_: engine.request_stop())
    signal.signal(signal.SIGINT, lambda *_: engine.request_stop())
    threading.Thread(
        target=_stdin_reader, args=(engine.commands, sys.stdin), name="commands", daemon=True
    ).start()
    try:
        engine.start()
        engine.run()
    except pj.Error as exc:
        log.error("engine failed: %s", exc.info())
        write_line(ev.encode(ev.EngineError(exc.info(), "start")))
        return 1
    finally:
        engine.shutdown()
    return 0
