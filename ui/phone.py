"""The Qt face of the phone engine: events in as signals, commands out as methods.

The engine runs in its own process (DESIGN.md §3); this adapter starts it, folds its
events into a :class:`CallBoard`, and restarts it if it dies — the operator's open notes
live in this process and survive.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal, Slot

from appenv import logs
from softphone import events as ev
from softphone.call_board import BoardCall, CallBoard, FinishedCall
from softphone.engine_client import EngineProcess

log = logs.get("ui")


class PhoneAdapter(QObject):
    engine_event = Signal(object)  # every engine event, on the GUI thread
    call_changed = Signal(object)  # BoardCall (state "disconnected" when it ended)
    call_finished = Signal(object)  # FinishedCall, for the history
    incoming = Signal(object)  # ev.IncomingCall
    registration_changed = Signal(object)  # ev.RegistrationState
    audio_changed = Signal(object)  # ev.AudioStatus | ev.EngineReady
    engine_state = Signal(str, str)  # "running"/"restarting"/"stopped", message
    error = Signal(str)

    _from_reader = Signal(object)

    def __init__(self, engine_args: Sequence[str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.engine_args = list(engine_args)
        self.board = CallBoard()
        self.ready: ev.EngineReady | None = None
        self.registration: ev.RegistrationState | None = None
        self._account: dict[str, object] | None = None
        self._stopping = False
        self._restarts = 0
        self._from_reader.connect(self._on_event)  # queued: reader thread → GUI thread
        self.process = EngineProcess(self._from_reader.emit, self.engine_args)

    def start(self) -> None:
        self._stopping = False
        self.process.start()

    def stop(self) -> None:
        """Stop the engine (it hangs up) and deliver its last events, so no call is lost."""
        self._stopping = True
        self.process.stop()
        QCoreApplication.sendPostedEvents(self)

    # ---- commands -------------------------------------------------------------------
    def send(self, cmd: str, **params: object) -> None:
        try:
            self.process.send(cmd, **params)
        except RuntimeError as exc:
            self.error.emit(str(exc))

    def register(self, registrar: str, username: str, password: str, transport: str) -> None:
        self._account = {
            "registrar": registrar,
            "username": username,
            "password": password,
            "transport": transport,
        }
        self.send("register", **self._account)

    def unregister(self) -> None:
        self._account = None
        self.send("unregister")

    def dial(self, target: str, tag: str = "") -> None:
        self.send("call", uri=target, tag=tag)

    def answer(self, key: str) -> None:
        for other in self.board.talking():  # call waiting: park the current call first
            if other.key != key and not other.local_hold:
                self.send("hold", call=other.key)
        self.send("answer", call=key)

    def reject(self, key: str, code: int = 486) -> None:
        self.board.mark_rejected(key)
        self.send("reject", call=key, code=code)

    def hangup(self, key: str) -> None:
        self.send("hangup", call=key)

    def hold(self, key: str, on: bool) -> None:
        self.send("hold" if on else "unhold", call=key)

    def swap_to(self, key: str) -> None:
        """Resume ``key`` and hold every other talking call."""
        for other in self.board.talking():
            if other.key != key and not other.local_hold:
                self.send("hold", call=other.key)
        self.send("unhold", call=key)

    def mute(self, key: str, on: bool) -> None:
        self.send("mute", call=key, on=on)

    def dtmf(self, key: str, digits: str, method: str = "rfc4733") -> None:
        self.send("dtmf", call=key, digits=digits, method=method)

    def transfer_blind(self, key: str, target: str) -> None:
        self.send("transfer", call=key, uri=target)

    def transfer_attended(self, key: str, consult_key: str) -> None:
        self.send("transfer_attended", call=key, consult=consult_key)

    # ---- events ---------------------------------------------------------------------
    @Slot(object)
    def _on_event(self, event: ev.Event) -> None:
        if isinstance(event, ev.EngineExited):
            self._on_exit(event)
            return
        if isinstance(event, ev.EngineReady):
            self.ready = event
            self.engine_state.emit("running", event.local_uri)
            self.audio_changed.emit(event)
            if self._account is not None:  # after a restart: register again
                self.send("register", **self._account)
        elif isinstance(event, ev.RegistrationState):
            self.registration = event
            self.registration_changed.emit(event)
        elif isinstance(event, ev.AudioStatus):
            self.audio_changed.emit(event)
        elif isinstance(event, ev.EngineError):
            self.error.emit(event.message)
        changed, finished = self.board.apply(event)
        if isinstance(event, ev.IncomingCall):
            self.incoming.emit(event)
        if changed is not None:
            self.call_changed.emit(changed)
        if finished is not None:
            self.call_finished.emit(finished)
        self.engine_event.emit(event)

    def _on_exit(self, event: ev.EngineExited) -> None:
        for call in list(self.board.calls.values()):
            self.board.calls.pop(call.key, None)
            self.call_changed.emit(
                BoardCall(call.key, call.direction, call.remote_uri, call.info, "disconnected")
            )
        if self._stopping or event.expected:
            self.engine_state.emit("stopped", "")
            return
        self._restarts += 1
        delay = min(10_000, 500 * 2 ** min(self._restarts, 5))
        log.error("phone engine stopped (exit code %s); restarting", event.returncode)
        self.engine_state.emit("restarting", f"exit code {event.returncode}")
        QTimer.singleShot(delay, self._restart)

    def _restart(self) -> None:
        if self._stopping:
            return
        self.process = EngineProcess(self._from_reader.emit, self.engine_args)
        self.process.start()


__all__ = ["BoardCall", "FinishedCall", "PhoneAdapter"]
