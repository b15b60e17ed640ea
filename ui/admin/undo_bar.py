"""A status line that offers "Undo" for a few seconds after a delete."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from appenv import logs
from clients.errors import StoreError

log = logs.get("ui")

UNDO_SECONDS = 8


class UndoBar(QFrame):
    """Shows one message with an Undo button; a newer offer replaces the older one.

    The undo callable restores what was deleted (the admin view re-adds it); if that
    fails — say, the number was given to someone else meanwhile — the bar says why.
    """

    undone = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("undo-bar")
        self.setStyleSheet(
            "#undo-bar { background: #fff8e1; border: 1px solid #ffe082; border-radius: 4px; }"
        )
        self.label = QLabel()
        self.undo_button = QPushButton(self.tr("Undo"))
        self.undo_button.setObjectName("undo-button")
        self.undo_button.clicked.connect(self.undo)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 2, 4, 2)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.undo_button)
        self._undo: Callable[[], None] | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.expire)
        self.setVisible(False)

    def offer(self, message: str, undo: Callable[[], None], seconds: float = UNDO_SECONDS) -> None:
        self._undo = undo
        self.label.setText(message)
        self.undo_button.setVisible(True)
        self.setVisible(True)
        self._timer.start(int(seconds * 1000))

    @property
    def pending(self) -> bool:
        return self._undo is not None

    def undo(self) -> None:
        undo, self._undo = self._undo, None
        self._timer.stop()
        if undo is None:
            return
        try:
            undo()
        except (StoreError, ValueError) as exc:
            self.label.setText(self.tr("Could not undo: {0}").format(exc))
            self.undo_button.setVisible(False)
            self._timer.start(UNDO_SECONDS * 1000)
            return
        self.setVisible(False)
        self.undone.emit()

    def expire(self) -> None:
        self._undo = None
        self.setVisible(False)
