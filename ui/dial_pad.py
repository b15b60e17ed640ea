"""Number entry with a dial pad; accepts pasted numbers in any usual form."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

KEYS = ("1", "2", "3", "4", "5", "6", "7", "8", "9", "*", "0", "#")


class DialPad(QWidget):
    dial_requested = Signal(str)
    digit_pressed = Signal(str)  # also sent as DTMF to the current call by the window

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.number = QLineEdit()
        self.number.setObjectName("number")
        self.number.setPlaceholderText(self.tr("Number or SIP address"))
        self.number.setClearButtonEnabled(True)
        self.number.returnPressed.connect(self._dial)
        grid = QGridLayout()
        for index, key in enumerate(KEYS):
            button = QPushButton(key)
            button.setObjectName(f"key-{key}")
            button.setMinimumHeight(36)
            button.clicked.connect(lambda _=False, k=key: self._press(k))
            grid.addWidget(button, index // 3, index % 3)
        self.call_btn = QPushButton(self.tr("Call"))
        self.call_btn.setObjectName("call")
        self.call_btn.setStyleSheet("background:#2e7d32;color:white;font-weight:bold;")
        self.call_btn.setMinimumHeight(40)
        self.call_btn.clicked.connect(self._dial)
        layout = QVBoxLayout(self)
        layout.addWidget(self.number)
        layout.addLayout(grid)
        layout.addWidget(self.call_btn)
        layout.addStretch(1)

    def _press(self, key: str) -> None:
        self.number.insert(key)
        self.digit_pressed.emit(key)

    def _dial(self) -> None:
        target = self.number.text().strip()
        if target:
            self.dial_requested.emit(target)
