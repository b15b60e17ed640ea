"""The colleagues tab: the seats (:class:`~ui.colleagues_view.ColleaguesView`) and what
this seat can do with the chosen one — pick up the call ringing there, or hand this
seat's call over to it (a blind transfer to the colleague's SIP user, as the call card's
*Transfer…* does).

Pickup is offered only for a call ringing at that seat alone (a call for its user, a
transfer to it): an office call rings at every seat, so it is answered here. Everything is
reachable by keyboard: arrow keys choose the seat, Tab reaches the buttons, and their
mnemonics (Alt+P and Alt+H in English) press them.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from office.model import ColleagueSeat
from office.pickup import PickupRefused
from softphone.call_board import BoardCall
from ui.colleagues_view import ColleaguesView


class ColleaguesPanel(QWidget):
    pick_up_requested = Signal(object)  # ColleagueSeat whose ringing call to take
    transfer_requested = Signal(str, str)  # this seat's call key, the colleague's SIP user

    def __init__(
        self,
        view: ColleaguesView,
        my_call: Callable[[], BoardCall | None],
        parent: QWidget | None = None,
    ) -> None:
        """``my_call``: the call this seat is talking on now (``None``: none)."""
        super().__init__(parent)
        self.setObjectName("colleagues-panel")
        self.view = view
        self.my_call = my_call
        self.pick_up_button = QPushButton(self.tr("&Pick up"))
        self.pick_up_button.setObjectName("colleague-pick-up")
        self.transfer_button = QPushButton(self.tr("Transfer my call &here"))
        self.transfer_button.setObjectName("colleague-transfer")
        self.hint = QLabel()
        self.hint.setObjectName("colleague-hint")
        self.hint.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.pick_up_button)
        buttons.addWidget(self.transfer_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(view)
        layout.addLayout(buttons)
        layout.addWidget(self.hint)
        self.pick_up_button.clicked.connect(self.pick_up)
        self.transfer_button.clicked.connect(self.transfer_here)
        view.itemSelectionChanged.connect(self.update_actions)
        view.shown_changed.connect(self.update_actions)
        self.update_actions()

    def _colleague(self) -> ColleagueSeat | None:
        chosen = self.view.selected_colleague()
        if chosen is None or chosen.status.seat == self.view.own_seat:
            return None
        return chosen

    def update_actions(self, _changed: object = None) -> None:
        """Enable what fits the chosen seat and this seat's calls; say why not."""
        chosen = self._colleague()
        ringing = chosen is not None and chosen.can_pick_up
        reachable = chosen is not None and bool(chosen.status.sip_user)
        self.pick_up_button.setEnabled(ringing)
        self.transfer_button.setEnabled(reachable and self.my_call() is not None)
        if chosen is None:
            self.hint.setText(self.tr("Choose a colleague's seat."))
        elif ringing:
            self.hint.setText(self.tr("A call is ringing at this seat alone: pick it up here."))
        else:
            self.hint.setText(
                self.tr(
                    "Only a call ringing at one seat alone (for its user, or transferred "
                    "there) can be picked up. An office call rings at every seat: answer "
                    "it here."
                )
            )

    def pick_up(self) -> None:
        chosen = self._colleague()
        if chosen is not None and chosen.can_pick_up:
            self.pick_up_button.setEnabled(False)  # once; the next read enables it again
            self.hint.setText(self.tr("Picking up… the call rings here in a moment."))
            self.pick_up_requested.emit(chosen)

    def transfer_here(self) -> None:
        chosen, call = self._colleague(), self.my_call()
        if chosen is not None and chosen.status.sip_user and call is not None:
            self.transfer_requested.emit(call.key, chosen.status.sip_user)
            self.hint.setText(self.tr("Your call is being transferred."))

    def show_refused(self, refused: PickupRefused) -> None:
        """Say calmly why the call was not picked up."""
        if refused.holder:
            text = self.tr("{0} is picking up this call.").format(refused.holder)
        elif refused.no_account:
            text = self.tr(
                "This seat has no account at the office's SIP server: set it in Settings."
            )
        else:
            text = self.tr("No call is ringing at that seat any more.")
        self.update_actions()
        self.hint.setText(text)
