"""The call cards of this seat: one card per ringing, talking or held call, and the
transfer and consultation actions started from a card."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QInputDialog, QLabel, QScrollArea, QVBoxLayout, QWidget

from softphone import events as ev
from softphone.call_board import BoardCall
from softphone.states import CallState
from ui.call_card import CallCard
from ui.phone import PhoneAdapter


class CallArea(QScrollArea):
    def __init__(self, phone: PhoneAdapter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.phone = phone
        self.cards: dict[str, CallCard] = {}
        self._consult_for: dict[str, str] = {}  # consult tag -> held call
        self.setWidgetResizable(True)
        self.calls_box = QWidget()
        self.calls_box.setObjectName("calls")
        self.calls_layout = QVBoxLayout(self.calls_box)
        self.no_calls = QLabel(self.tr("No calls."))
        self.no_calls.setObjectName("no-calls")
        self.calls_layout.addWidget(self.no_calls)
        self.calls_layout.addStretch(1)
        self.setWidget(self.calls_box)
        phone.engine_event.connect(self._on_event)
        self._ticker = QTimer(self)  # call cards count their seconds
        self._ticker.setInterval(1000)
        self._ticker.timeout.connect(self._tick)
        self._ticker.start()

    def call_changed(self, call: BoardCall) -> None:
        card = self.cards.get(call.key)
        if call.state == CallState.DISCONNECTED:
            if card is not None:
                del self.cards[call.key]
                card.deleteLater()
            self.no_calls.setVisible(not self.cards)
            return
        if card is None:
            card = CallCard(call, self.calls_box)  # parented now: Qt owns it, not Python
            card.answer_clicked.connect(self.phone.answer)
            card.reject_clicked.connect(self.phone.reject)
            card.hangup_clicked.connect(self.phone.hangup)
            card.hold_toggled.connect(self._hold_toggled)
            card.mute_toggled.connect(self.phone.mute)
            card.transfer_clicked.connect(self._transfer)
            card.consult_clicked.connect(self._consult)
            card.connect_clicked.connect(self._connect)
            card.dtmf_typed.connect(self.phone.dtmf)
            self.cards[call.key] = card
            self.calls_layout.insertWidget(self.calls_layout.count() - 1, card)
            card.show()  # at once, not on the layout's deferred show
            if call.ringing:
                QApplication.alert(self.window())
        else:
            card.update_call(call)
        self.no_calls.setVisible(not self.cards)

    def start_consultation(self, held_key: str, target: str) -> None:
        """Hold the caller, call the colleague; the new call's card offers "Connect"."""
        tag = f"consult:{held_key}"
        self._consult_for[tag] = held_key
        self.phone.hold(held_key, True)
        self.phone.dial(target, tag=tag)

    def _on_event(self, event: object) -> None:
        if isinstance(event, ev.CallStarted) and event.tag in self._consult_for:
            card = self.cards.get(event.call)
            if card is not None:
                card.consult_partner = self._consult_for.pop(event.tag)
                card.update_call(card.call)

    def _hold_toggled(self, key: str, on: bool) -> None:
        if on:
            self.phone.hold(key, True)
        else:
            self.phone.swap_to(key)  # resuming one call parks the others

    def _ask_target(self, title: str) -> str | None:
        text, ok = QInputDialog.getText(self, title, self.tr("Number or SIP address:"))
        return text.strip() if ok and text.strip() else None

    def _transfer(self, key: str) -> None:
        target = self._ask_target(self.tr("Blind transfer"))
        if target:
            self.phone.transfer_blind(key, target)

    def _consult(self, key: str) -> None:
        target = self._ask_target(self.tr("Consult before transfer"))
        if target:
            self.start_consultation(key, target)

    def _connect(self, consult_key: str) -> None:
        card = self.cards.get(consult_key)
        if card is not None and card.consult_partner:
            self.phone.transfer_attended(card.consult_partner, consult_key)

    def _tick(self) -> None:
        for card in self.cards.values():
            card.refresh_state()
