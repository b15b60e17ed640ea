"""This seat's state in the app: the rules of :mod:`office.seat_states` wired to the phone.

:class:`SeatControl` tells the seat what happens (a call answered, a call ended with its
client's wrap-up seconds, the operator's choice, quitting), tells the engine whether
calls may ring (``SetAvailability``), ends a wrap-up on time, and writes every change
through the seat's own writer thread (PostgreSQL is never waited for on the GUI thread).
Changes come back as ``changed(SeatStatus)`` on the GUI thread.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from appenv import logs
from appenv.settings import Settings
from appenv.times import utc_now
from office.model import SeatLogEntry, SeatStatus
from office.seat_identity import seat_id, seat_name
from office.seat_states import SeatStates, SeatWriter
from storage.interfaces import Database
from ui.phone import PhoneAdapter
from ui.tasks import run_task

log = logs.get("ui")


class SeatControl(QObject):
    changed = Signal(object)  # SeatStatus, after every change of this seat
    _from_writer = Signal(object)

    def __init__(
        self,
        db: Database,
        phone: PhoneAdapter,
        settings: Settings,
        operator: str,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.phone = phone
        self.writer = SeatWriter(db.seats, db.changes)
        seat = seat_id(settings)
        sip_user = str(settings.get("sip.username") or "") if db.office else ""
        self.seat = SeatStates(seat, seat_name(operator), operator, self.writer,
                               office=db.office, sip_user=sip_user)  # fmt: skip
        self.seat.subscribe(self._from_writer.emit)  # changes happen on the GUI thread
        self._from_writer.connect(self._on_change)
        self._wrap_up = QTimer(self)
        self._wrap_up.setSingleShot(True)
        self._wrap_up.timeout.connect(self._wrap_up_over)
        self.started = False
        self._closed = False

    @property
    def status(self) -> SeatStatus:
        return self.seat.status

    def start(self) -> None:
        """Restore the stored state (read off the GUI thread), then take calls as it says."""
        seats, key = self.db.seats, self.seat.seat

        def read() -> tuple[SeatStatus | None, list[SeatLogEntry]]:
            return seats.seat_state(key), seats.last_states(key)

        def restore(found: tuple[SeatStatus | None, list[SeatLogEntry]]) -> None:
            if self._closed:
                return
            previous, history = found
            self.started = True
            self.seat.start(previous, history)

        def unreadable(exc: Exception) -> None:
            log.info("seat state not restored (%s): starting available", exc)
            restore((None, []))

        run_task(read, restore, unreadable, owner=self)

    # ---- what happens ----------------------------------------------------------------
    @property
    def live(self) -> bool:
        """Restored and not logged out: changes may happen."""
        return self.started and not self._closed

    def set_available(self) -> None:
        if self.live:
            self.seat.set_available()

    def take_break(self, reason: str) -> None:
        if self.live:
            self.seat.take_break(reason)

    def go_away(self) -> None:
        if self.live:
            self.seat.go_away()

    def call_connected(self, key: str) -> None:
        if self.live:
            self.seat.call_connected(key)

    def call_ended(self, key: str, client_id: int | None) -> None:
        """A call ended: its client's wrap-up time is read (off the GUI thread) first."""
        if not self.live:
            return
        if client_id is None:
            self.seat.call_ended(key, 0)
            return
        seats = self.db.seats

        def fallback(exc: Exception) -> None:
            log.info("wrap-up time of client %s not read (%s): none", client_id, exc)
            if self.live:
                self.seat.call_ended(key, 0)

        def ended(seconds: int) -> None:
            if self.live:
                self.seat.call_ended(key, int(seconds))

        run_task(lambda: seats.wrap_up_seconds(client_id), ended, fallback, owner=self)

    def log_out(self, timeout: float = 3.0) -> None:
        """Quitting: the seat is logged out and every change is written (bounded wait)."""
        if self._closed:
            return
        self._closed = True
        self._wrap_up.stop()
        if self.started:
            self.seat.log_out()
        if not self.writer.flush(timeout):
            log.info("%d seat state change(s) not written: the database is unreachable",
                     self.writer.waiting)  # fmt: skip
        self.writer.close(0.5)

    # ---- reactions -------------------------------------------------------------------
    @Slot(object)
    def _on_change(self, status: SeatStatus) -> None:
        self.phone.set_available(self.seat.accepts_calls())
        self._wrap_up.stop()
        if status.until is not None:
            left = (status.until - utc_now()) / dt.timedelta(milliseconds=1)
            self._wrap_up.start(max(0, int(left)))
        self.changed.emit(status)

    def _wrap_up_over(self) -> None:
        if not self.live:
            return
        self.seat.tick()
        if self.seat.status.until is not None:  # the timer fired a little early
            self._wrap_up.start(50)
