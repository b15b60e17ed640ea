"""The colleagues: every seat of the office, its operator, state since when, and the call
it is on ("talking to <caller> for <client>") when the call log shows one.

Read through the store off the GUI thread (an office database may be slow or away) and
read again whenever seats or calls change — here or, through the office database's
notifications, on any other seat.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from appenv import logs
from office.model import ColleagueSeat
from storage.changes import CALLS, SEATS, Changes
from storage.interfaces import SeatStore
from ui.seat_words import reason_text, since_text, state_text
from ui.tasks import run_task

log = logs.get("ui")


class ColleaguesView(QTableWidget):
    shown_changed = Signal()  # the rows were read again (a selected seat stays selected)

    def __init__(self, seats: SeatStore, own_seat: str = "", parent: QWidget | None = None) -> None:
        super().__init__(0, 4, parent)
        self.setObjectName("colleagues")
        self.seats = seats
        self.own_seat = own_seat
        self.shown: list[ColleagueSeat] = []
        self._reading = False
        self._again = False
        self.setHorizontalHeaderLabels(
            [self.tr("Seat"), self.tr("State"), self.tr("Since"), self.tr("Call")]
        )
        self.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.verticalHeader().setVisible(False)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)

    def on_database_changed(self, changes: Changes) -> None:
        if changes.touches(SEATS, CALLS):
            self.refresh()

    def refresh(self) -> None:
        """Read every seat again (one read at a time; a change meanwhile reads once more)."""
        if self._reading:
            self._again = True
            return
        self._reading = True
        seats = self.seats
        run_task(seats.colleague_seats, self._show, self._failed, owner=self)

    def _failed(self, exc: Exception) -> None:
        log.info("colleagues not read: %s", exc)
        self._read_done()

    def _show(self, found: Sequence[ColleagueSeat]) -> None:
        chosen = self.selected_colleague()
        self.shown = list(found)
        self.setRowCount(0)
        for colleague in self.shown:
            self._append(colleague)
        if chosen is not None:
            self.select_seat(chosen.status.seat)
        self._read_done()
        self.shown_changed.emit()

    def selected_colleague(self) -> ColleagueSeat | None:
        row = self.currentRow()
        return self.shown[row] if 0 <= row < len(self.shown) else None

    def select_seat(self, seat: str) -> bool:
        for row, colleague in enumerate(self.shown):
            if colleague.status.seat == seat:
                self.setCurrentCell(row, 0)
                return True
        return False

    def _read_done(self) -> None:
        self._reading = False
        if self._again:
            self._again = False
            self.refresh()

    def call_text(self, colleague: ColleagueSeat) -> str:
        if not colleague.caller and not colleague.client:
            if colleague.can_pick_up:  # rings there alone: a colleague may pick it up
                caller = colleague.ringing_caller or self.tr("an unknown caller")
                return self.tr("ringing: {0}").format(caller)
            return ""
        caller = colleague.caller or self.tr("an unknown caller")
        if colleague.client:
            return self.tr("talking to {0} for {1}").format(caller, colleague.client)
        return self.tr("talking to {0}").format(caller)

    def _append(self, colleague: ColleagueSeat) -> None:
        status = colleague.status
        row = self.rowCount()
        self.insertRow(row)
        state = state_text(status.state)
        if status.reason:
            state += f" ({reason_text(status.reason)})"
        name = status.seat_name or status.seat
        if status.seat == self.own_seat:
            name = self.tr("{0} (this seat)").format(name)
        for column, text in enumerate(
            (name, state, since_text(status.since), self.call_text(colleague))
        ):
            item = QTableWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, status.seat)
            self.setItem(row, column, item)
