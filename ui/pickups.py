"""Pickups at this seat: publish the call ringing here alone, send it on when a colleague
asks for it, ask a colleague's seat for its call and answer it when it arrives.

The rules and the store calls are :mod:`office.pickup`'s; this wires them to the phone and
to the database's change announcements. Every store call runs off the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from appenv import logs
from office.model import ColleagueSeat, PickupRequest
from office.pickup import PickupDesk, PickupRefused, ringing_alone
from softphone.call_board import BoardCall
from storage.changes import PICKUPS, Changes
from storage.interfaces import SeatStore
from ui.phone import PhoneAdapter
from ui.seat_control import SeatControl
from ui.tasks import run_task

log = logs.get("ui")


class PickupControl(QObject):
    refused = Signal(object)  # PickupRefused: said calmly in the colleagues view

    def __init__(
        self,
        phone: PhoneAdapter,
        seat: SeatControl,
        seats: SeatStore,
        operator: Callable[[], str],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.phone = phone
        self.seat = seat
        states = seat.seat
        self.desk = PickupDesk(seats, states.seat, states.sip_user, operator)
        self.expecting: set[str] = set()  # keys of calls asked for: answered when they ring
        self._reading = False
        self._again = False
        # after the window's own slot: the call's log row is open when it is answered
        phone.call_changed.connect(self._calls_changed)

    # ---- the ringing seat ------------------------------------------------------------
    def _calls_changed(self, call: BoardCall | None = None) -> None:
        key = ringing_alone(self.phone.board.calls.values(), self.desk.sip_user)
        if self.seat.live:
            self.seat.seat.ringing_alone(key)
        if call is not None:
            self._answer_if_here(call.key)

    def on_database_changed(self, changes: Changes) -> None:
        if changes.touches(PICKUPS):
            self.read_requests()

    def use_seat(self, seat: SeatControl) -> None:
        """Another operator signed in at this seat: its new state publishes the calls."""
        self.seat = seat

    def read_requests(self) -> None:
        """Read the colleagues' requests for calls ringing here (one read at a time)."""
        if not self.desk.sip_user:
            return
        if self._reading:
            self._again = True
            return
        self._reading = True
        run_task(self.desk.requests, self._serve, self._read_failed, owner=self)

    def _read_failed(self, exc: Exception) -> None:
        log.info("pickup requests not read: %s", exc)
        self._read_done()

    def _serve(self, requests: list[PickupRequest]) -> None:
        settled = []
        for request in requests:
            sent = self.phone.redirect(request.call_key, request.to_user, request.operator)
            if sent:
                log.info("call %s sent on to %s (pickup)", request.call_key, request.to_user)
            settled.append((request, sent))
        desk = self.desk

        def settle() -> None:
            for request, sent in settled:
                desk.settle(request, sent)

        if settled:
            run_task(settle, None, self._settle_failed, owner=self)
        self._read_done()

    def _settle_failed(self, exc: Exception) -> None:
        log.info("pickup request not settled: %s", exc)

    def _read_done(self) -> None:
        self._reading = False
        if self._again:
            self._again = False
            self.read_requests()

    # ---- the picking seat ------------------------------------------------------------
    def pick_up(self, colleague: ColleagueSeat) -> None:
        """Ask ``colleague``'s seat for the call ringing there; it rings here next and is
        answered at once."""
        desk = self.desk

        def done(request: PickupRequest) -> None:
            self.expecting.add(request.call_key)
            self._answer_if_here(request.call_key)

        def failed(exc: Exception) -> None:
            if isinstance(exc, PickupRefused):
                self.refused.emit(exc)
            else:
                log.info("pickup not asked for: %s", exc)
                self.refused.emit(PickupRefused(str(exc)))

        run_task(lambda: desk.ask(colleague), done, failed, owner=self)

    def _answer_if_here(self, key: str) -> None:
        call = self.phone.board.calls.get(key)
        if key in self.expecting and call is not None and call.ringing:
            self.expecting.discard(key)
            log.info("call %s picked up here: answering", key)
            self.phone.answer(key)
