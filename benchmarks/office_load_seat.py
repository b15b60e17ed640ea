"""A headless seat for the office load benchmark: what the window does with its calls,
driven by a simulated operator on a thread of its own.

It folds its engine's events into a call board and the call journal as
:class:`tests.office.conftest.Seat` does (a call turned away with 480 opens its row and is
closed as missed if no seat rang it, by a sweep every :data:`SWEEP_S` as the window's),
keeps its seat state with :class:`office.seat_states.SeatStates` (written through a
:class:`SeatWriter`, and ``SetAvailability`` sent whenever that changes whether calls may
ring — what :class:`ui.seat_control.SeatControl` does), and answers the oldest call
ringing here after a human delay *through the answer claim* — stepping back with 480 when
a colleague has it — then hangs up after a talk time. A seat in a call takes no other.
"""

from __future__ import annotations

import random
import threading
import time
from dataclasses import dataclass, field

from clients.call_journal import CallJournal
from office.seat_states import SeatStates, SeatWriter
from softphone import commands as cmds
from softphone import events as ev
from softphone.call_board import UNAVAILABLE_CODE
from softphone.states import CallState
from storage.interfaces import Database
from tests.fixtures.sip import Phone
from tests.office.conftest import Seat
from ui.main_window import TURNED_AWAY_SWEEP_MS

SWEEP_S = TURNED_AWAY_SWEEP_MS / 1000


@dataclass(frozen=True)
class Operator:
    """How the simulated operator behaves: seconds, uniformly drawn from these ranges."""

    answer_delay: tuple[float, float] = (1.0, 6.0)
    talk_time: tuple[float, float] = (5.0, 20.0)


@dataclass
class SeatCounts:
    """What one seat did, for the benchmark's figures."""

    confirmed: list[str] = field(default_factory=list)  # call keys answered here (CONFIRMED)
    claims_won: int = 0
    claims_lost: int = 0
    gone_before_claim: int = 0  # the call stopped ringing here before the operator pressed
    turned_away: int = 0  # 480 from the engine: the seat was in a call
    refused_other: int = 0  # another refusal (486: every line of the engine busy)
    errors: list[str] = field(default_factory=list)


class LoadSeat(Seat):
    """One seat of the office under load (see the module)."""

    def __init__(
        self, name: str, phone: Phone, db: Database, operator: Operator, seed: int
    ) -> None:
        journal = CallJournal(db.calls, self._client_for, name, lambda: name)
        super().__init__(name, phone, journal)
        self.db = db
        self.operator = operator
        self.random = random.Random(seed)
        self.counts = SeatCounts()
        self.writer = SeatWriter(db.seats, db.changes)
        self.states = SeatStates(name, name, name, self.writer, office=True)
        self._available = True  # what the engine was last told
        self.states.subscribe(lambda status: self._tell_engine())
        self._intent: tuple[str, float] | None = None  # (call key, press answer at)
        self._current: str | None = None  # the call this seat claimed and answered
        self._hangup_at: float | None = None
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"seat-{name}", daemon=True)

    def _client_for(self, info: object) -> int | None:
        """The call's client, looked up as the window's pop does."""
        candidates = list(info.client_candidates())  # type: ignore[attr-defined]
        client = self.db.clients.find_client_by_numbers(candidates)
        return client.id if client is not None else None

    # ---- running ------------------------------------------------------------------------
    def start(self) -> None:
        self.states.start(None, [])
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(10)
        self.states.log_out()
        self.writer.flush(5)
        self.writer.close(0.5)

    @property
    def idle(self) -> bool:
        """No call on this seat's board (ringing or up)."""
        return not self.board.calls

    def _run(self) -> None:
        next_sweep = time.monotonic() + SWEEP_S
        while not self._stop.is_set():
            try:
                self.pump()
                self._act(time.monotonic())
                if time.monotonic() >= next_sweep:
                    next_sweep += SWEEP_S
                    self.journal.close_turned_away(time.time())
            except Exception as exc:  # a figure, not a crash: the run goes on
                self.counts.errors.append(repr(exc))
            time.sleep(0.02)

    def _tell_engine(self) -> None:
        available = self.states.accepts_calls()
        if available != self._available:
            self._available = available
            self.phone.send(cmds.SetAvailability(available))

    # ---- the window's routing of engine events -------------------------------------------
    def pump(self) -> None:
        events = self.phone.log.events
        while self._seen < len(events):
            event = self.keys.to_ui(events[self._seen])
            self._seen += 1
            changed, finished = self.board.apply(event)
            if changed is not None and changed.state != CallState.DISCONNECTED:
                self.journal.started(changed)
                self.journal.answered(changed)
                if changed.state == CallState.CONFIRMED:
                    if changed.key not in self.counts.confirmed:
                        self.counts.confirmed.append(changed.key)
                    self.states.call_connected(changed.key)
            if finished is None:
                continue
            if isinstance(event, ev.CallRefused):
                if event.code == UNAVAILABLE_CODE:  # in a call: as the window does
                    self.counts.turned_away += 1
                    self.journal.turned_away(finished)
                    continue
                self.counts.refused_other += 1
            self.finished.append((finished, self.journal.finished(finished)))
            self.states.call_ended(finished.key, 0)

    # ---- the operator ----------------------------------------------------------------------
    def _act(self, now: float) -> None:
        if self._current is not None:
            self._talk(now)
            return
        if self._intent is None:
            waiting = [c for c in self.board.ringing() if c.taken_by is None]
            if waiting:
                oldest = min(waiting, key=lambda c: c.started_at)
                self._intent = (oldest.key, now + self.random.uniform(*self.operator.answer_delay))
            return
        key, due = self._intent
        if now < due:
            return
        self._intent = None
        call = self.board.calls.get(key)
        if call is None or not call.ringing or call.taken_by is not None:
            self.counts.gone_before_claim += 1
            return
        if self.press_answer(key) is None:
            self.counts.claims_won += 1
            self._current, self._hangup_at = key, None
        else:
            self.counts.claims_lost += 1

    def _talk(self, now: float) -> None:
        key = self._current
        assert key is not None
        call = self.board.calls.get(key)
        if call is None or call.state == CallState.DISCONNECTED:
            self._current = None  # ended (hung up, or the caller gave up meanwhile)
            return
        if call.state != CallState.CONFIRMED:
            return
        if self._hangup_at is None:
            self._hangup_at = now + self.random.uniform(*self.operator.talk_time)
        elif now >= self._hangup_at:
            engine_id = self.keys.engine_id(key)
            if engine_id is not None:
                self.phone.send(cmds.Hangup(call=engine_id))
            self._hangup_at = float("inf")  # sent once; the BYE's answer ends the call
