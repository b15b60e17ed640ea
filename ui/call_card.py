"""One call on screen: who, its state, and the buttons that act on it."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from softphone.call_board import BoardCall
from softphone.states import CallState, Direction


def _fmt_duration(seconds: float) -> str:
    seconds = max(0, int(seconds))
    return f"{seconds // 60:02d}:{seconds % 60:02d}"


class CallCard(QFrame):
    """Buttons emit requests; the window decides how to carry them out."""

    answer_clicked = Signal(str)
    reject_clicked = Signal(str)
    hangup_clicked = Signal(str)
    hold_toggled = Signal(str, bool)
    mute_toggled = Signal(str, bool)
    transfer_clicked = Signal(str)
    consult_clicked = Signal(str)
    connect_clicked = Signal(str)
    dtmf_typed = Signal(str, str)

    def __init__(self, call: BoardCall, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = call.key
        self.call = call
        self.consult_partner: str | None = None  # set on the held call while consulting
        self.setObjectName(f"call-{call.key}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.who = QLabel()
        self.who.setObjectName("who")
        font = self.who.font()
        font.setPointSize(font.pointSize() + 3)
        font.setBold(True)
        self.who.setFont(font)
        self.who.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.who.setWordWrap(True)
        self.detail = QLabel()
        self.detail.setObjectName("detail")
        self.state = QLabel()
        self.state.setObjectName("state")

        self.answer_btn = self._button(self.tr("Answer"), "answer")
        self.answer_btn.setStyleSheet("background:#2e7d32;color:white;font-weight:bold;")
        self.reject_btn = self._button(self.tr("Reject"), "reject")
        self.hangup_btn = self._button(self.tr("Hang up"), "hangup")
        self.hangup_btn.setStyleSheet("background:#c62828;color:white;font-weight:bold;")
        self.hold_btn = QPushButton(self.tr("Hold"))
        self.hold_btn.setObjectName("hold")
        self.hold_btn.setCheckable(True)
        self.hold_btn.toggled.connect(self._hold)
        self.mute_btn = QPushButton(self.tr("Mute"))
        self.mute_btn.setObjectName("mute")
        self.mute_btn.setCheckable(True)
        self.mute_btn.toggled.connect(self._mute)
        self.transfer_btn = self._button(self.tr("Transfer…"), "transfer")
        self.consult_btn = self._button(self.tr("Consult…"), "consult")
        self.connect_btn = self._button(self.tr("Connect"), "connect")
        self.dtmf = QLineEdit()
        self.dtmf.setObjectName("dtmf")
        self.dtmf.setPlaceholderText(self.tr("DTMF"))
        self.dtmf.setMaximumWidth(90)
        self.dtmf.textEdited.connect(self._dtmf_edited)

        top = QVBoxLayout(self)
        top.addWidget(self.who)
        top.addWidget(self.detail)
        top.addWidget(self.state)
        for group in (
            (self.answer_btn, self.reject_btn, self.hangup_btn, self.dtmf),
            (self.hold_btn, self.mute_btn, self.transfer_btn, self.consult_btn, self.connect_btn),
        ):
            row = QHBoxLayout()
            for w in group:
                row.addWidget(w)
            row.addStretch(1)
            top.addLayout(row)
        self.update_call(call)

    def _button(self, text: str, name: str) -> QPushButton:
        """A button named ``name`` emits the signal ``<name>_clicked`` with the call key.

        Bound methods, not lambdas: a lambda holding ``self`` keeps the card's Python
        wrapper alive in a cycle, and its late release crashed ``deleteLater``.
        """
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.clicked.connect(self._clicked)
        return button

    def _clicked(self) -> None:
        sender = self.sender()
        if sender is not None:
            getattr(self, f"{sender.objectName()}_clicked").emit(self.key)

    def _hold(self, on: bool) -> None:
        self.hold_toggled.emit(self.key, on)

    def _mute(self, on: bool) -> None:
        self.mute_toggled.emit(self.key, on)

    def _dtmf_edited(self, text: str) -> None:
        if text:
            self.dtmf_typed.emit(self.key, text[-1])

    def update_call(self, call: BoardCall) -> None:
        self.call = call
        name = call.display_name or ""
        number = call.number or call.remote_uri
        self.who.setText(f"{name} — {number}" if name else number)
        arrow = "⬇" if call.direction == Direction.IN else "⬆"
        dialled = call.info.dialled_number if call.info else None
        codec = f"  ·  {call.codec.split('/')[0]}" if call.codec else ""
        self.detail.setText(f"{arrow} {dialled or ''}{codec}".strip())
        ringing = call.ringing
        up = call.state == CallState.CONFIRMED
        self.answer_btn.setVisible(ringing)
        self.reject_btn.setVisible(ringing)
        for w in (self.hold_btn, self.mute_btn, self.transfer_btn, self.consult_btn, self.dtmf):
            w.setVisible(up)
        self.connect_btn.setVisible(up and self.consult_partner is not None)
        self.hangup_btn.setVisible(not ringing)
        for button, on in ((self.hold_btn, call.local_hold), (self.mute_btn, call.muted)):
            button.blockSignals(True)
            button.setChecked(on)
            button.blockSignals(False)
        self.refresh_state()

    def refresh_state(self) -> None:
        call = self.call
        if call.ringing:
            text = self.tr("Ringing…")
        elif call.state in (CallState.CALLING, CallState.EARLY, CallState.CONNECTING):
            text = self.tr("Calling…")
        elif call.state == CallState.CONFIRMED:
            since = call.answered_at or time.time()
            text = self.tr("Connected {0}").format(_fmt_duration(time.time() - since))
            if call.local_hold:
                text += " · " + self.tr("on hold")
            if call.remote_hold:
                text += " · " + self.tr("held by the other side")
            if call.muted:
                text += " · " + self.tr("muted")
        elif call.state == CallState.DISCONNECTED:
            text = self.tr("Ended")
        else:
            text = call.state
        if call.transfer:
            text += " · " + self.tr("Transfer: {0}").format(call.transfer)
        self.state.setText(text)
