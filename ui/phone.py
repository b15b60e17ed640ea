"""The Qt face of the phone engine: events in as signals, commands out as methods.

The engine runs in its own process (DESIGN.md §3); this adapter starts it, folds its
events into a :class:`CallBoard`, and restarts it if it dies — the operator's open notes
live in this process and survive.

Call keys: the engine numbers its calls ``c1``, ``c2``… afresh in every process, so after
a crash a new call would reuse the key of an old page or note form. The adapter gives each
engine call a key on its first event, per engine generation, and every signal it emits
carries that key; commands are mapped back to the engine's id. An incoming call's key
comes from its INVITE's identity (Call-ID, From tag, CSeq: the same at every seat an
office rings, so they all log one row); outgoing calls get a UUID. When the engine dies,
every call it had is finished at once as "interrupted".

Answering an office call first claims it in the call log (``answer_claim``, run off the
GUI thread): the seat that loses does not answer, steps back and says who has the call.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Sequence

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal, Slot

from appenv import logs
from softphone import commands as cmds
from softphone import events as ev
from softphone.call_board import UNAVAILABLE_CODE, CallBoard
from softphone.engine_client import EngineProcess
from softphone.states import DtmfMethod
from ui import engine_messages
from ui.tasks import run_task

log = logs.get("ui")
#: How a seat that lost the answer claim leaves the fork: the proxy keeps the winner's 200.
STEP_BACK_CODE = 480


class CallKeys:
    """Engine call ids ↔ UI keys (UUIDs) for one engine process after another."""

    def __init__(self) -> None:
        self.generation = 0
        self._ui: dict[str, str] = {}  # engine id -> UI key, current engine only
        self._engine: dict[str, str] = {}  # UI key -> engine id, current engine only
        self._used: set[str] = set()  # every key given out, for the life of the UI

    def ui_key(self, engine_id: str, preferred: str = "") -> str:
        """The call's key; ``preferred`` (an INVITE's identity) unless already used here."""
        key = self._ui.get(engine_id)
        if key is None:
            if preferred and preferred not in self._used:
                key = preferred
            else:
                import uuid  # ~8 ms to load: at the first call, not before the window shows

                key = str(uuid.uuid4())
            self._used.add(key)
            self._ui[engine_id] = key
            self._engine[key] = engine_id
        return key

    def engine_id(self, ui_key: str) -> str | None:
        return self._engine.get(ui_key)

    def new_generation(self) -> int:
        """The engine died: none of its ids means anything any more."""
        self.generation += 1
        self._ui.clear()
        self._engine.clear()
        return self.generation

    def to_ui(self, event: ev.Event) -> ev.Event:
        if isinstance(event, ev.IncomingCall | ev.CallRefused):
            key = self.ui_key(event.call, event.info.identity_key())
            return dataclasses.replace(event, call=key)
        if isinstance(event, ev.CallEvent):
            return dataclasses.replace(event, call=self.ui_key(event.call))
        if isinstance(event, ev.EngineError) and event.call:
            return dataclasses.replace(event, call=self._ui.get(event.call, ""))
        return event

    def to_engine(self, command: cmds.Command) -> cmds.Command | None:
        """The command with engine ids; None if a call it names is gone."""
        changes: dict[str, str] = {}
        for name in ("call", "consult"):
            key = getattr(command, name, None)
            if key is None:
                continue
            engine_id = self.engine_id(key)
            if engine_id is None:
                return None
            changes[name] = engine_id
        return dataclasses.replace(command, **changes) if changes else command  # type: ignore[arg-type]


class PhoneAdapter(QObject):
    engine_event = Signal(object)  # every engine event (UI keys), on the GUI thread
    call_changed = Signal(object)  # BoardCall (state "disconnected" when it ended)
    call_finished = Signal(object)  # FinishedCall, for the history (also refused/interrupted)
    turned_away = Signal(object)  # FinishedCall of a call refused with 480: seat not available
    incoming = Signal(object)  # ev.IncomingCall with the UI key: an incoming call starts
    outgoing = Signal(object)  # ev.CallStarted with the UI key: an outgoing call starts
    registration_changed = Signal(object)  # ev.RegistrationState
    audio_changed = Signal(object)  # ev.AudioStatus | ev.EngineReady
    engine_state = Signal(str, str)  # "running"/"restarting"/"stopped", message
    error = Signal(str)  # technical text (kept for the status bar until mapped by kind)
    engine_error = Signal(object)  # ev.EngineError (UI key), to say it by its ``kind``
    call_taken = Signal(str, str)  # call key, who has it: another seat won the answer claim

    _from_reader = Signal(int, object)  # (engine generation, event)

    def __init__(self, engine_args: Sequence[str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.engine_args = list(engine_args)
        self.board = CallBoard()
        self.keys = CallKeys()
        self.ready: ev.EngineReady | None = None
        self.registration: ev.RegistrationState | None = None
        self._account: cmds.Register | None = None
        self.available = True  # whether incoming calls ring (see set_available)
        self._stopping = False
        self._restarts = 0
        #: (call key, epoch) -> None if this seat may answer, else who has the call; blocking
        self.answer_claim: Callable[[str, float], str | None] | None = None
        self._claiming: set[str] = set()
        self._from_reader.connect(self._on_event)  # queued: reader thread → GUI thread
        self.process = self._new_process()

    def _new_process(self) -> EngineProcess:
        generation = self.keys.generation

        def deliver(event: ev.Event) -> None:
            self._from_reader.emit(generation, event)

        return EngineProcess(deliver, self.engine_args)

    def start(self) -> None:
        self._stopping = False
        self.process.start()

    def stop(self) -> None:
        """Stop the engine (it hangs up) and deliver its last events, so no call is lost."""
        self._stopping = True
        self.process.stop()
        QCoreApplication.sendPostedEvents(self)

    # ---- commands -------------------------------------------------------------------
    def send(self, command: cmds.Command) -> None:
        mapped = self.keys.to_engine(command)
        if mapped is None:
            log.info("%s for a call that has ended; ignored", cmds.name_of(command))
            return
        try:
            self.process.send(mapped)
        except RuntimeError as exc:
            self.error.emit(str(exc))

    def register(self, registrar: str, username: str, password: str, transport: str) -> None:
        self._account = cmds.Register(registrar, username, password, transport)
        self.send(self._account)

    def unregister(self) -> None:
        self._account = None
        self.send(cmds.Unregister())

    def set_available(self, available: bool) -> None:
        """Let incoming calls ring, or have the engine answer them 480 at once (the seat is
        on a break, away, in wrap-up). Sent again to a restarted engine."""
        if available != self.available:
            self.available = available
            if self.process.running:  # else said at EngineReady
                self.send(cmds.SetAvailability(available))

    def dial(self, target: str, tag: str = "") -> None:
        self.send(cmds.Dial(target, tag))

    def answer(self, key: str) -> None:
        """Answer a ringing call — an office call once this seat has claimed it."""
        claim = self.answer_claim
        call = self.board.calls.get(key)
        if claim is None or call is None or not call.ringing:
            self._answer_now(key)
            return
        if key in self._claiming:
            return  # pressed twice: the first press is being claimed
        self._claiming.add(key)
        at = time.time()

        def claimed(holder: str | None) -> None:
            self._claimed(key, holder)

        def failed(exc: Exception) -> None:  # a bug in the claim: never leave a caller hanging
            log.error("answer claim for %s failed: %s; answering", key, exc)
            self._claimed(key, None)

        run_task(lambda: claim(key, at), claimed, failed, owner=self)

    def _claimed(self, key: str, holder: str | None) -> None:
        self._claiming.discard(key)
        call = self.board.calls.get(key)
        if call is None or not call.ringing:
            return  # ended meanwhile: the caller gave up, or a colleague's answer came first
        if holder is None:
            self._answer_now(key)
            return
        changed = self.board.mark_taken(key, holder)
        self.send(cmds.Reject(key, STEP_BACK_CODE))  # stop ringing here; the proxy decides
        if changed is not None:
            self.call_changed.emit(changed)
        self.call_taken.emit(key, holder)

    def _answer_now(self, key: str) -> None:
        for other in self.board.talking():  # call waiting: park the current call first
            if other.key != key and not other.local_hold:
                self.send(cmds.Hold(other.key))
        self.send(cmds.Answer(key))

    def redirect(self, key: str, target: str, colleague: str) -> bool:
        """Send the ringing call on to a colleague's seat (a pickup: ``302`` to ``target``,
        a SIP user); this seat's leg ends answered elsewhere, never missed — unless the
        caller hung up first (487: missed, as it was). False if the call no longer rings
        here."""
        call = self.board.calls.get(key)
        if call is None or not call.ringing or call.taken_by is not None:
            return False
        self.send(cmds.Redirect(key, target))  # the 302 ends it: answered elsewhere
        self.call_taken.emit(key, colleague)
        return True

    def reject(self, key: str, code: int = 486) -> None:
        self.board.mark_rejected(key)
        self.send(cmds.Reject(key, code))

    def hangup(self, key: str) -> None:
        self.send(cmds.Hangup(key))

    def hold(self, key: str, on: bool) -> None:
        self.send(cmds.Hold(key) if on else cmds.Unhold(key))

    def swap_to(self, key: str) -> None:
        """Resume ``key`` and hold every other talking call."""
        for other in self.board.talking():
            if other.key != key and not other.local_hold:
                self.send(cmds.Hold(other.key))
        self.send(cmds.Unhold(key))

    def mute(self, key: str, on: bool) -> None:
        self.send(cmds.Mute(key, on))

    def dtmf(self, key: str, digits: str, method: DtmfMethod = DtmfMethod.RFC4733) -> None:
        self.send(cmds.SendDtmf(key, digits, method))

    def transfer_blind(self, key: str, target: str) -> None:
        self.send(cmds.Transfer(key, target))

    def transfer_attended(self, key: str, consult_key: str) -> None:
        self.send(cmds.TransferAttended(key, consult_key))

    # ---- events ---------------------------------------------------------------------
    @Slot(int, object)
    def _on_event(self, generation: int, event: ev.Event) -> None:
        if generation != self.keys.generation:
            return  # a late line of an engine that has died and whose calls are finished
        if isinstance(event, ev.EngineExited):
            self._on_exit(event)
            return
        event = self.keys.to_ui(event)
        if isinstance(event, ev.EngineReady):
            self.ready = event
            self.engine_state.emit("running", event.local_uri)
            self.audio_changed.emit(event)
            if not self.available:  # before a (re)start it was said to the old engine
                self.send(cmds.SetAvailability(False))
            if self._account is not None:  # after a restart: register again
                self.send(self._account)
        elif isinstance(event, ev.RegistrationState):
            self.registration = event
            self.registration_changed.emit(event)
        elif isinstance(event, ev.AudioStatus):
            self.audio_changed.emit(event)
        elif isinstance(event, ev.EngineError):
            self.engine_error.emit(event)
            self.error.emit(engine_messages.describe(event))  # raw text: log only
        changed, finished = self.board.apply(event)
        if isinstance(event, ev.IncomingCall):
            self.incoming.emit(event)
        elif isinstance(event, ev.CallStarted):
            self.outgoing.emit(event)
        if changed is not None:
            self.call_changed.emit(changed)
        if finished is not None:
            if isinstance(event, ev.CallRefused) and event.code == UNAVAILABLE_CODE:
                self.turned_away.emit(finished)
            else:
                self.call_finished.emit(finished)
        self.engine_event.emit(event)

    def _on_exit(self, event: ev.EngineExited) -> None:
        self.keys.new_generation()
        interrupted = self.board.interrupt_all()
        for ended, finished in interrupted:
            self.call_changed.emit(ended)
            self.call_finished.emit(finished)
        if self._stopping or event.expected:
            self.engine_state.emit("stopped", "")
            return
        self._restarts += 1
        delay = min(10_000, 500 * 2 ** min(self._restarts, 5))
        log.error(
            "phone engine stopped (exit code %s; %d call(s) interrupted); restarting",
            event.returncode,
            len(interrupted),
        )
        self.engine_state.emit("restarting", f"exit code {event.returncode}")
        QTimer.singleShot(delay, self._restart)

    def _restart(self) -> None:
        if self._stopping:
            return
        self.process = self._new_process()
        self.process.start()


__all__ = ["PhoneAdapter"]
