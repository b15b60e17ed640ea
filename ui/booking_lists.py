"""The two lists under the booking panel's form: the caller's appointments to come (each
can be moved or cancelled) and the client's booking conflicts (shown until acknowledged).

Both only show journal rows and ask for actions by signals; the panel does the work (in
background tasks) and words the rows (``words``: a row in one line, the operator's
language).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from calendar_sync.journal import AppointmentRecord

Words = Callable[[AppointmentRecord], str]
CONFLICT_STYLE = "color:#c62828;font-weight:bold;"
MOVE_KEYS, CANCEL_KEYS = "Alt+M", "Alt+N"


class AppointmentsBox(QWidget):
    """The caller's appointments to come, with *Move* and *Cancel* (hidden when none)."""

    move_requested = Signal(object)  # AppointmentRecord
    cancel_requested = Signal(object)  # AppointmentRecord

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("booking-appointments-box")
        self._records: list[AppointmentRecord] = []
        self.list = QListWidget()
        self.list.setObjectName("booking-appointments")
        self.list.setMaximumHeight(96)
        self.move_btn = QPushButton(self.tr("Move…"))
        self.move_btn.setObjectName("booking-move")
        self.move_btn.clicked.connect(self._move)
        self.cancel_btn = QPushButton(self.tr("Cancel…"))
        self.cancel_btn.setObjectName("booking-cancel")
        self.cancel_btn.clicked.connect(self._cancel)
        self._keys(
            self.move_btn, (MOVE_KEYS, "Return"),
            self.tr("Choose a new slot for this appointment, same entry ({0})"),
        )  # fmt: skip
        self._keys(
            self.cancel_btn,
            (CANCEL_KEYS, "Delete"),
            self.tr("Cancel this appointment, asks first ({0})"),
        )
        buttons = QHBoxLayout()
        buttons.addWidget(self.move_btn)
        buttons.addWidget(self.cancel_btn)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(self.tr("This caller's appointments:")))
        layout.addWidget(self.list)
        layout.addLayout(buttons)
        self.setVisible(False)

    def _keys(self, button: QPushButton, keys: tuple[str, str], tip: str) -> None:
        """``keys[0]`` anywhere in the window while the list is shown (one pop page is
        shown at a time), ``keys[1]`` in the list: press ``button``. Explicit shortcuts,
        no mnemonic on the same key (the two would be ambiguous: neither fires)."""
        panel_wide, in_list = keys
        shortcut = QShortcut(QKeySequence(panel_wide), self)
        shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        shortcut.activated.connect(lambda: self._press(button))
        local = QShortcut(QKeySequence(in_list), self.list)
        local.setContext(Qt.ShortcutContext.WidgetShortcut)
        local.activated.connect(button.click)
        native = QKeySequence(panel_wide).toString(QKeySequence.SequenceFormat.NativeText)
        button.setToolTip(tip.format(native))

    def _press(self, button: QPushButton) -> None:
        if self.isVisible() and button.isEnabled():
            button.click()

    @property
    def records(self) -> list[AppointmentRecord]:
        return list(self._records)

    def set_records(self, records: Sequence[AppointmentRecord], words: Words) -> None:
        """Show ``records`` (the selection stays on the same appointment if it is listed)."""
        chosen = self.selected()
        self._records = list(records)
        self.list.clear()
        for record in self._records:
            QListWidgetItem(words(record), self.list)
        uids = [r.uid for r in self._records]
        if self._records:
            self.list.setCurrentRow(uids.index(chosen.uid) if chosen and chosen.uid in uids else 0)
        self.setVisible(bool(self._records))

    def selected(self) -> AppointmentRecord | None:
        row = self.list.currentRow()
        return self._records[row] if 0 <= row < len(self._records) else None

    def set_enabled(self, enabled: bool) -> None:
        self.move_btn.setEnabled(enabled)
        self.cancel_btn.setEnabled(enabled)

    def _move(self) -> None:
        record = self.selected()
        if record is not None:
            self.move_requested.emit(record)

    def _cancel(self) -> None:
        record = self.selected()
        if record is not None:
            self.cancel_requested.emit(record)


class ConflictsBox(QWidget):
    """Pending bookings that could not be written, in red, each with *Acknowledge*."""

    acknowledge_requested = Signal(int)  # the journal row's id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("booking-conflicts")
        self._records: list[AppointmentRecord] = []
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.setVisible(False)

    @property
    def records(self) -> list[AppointmentRecord]:
        return list(self._records)

    def set_conflicts(self, records: Sequence[AppointmentRecord], words: Words) -> None:
        while self._layout.count():
            item = self._layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self._records = list(records)
        for record in self._records:
            assert record.id is not None
            row = QWidget()
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            label = QLabel(words(record))
            label.setObjectName(f"booking-conflict-{record.id}")
            label.setWordWrap(True)
            label.setStyleSheet(CONFLICT_STYLE)
            button = QPushButton(self.tr("Acknowledge"))
            button.setObjectName(f"booking-acknowledge-{record.id}")
            button.setToolTip(self.tr("The caller has been told; stop listing this conflict"))
            button.clicked.connect(
                lambda _=False, rid=record.id: self.acknowledge_requested.emit(rid)
            )
            line.addWidget(label, 1)
            line.addWidget(button)
            self._layout.addWidget(row)
        self.setVisible(bool(self._records))
