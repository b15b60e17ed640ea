"""A seat's state and every change of it: the rules, without Qt and without SQL.

States (:class:`~office.model.SeatState`): answering a call makes an available seat
*in call*; when its last call ends it is in *wrap-up* for the client's wrap-up seconds
(0: straight back to *available*) and then available again by itself (:meth:`tick`);
the operator chooses *available*, *break* (with a reason) or *away*; quitting the app
logs the seat out. A break or away outlasts calls the operator makes meanwhile.

Which seats ring (:meth:`SeatStates.accepts_calls`): an available seat; a seat in a call
only on a single seat (call waiting, as without seat states) — in an office, the other
seats take the next call. Wrap-up, break, away and logged out never ring.

A restart restores the state (:func:`restored`): a break stays a break, away stays away;
a seat that stopped during a call (a crash, or quitting with a call up) comes back
available, a wrap-up that has not run out yet continues. Every change — the restore too —
is one :class:`~office.model.SeatLogEntry`, written together with the seat's row through
``persist``; the supervisor's figures read wrap-up and break times from that log.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import queue
import threading
from collections.abc import Callable, Sequence

from appenv import logs
from appenv.times import utc_now
from office.model import SeatLogEntry, SeatState, SeatStatus
from storage.changes import SEATS, ChangeHub, Changes
from storage.errors import StoreUnavailable
from storage.interfaces import SeatStore

log = logs.get("office")

#: Reasons offered for a break (English source; the UI translates, free text is allowed).
BREAK_REASONS = ("Lunch", "Short break", "Meeting", "Training")
RESTORED_AFTER_CALL = "restored: the app stopped during a call"
RINGING_STATES = frozenset({SeatState.AVAILABLE})

Persist = Callable[[SeatStatus, SeatLogEntry | None], None]
Listener = Callable[[SeatStatus], None]


def restored(
    previous: SeatStatus | None,
    history: Sequence[SeatLogEntry],
    operator: str,
    now: dt.datetime,
) -> tuple[SeatState, str, dt.datetime | None]:
    """(state, reason, until) a seat starts in, from its stored row and its latest log
    entries (newest first). A clean quit left the row *logged out*: the state before it
    (from the log) counts. Another operator at the seat starts available."""
    if previous is None:
        return SeatState.AVAILABLE, "", None
    state, reason, until, who = previous.state, previous.reason, previous.until, previous.operator
    if state == SeatState.LOGGED_OUT:
        before = next((e for e in history if e.state != SeatState.LOGGED_OUT), None)
        if before is None:
            return SeatState.AVAILABLE, "", None
        state, reason, until, who = before.state, before.reason, None, before.operator
    if who != operator:
        return SeatState.AVAILABLE, "", None
    if state == SeatState.IN_CALL:
        return SeatState.AVAILABLE, RESTORED_AFTER_CALL, None
    if state == SeatState.WRAP_UP:
        if until is not None and until > now:
            return SeatState.WRAP_UP, reason, until
        return SeatState.AVAILABLE, "", None
    if state in (SeatState.BREAK, SeatState.AWAY):
        return state, reason, None
    return SeatState.AVAILABLE, "", None


class SeatStates:
    """The state of this seat; tell it what happens, it decides and persists the change."""

    def __init__(
        self,
        seat: str,
        seat_name: str,
        operator: str,
        persist: Persist,
        *,
        office: bool,
        sip_user: str = "",
        clock: Callable[[], dt.datetime] = utc_now,
    ) -> None:
        """``sip_user``: the seat's user at the office SIP server (colleagues transfer to
        it and pick calls up there)."""
        self.seat = seat
        self.sip_user = sip_user
        self.seat_name = seat_name
        self.operator = operator
        self.office = office
        self._persist = persist
        self._clock = clock
        self._calls: list[str] = []  # keys of the calls up, oldest first
        self._listeners: list[Listener] = []
        self.status = SeatStatus(
            seat, seat_name, operator, SeatState.LOGGED_OUT, clock(), sip_user=sip_user
        )

    def subscribe(self, listener: Listener) -> None:
        """``listener(status)`` after every change (on the thread that caused it)."""
        self._listeners.append(listener)

    @property
    def state(self) -> SeatState:
        return self.status.state

    def accepts_calls(self) -> bool:
        """Whether a new incoming call may ring here (see the module's rules)."""
        if self.state in RINGING_STATES:
            return True
        return self.state == SeatState.IN_CALL and not self.office

    # ---- what happens ----------------------------------------------------------------
    def start(self, previous: SeatStatus | None, history: Sequence[SeatLogEntry]) -> SeatStatus:
        """The app starts (or an operator logs in): restore what the store remembers."""
        state, reason, until = restored(previous, history, self.operator, self._clock())
        if reason == RESTORED_AFTER_CALL:
            log.info("seat %s stopped during a call last time: back as available", self.seat)
        return self._change(state, reason, until=until)

    def set_available(self) -> SeatStatus:
        return self._change(SeatState.AVAILABLE)

    def take_break(self, reason: str) -> SeatStatus:
        return self._change(SeatState.BREAK, reason.strip())

    def go_away(self) -> SeatStatus:
        return self._change(SeatState.AWAY)

    def log_out(self) -> SeatStatus:
        return self._change(SeatState.LOGGED_OUT)

    def call_connected(self, key: str) -> SeatStatus:
        """A call at this seat is up (answered, or an outgoing call answered)."""
        if key not in self._calls:
            self._calls.append(key)
        if self.state in (SeatState.AVAILABLE, SeatState.WRAP_UP):
            return self._change(SeatState.IN_CALL, call_key=key)
        return self.status

    def call_ended(self, key: str, wrap_up_s: int = 0) -> SeatStatus:
        """A call ended; ``wrap_up_s``: its client's wrap-up time."""
        was_up = key in self._calls
        if was_up:
            self._calls.remove(key)
        if self.state != SeatState.IN_CALL or not was_up:
            return self.status
        if self._calls:  # another call is still up: still in a call, now that one
            return self._change(SeatState.IN_CALL, call_key=self._calls[0], log_it=False)
        if wrap_up_s > 0:
            until = self._clock() + dt.timedelta(seconds=wrap_up_s)
            return self._change(SeatState.WRAP_UP, until=until, call_key=key)
        return self._change(SeatState.AVAILABLE)

    def tick(self, now: dt.datetime | None = None) -> SeatStatus:
        """A wrap-up that has run out ends: available again."""
        now = now or self._clock()
        until = self.status.until
        if self.state == SeatState.WRAP_UP and until is not None and now >= until:
            return self._change(SeatState.AVAILABLE)
        return self.status

    def ringing_alone(self, key: str | None) -> SeatStatus:
        """The call now ringing at this seat alone (``None``: none): colleagues see it and
        may pick it up. Written with the seat's row, not logged (not a change of state)."""
        if key == self.status.ringing_key or (key is not None and not self.live):
            return self.status
        self.status = dataclasses.replace(self.status, ringing_key=key)
        self._announce(None)
        return self.status

    @property
    def live(self) -> bool:
        """Started and not logged out: a ringing call may be published."""
        return self.state != SeatState.LOGGED_OUT

    def rename(self, operator: str, seat_name: str) -> None:
        """Another operator logged in at this seat (the next change names them)."""
        self.operator, self.seat_name = operator, seat_name

    # ---- the change ------------------------------------------------------------------
    def _change(
        self,
        state: SeatState,
        reason: str = "",
        *,
        until: dt.datetime | None = None,
        call_key: str | None = None,
        log_it: bool = True,
    ) -> SeatStatus:
        now = self._clock()
        since = self.status.since if not log_it else now
        ringing = None if state == SeatState.LOGGED_OUT else self.status.ringing_key
        self.status = SeatStatus(
            self.seat, self.seat_name, self.operator, state, since, reason, until, call_key,
            self.sip_user, ringing,
        )  # fmt: skip
        entry = SeatLogEntry(now, self.seat, self.operator, state, reason) if log_it else None
        self._announce(entry)
        return self.status

    def _announce(self, entry: SeatLogEntry | None) -> None:
        self._persist(self.status, entry)
        for listener in list(self._listeners):
            listener(self.status)


class SeatWriter:
    """Writes a seat's changes in order on a thread of its own (PostgreSQL may be slow or
    away: the GUI never waits for it). While the database is unreachable the changes wait
    here and are written when a later write, :meth:`retry` or :meth:`flush` gets through —
    or, given the database's ``hub``, as soon as it is back (after a reconnect the office
    database announces every table): the log stays complete, the row ends up with the
    latest state."""

    _RETRY = "retry"

    def __init__(self, store: SeatStore, hub: ChangeHub | None = None) -> None:
        self._store = store
        self._unsubscribe = hub.subscribe(self._changed) if hub is not None else None
        self._queue: queue.Queue[tuple[SeatStatus, SeatLogEntry | None] | str | None] = (
            queue.Queue()
        )
        self._waiting: list[tuple[SeatStatus, SeatLogEntry | None]] = []
        self._idle = threading.Condition()
        self._busy = 0
        self._thread = threading.Thread(target=self._run, name="seat-writer", daemon=True)
        self._thread.start()

    def __call__(self, status: SeatStatus, entry: SeatLogEntry | None) -> None:
        self._put((status, entry))

    def _changed(self, changes: Changes) -> None:
        """Any thread: seats announced (a reconnect, or a write) while changes wait."""
        if changes.touches(SEATS) and self._waiting:
            self.retry()

    def retry(self) -> None:
        """The database is back: write what waited (on the writer's thread)."""
        self._put(self._RETRY)

    def _put(self, item: tuple[SeatStatus, SeatLogEntry | None] | str) -> None:
        with self._idle:
            self._busy += 1
        self._queue.put(item)

    def _run(self) -> None:
        while (item := self._queue.get()) is not None:
            try:
                if not isinstance(item, str):
                    self._waiting.append(item)
                self._write_waiting()
            finally:
                with self._idle:
                    self._busy -= 1
                    self._idle.notify_all()

    def _write_waiting(self) -> None:
        while self._waiting:
            status, entry = self._waiting[0]
            try:
                self._store.put_seat_state(status, entry)
            except StoreUnavailable as exc:
                log.info("seat state kept until the database is back: %s", exc.detail)
                return
            except Exception:
                log.exception("seat state %s could not be written; dropped", status.state)
            self._waiting.pop(0)

    @property
    def waiting(self) -> int:
        """Changes not written yet (the database was unreachable)."""
        return len(self._waiting)

    def flush(self, timeout: float = 5.0) -> bool:
        """Try what waits once more and wait until every change handed in so far was tried;
        True if none is left over."""
        if self._waiting:
            self.retry()
        with self._idle:
            self._idle.wait_for(lambda: self._busy == 0, timeout)
        return not self._waiting

    def close(self, timeout: float = 5.0) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()
        self.flush(timeout)
        self._queue.put(None)
        self._thread.join(timeout)
