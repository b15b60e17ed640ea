"""The seat's state in the status bar: what it is since when, and the operator's choice —
Available (F6), Break… (F7, asks the reason), Away (F8)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from office.model import SeatState, SeatStatus
from ui.seat_words import break_reasons, state_text, status_text

_COLOURS = {
    SeatState.AVAILABLE: "#2e7d32",
    SeatState.IN_CALL: "#1565c0",
    SeatState.WRAP_UP: "#ef6c00",
    SeatState.BREAK: "#c62828",
    SeatState.AWAY: "#6d4c41",
    SeatState.LOGGED_OUT: "#616161",
}


class BreakDialog(QDialog):
    """Asks why: a listed reason or the operator's own words."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("break-dialog")
        self.setWindowTitle(self.tr("Take a break"))
        self.reason = QComboBox()
        self.reason.setObjectName("break-reason")
        self.reason.setEditable(True)
        self.reason.addItems(break_reasons())
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Reason for the break:")))
        layout.addWidget(self.reason)
        layout.addWidget(buttons)

    def chosen(self) -> str:
        return self.reason.currentText().strip()


class SeatSelector(QWidget):
    """A button with the choices and the current state; the window connects the signals."""

    available_chosen = Signal()
    break_chosen = Signal(str)  # the reason
    away_chosen = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("seat-selector")
        self.button = QToolButton()
        self.button.setObjectName("seat-state")
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.button.setText(state_text(SeatState.LOGGED_OUT))
        menu = QMenu(self)
        self.available_action = self._action(menu, self.tr("Available"), "F6", "seat-available")
        self.available_action.triggered.connect(self.available_chosen.emit)
        self.break_action = self._action(menu, self.tr("Break…"), "F7", "seat-break")
        self.break_action.triggered.connect(self.ask_break)
        self.away_action = self._action(menu, self.tr("Away"), "F8", "seat-away")
        self.away_action.triggered.connect(self.away_chosen.emit)
        self.button.setMenu(menu)
        self.dialog: BreakDialog | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.button)
        self.setEnabled(False)  # until the seat's state is restored

    def _action(self, menu: QMenu, text: str, keys: str, name: str) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        menu.addAction(action)
        self.addAction(action)  # the shortcut works while the menu is closed
        return action

    def ask_break(self) -> None:
        """The reason dialog; Ok takes the break."""
        self.dialog = dialog = BreakDialog(self.window())
        dialog.accepted.connect(lambda: self.break_chosen.emit(dialog.chosen()))
        dialog.open()

    def show_status(self, status: SeatStatus) -> None:
        self.setEnabled(status.state != SeatState.LOGGED_OUT)
        self.button.setText(status_text(status))
        self.button.setStyleSheet(f"color:{_COLOURS[status.state]}")
