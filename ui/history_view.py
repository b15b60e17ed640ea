"""The call history: newest first; double-click calls back, Enter reopens the call's page."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from clients.model import CallRecord, Direction
from ui.common_words import outcome_text


class HistoryView(QTableWidget):
    call_back = Signal(str)
    reopen_requested = Signal(object)  # CallRecord: its pop and note again (Enter)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 5, parent)
        self.setObjectName("history")
        self.setHorizontalHeaderLabels(
            [
                self.tr("Time"),
                self.tr("Direction"),
                self.tr("Caller / callee"),
                self.tr("Duration"),
                self.tr("Outcome"),
            ]
        )
        self.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.verticalHeader().setVisible(False)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.cellDoubleClicked.connect(self._double_clicked)
        self._numbers: list[str] = []
        self._records: list[CallRecord] = []
        self.setToolTip(self.tr("Enter: open the call's page again · double-click: call back"))

    def show_calls(self, calls: Sequence[CallRecord]) -> None:
        self.setRowCount(0)
        self._numbers = []
        self._records = []
        for record in calls:
            self._append(record)

    def prepend(self, record: CallRecord) -> None:
        self.insertRow(0)
        self._numbers.insert(0, record.caller_number or "")
        self._records.insert(0, record)
        self._fill(0, record)

    def _append(self, record: CallRecord) -> None:
        row = self.rowCount()
        self.insertRow(row)
        self._numbers.append(record.caller_number or "")
        self._records.append(record)
        self._fill(row, record)

    def _fill(self, row: int, record: CallRecord) -> None:
        local = record.started_at.astimezone()
        when = (
            local.strftime("%d.%m. %H:%M")
            if local.date() != dt.date.today()
            else local.strftime("%H:%M")
        )
        who = record.caller_number or ""
        if record.caller_name:
            who = f"{record.caller_name} ({who})" if who else record.caller_name
        duration = f"{int(record.duration_s or 0) // 60}:{int(record.duration_s or 0) % 60:02d}"
        direction = (
            "⬇ " + self.tr("in") if record.direction == Direction.IN else "⬆ " + self.tr("out")
        )
        # busy-refused, failed and interrupted calls are missed calls too: a caller waits
        missed = record.outcome is not None and record.outcome.missed
        for col, text in enumerate((when, direction, who, duration, outcome_text(record.outcome))):
            item = QTableWidgetItem(text)
            if col == 4 and missed:
                item.setForeground(Qt.GlobalColor.red)
            self.setItem(row, col, item)

    def _double_clicked(self, row: int, _col: int) -> None:
        if 0 <= row < len(self._numbers) and self._numbers[row]:
            self.call_back.emit(self._numbers[row])

    def keyPressEvent(self, event: QKeyEvent) -> None:
        row = self.currentRow()
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and 0 <= row < len(self._records):
            self.reopen_requested.emit(self._records[row])
            return
        super().keyPressEvent(event)
