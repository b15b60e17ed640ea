"""The engine's command handlers: one method per command class, run on the pj thread."""

from __future__ import annotations

import json
import queue
import re
import time
from collections.abc import Callable
from typing import Any

import pjsua2 as pj

from appenv import logs
from softphone import commands as cmds
from softphone import events as ev
from softphone.call_media import CallSlot
from softphone.engine_core import EngineCore
from softphone.engine_options import bind_media
from softphone.keepalive import RegistrarProbe
from softphone.pj_objects import EngineAccount
from softphone.pj_strings import lenient
from softphone.states import Direction, DtmfMethod, ErrorKind, RegStatus

log = logs.get("softphone")

PJ_EINVALIDOP = 70013  # e.g. a re-INVITE while the previous one awaits its ACK
PJSIP_ESESSIONSTATE = 171141  # e.g. hold right after answering, before the caller's ACK
RETRY_STATUSES = (PJ_EINVALIDOP, PJSIP_ESESSIONSTATE)
RETRY_SECONDS = 3.0  # how long a command waits for a busy dialog before it is refused
REDIRECT = 302  # the answer that sends a ringing call on to a colleague (pickup)


def _command_name(line: str) -> str:
    """The name a refused command line gave itself, so the sender can match the error."""
    try:
        data = json.loads(line)
    except ValueError:
        return ""
    return str(data.get("cmd", ""))[:64] if isinstance(data, dict) else ""


class Engine(EngineCore):
    """The whole engine: :class:`EngineCore` plus what the UI can ask of it."""

    def _handlers(self) -> dict[type[Any], Callable[[Any], object]]:
        return {
            cmds.Shutdown: lambda _c: self.request_stop(),
            cmds.Ping: lambda _c: self.report_audio(now=True),
            cmds.Register: self.cmd_register,
            cmds.Unregister: lambda _c: self._drop_account(),
            cmds.Dial: self.cmd_call,
            cmds.Answer: self.cmd_answer,
            cmds.Reject: self.cmd_reject,
            cmds.Redirect: self.cmd_redirect,
            cmds.Hangup: self.cmd_hangup,
            cmds.Hold: self.cmd_hold,
            cmds.Unhold: self.cmd_unhold,
            cmds.Mute: self.cmd_mute,
            cmds.SendDtmf: self.cmd_dtmf,
            cmds.Transfer: self.cmd_transfer,
            cmds.TransferAttended: self.cmd_transfer_attended,
            cmds.PlayFile: self.cmd_play_file,
            cmds.RecordFile: self.cmd_record_file,
            cmds.Echo: self.cmd_echo,
            cmds.StopFiles: lambda _c: self.cmd_stop_files(),
            cmds.SetAvailability: self.cmd_set_availability,
        }

    def run(self) -> None:
        """Poll pj and the command queue until told to stop."""
        assert self.ep is not None
        handlers = self._handlers()
        while not self._stop:
            self.ep.libHandleEvents(10)
            self._drain_commands(handlers)
            self.poll_probe()
            self.report_audio()

    def _drain_commands(self, handlers: dict[type[Any], Callable[[Any], object]]) -> None:
        while True:
            try:
                line = self.commands.get_nowait()
            except queue.Empty:
                return
            if line is None:  # stdin closed: the UI is gone
                self._stop = True
                return
            try:
                command = cmds.decode(line)
            except ValueError as exc:
                log.info("refused command line: %s", exc)
                name = _command_name(line)
                self.emit(ev.EngineError(f"bad command: {exc}", name, ErrorKind.COMMAND))
                continue
            self.execute(command, handlers[type(command)])

    def execute(self, command: cmds.Command, handler: Callable[[Any], object]) -> None:
        """Run one command; while the dialog is busy, keep pj going and try again.

        Waiting here (not re-queueing) keeps the operator's commands in order: a resume
        sent right after a hold never overtakes it.
        """
        name = cmds.name_of(command)
        call = str(getattr(command, "call", ""))
        deadline = time.monotonic() + RETRY_SECONDS
        while True:
            try:
                handler(command)
                return
            except pj.Error as exc:
                if exc.status in RETRY_STATUSES and time.monotonic() < deadline and self.ep:
                    self.ep.libHandleEvents(20)  # the pending ACK / 200 arrives meanwhile
                    continue
                self.emit(ev.EngineError(lenient(exc.info()), name, ErrorKind.CALL, call))
                return
            except KeyError as exc:
                self.emit(ev.EngineError(f"{exc.args[0]}", name, ErrorKind.CALL, call))
                return
            except (TypeError, ValueError) as exc:
                self.emit(ev.EngineError(f"bad command: {exc}", name, ErrorKind.COMMAND, call))
                return

    def _slot(self, call: str) -> CallSlot:
        slot = self.calls.get(call)
        if slot is None or slot.pj_call is None:
            raise KeyError(f"no such call {call}")
        return slot

    def _pj_call(self, call: str) -> pj.Call:
        pj_call = self._slot(call).pj_call
        assert pj_call is not None
        return pj_call

    def cmd_register(self, c: cmds.Register) -> None:
        """(Re)configure the one registered account; the local account stays for direct SIP."""
        assert self.ep is not None
        self._drop_account()
        host, _, port_s = c.registrar.partition(":")
        port = int(port_s or 5060)
        domain = c.domain or host
        acfg = pj.AccountConfig()
        acfg.idUri = f"sip:{c.username}@{domain}"
        bind_media(acfg, self.options)
        suffix = ";transport=tcp" if c.transport == "tcp" else ""
        acfg.regConfig.registrarUri = f"sip:{host}:{port}{suffix}"
        acfg.regConfig.timeoutSec = c.expires
        acfg.regConfig.retryIntervalSec = 5
        acfg.regConfig.firstRetryIntervalSec = 2
        acfg.sipConfig.proxies.append(f"sip:{host}:{port};lr{suffix}")
        acfg.sipConfig.authCreds.append(pj.AuthCredInfo("digest", "*", c.username, 0, c.password))
        account = EngineAccount(self, f"{c.username}@{domain}")
        account.create(acfg, True)
        self.account = account
        # a transfer target is dialled by the far end, which knows no proxy: name the port
        self.transfer_domain = domain if c.domain or port == 5060 else f"{host}:{port}"
        self.emit(ev.RegistrationState(account.name, RegStatus.REGISTERING, 0, ""))
        if c.transport == "udp":
            self.probe = RegistrarProbe(host, port)

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
            self.emit(ev.RegistrationState(name, RegStatus.UNREGISTERED, 0, ""))

    def cmd_call(self, c: cmds.Dial) -> str:
        account = self.account if self._registered() else self.local_account
        assert account is not None
        uri = c.uri
        if not uri.startswith(("sip:", "sips:", "tel:")):
            uri = self._uri_for(uri)
        call = self.adopt_new_call(Direction.OUT, None, account)
        started_at = self.calls[call.key].started_at
        # announce it first: the call's first state change comes from inside makeCall
        self.emit(ev.CallStarted(call.key, uri, c.tag, started_at))
        try:
            call.makeCall(uri, pj.CallOpParam(True))
        except pj.Error as exc:
            slot = self.calls.pop(call.key, None)
            if slot is not None:  # never came to life: end it for the UI as well
                now = time.time()
                self.emit(ev.CallEnded(call.key, 500, lenient(exc.info()), 0.0, False,
                                       started_at, None, now))  # fmt: skip
            raise
        return call.key

    def _uri_for(self, target: str, domain: str = "") -> str:
        """A dialled number (separators dropped) or a user name, at the registrar's domain
        (or at ``domain``)."""
        target = target.strip()
        if re.fullmatch(r"[+\d][\d\s()./-]*", target):
            target = "".join(ch for ch in target if ch.isdigit() or ch == "+")
        elif not re.fullmatch(r"[\w.!~*'()&=$,;?/%+-]+", target):
            raise ValueError(f"cannot dial {target!r}")
        if self.account is not None and self._registered():
            domain = domain or self.account.name.split("@", 1)[1]
            return f"sip:{target}@{domain}"
        raise ValueError(f"cannot dial {target!r} without a SIP account; use a sip: URI")

    def _registered(self) -> bool:
        if self.account is None:
            return False
        try:
            return bool(self.account.getInfo().regIsActive)
        except pj.Error:
            return False

    def cmd_answer(self, c: cmds.Answer) -> None:
        op = pj.CallOpParam(True)
        op.statusCode = c.code
        self._pj_call(c.call).answer(op)

    def cmd_set_availability(self, c: cmds.SetAvailability) -> None:
        if c.available != self.available:
            log.info("seat %s: incoming calls %s", "available" if c.available else
                     "not available", "ring" if c.available else "are answered 480")  # fmt: skip
        self.available = c.available

    def cmd_reject(self, c: cmds.Reject) -> None:
        op = pj.CallOpParam(True)
        op.statusCode = c.code
        self._pj_call(c.call).hangup(op)

    def cmd_redirect(self, c: cmds.Redirect) -> None:
        """302 with the target as Contact (a pickup): the proxy follows it, the caller's
        INVITE keeps its identity, so every seat logs the same call."""
        target = c.target
        if not target.startswith(("sip:", "sips:")):
            target = self._uri_for(target, self.transfer_domain)
        op = pj.CallOpParam(True)
        op.statusCode = REDIRECT
        op.reason = "Moved Temporarily"
        contact = pj.SipHeader()
        contact.hName = "Contact"
        contact.hValue = f"<{target}>"
        op.txOption.headers.append(contact)
        self._pj_call(c.call).answer(op)

    def cmd_hangup(self, c: cmds.Hangup) -> None:
        self._pj_call(c.call).hangup(pj.CallOpParam(True))

    def cmd_hold(self, c: cmds.Hold) -> None:
        self._pj_call(c.call).setHold(pj.CallOpParam(True))

    def cmd_unhold(self, c: cmds.Unhold) -> None:
        op = pj.CallOpParam(True)
        op.opt.flag = pj.PJSUA_CALL_UNHOLD
        self._pj_call(c.call).reinvite(op)

    def cmd_mute(self, c: cmds.Mute) -> None:
        slot = self._slot(c.call)
        slot.muted = bool(c.on)
        self.connect_audio(slot)
        self.emit_media(slot)

    def cmd_dtmf(self, c: cmds.SendDtmf) -> None:
        digits = "".join(ch for ch in c.digits if ch in "0123456789*#ABCDabcd")
        if not digits:
            raise ValueError("no DTMF digits")
        pj_call = self._pj_call(c.call)
        if c.method == DtmfMethod.INFO:
            prm = pj.CallSendDtmfParam()
            prm.method = pj.PJSUA_DTMF_METHOD_SIP_INFO
            prm.digits = digits
            pj_call.sendDtmf(prm)
        else:
            pj_call.dialDtmf(digits)

    def cmd_transfer(self, c: cmds.Transfer) -> None:
        """Blind transfer: REFER the far end to ``uri``; hang up when it reports success."""
        uri = c.uri
        if not uri.startswith(("sip:", "sips:", "tel:")):
            uri = self._uri_for(uri, self.transfer_domain)
        self._pj_call(c.call).xfer(uri, pj.CallOpParam(True))

    def cmd_transfer_attended(self, c: cmds.TransferAttended) -> None:
        """Connect the held caller ``call`` with the consulted party ``consult`` (Replaces)."""
        target = self._pj_call(c.consult)
        self._pj_call(c.call).xferReplaces(target, pj.CallOpParam(True))

    def cmd_play_file(self, c: cmds.PlayFile) -> None:
        """Play a WAV into a call (announcements; the test peer speaks with it)."""
        slot = self._slot(c.call)
        player = pj.AudioMediaPlayer()
        player.createPlayer(c.path, pj.PJMEDIA_FILE_NO_LOOP)
        player.startTransmit(self.call_audio(slot))
        self._media_objects.append(player)
        slot.players.append(player)

    def cmd_record_file(self, c: cmds.RecordFile) -> None:
        slot = self._slot(c.call)
        recorder = pj.AudioMediaRecorder()
        recorder.createRecorder(c.path)
        self.call_audio(slot).startTransmit(recorder)
        self._media_objects.append(recorder)
        slot.recorders.append(recorder)

    def cmd_echo(self, c: cmds.Echo) -> None:
        """Send the far end's audio straight back inside pj: an echo test for the line,
        and the reference loop (no sound devices) for latency measurements."""
        slot = self._slot(c.call)
        slot.echo = bool(c.on)
        aud = self.call_audio(slot)
        if slot.echo:
            aud.startTransmit(aud)
        else:
            aud.stopTransmit(aud)

    def cmd_stop_files(self) -> None:
        for slot in self.calls.values():
            slot.players.clear()
            slot.recorders.clear()
        self._media_objects.clear()
