"""The screen-pop: for one call, everything the operator must see before saying a word.

Built from a :class:`clients.lookup.Pop` (plain data). One ``PopView`` per call; it
never reads the store itself, so it cannot show another client's data.
"""

from __future__ import annotations

import datetime as dt
import html
import time
from collections.abc import Callable

from PySide6.QtCore import QAbstractItemModel, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from clients import phone_numbers as pn
from clients.lookup import Pop
from clients.model import Availability, Staff, Variant
from ui.client_choices import size_for_many
from ui.common_words import outcome_text

BOOKING_KEYS = "Ctrl+B"


def _nothing() -> None:
    return None


def _esc(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")


class PopView(QScrollArea):
    answer_clicked = Signal(str)  # call key
    transfer_requested = Signal(str, str)  # call key, target (blind)
    consult_requested = Signal(str, str)  # call key, target (attended)
    client_picked = Signal(str, int)  # call key, client id (for an unknown client)
    painted = Signal(float)  # time.time() of the first paint (benchmarks)

    def __init__(
        self,
        call_key: str,
        pop: Pop,
        choices: QAbstractItemModel | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.call_key = call_key
        self.pop = pop
        self._painted = False
        self.setObjectName(f"pop-{call_key}")
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # wrap, never pan
        self.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget()
        # never wider than the viewport, whatever a child asks for (a picker sized for
        # 10,000 names, a long client name or staff line): the greeting wraps instead of
        # running off the right edge. Text labels wrap; a combo box is narrowed.
        body.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        layout = QVBoxLayout(body)
        layout.setSpacing(8)
        self.setWidget(body)

        colour = pop.client.colour if pop.client else "#757575"
        self.header = QLabel()
        self.header.setObjectName("pop-client")
        self.header.setStyleSheet(
            f"background:{colour};color:white;font-size:18pt;font-weight:bold;padding:8px;"
        )
        self.header.setText(pop.client.name if pop.client else self.tr("Unknown client"))
        self.header.setWordWrap(True)
        layout.addWidget(self.header)
        if pop.data_unavailable:
            self.outage = QLabel(
                self.tr(
                    "The database cannot be reached: no client data. Greet neutrally, pick "
                    "the client below if you know it, and take a note: it is kept and saved "
                    "when the database is back."
                )
            )
            self.outage.setObjectName("pop-outage")
            self.outage.setWordWrap(True)
            self.outage.setStyleSheet(
                "background:#c62828;color:white;font-weight:bold;padding:6px;"
            )
            layout.addWidget(self.outage)

        if pop.client is None:
            picker_row = QHBoxLayout()
            question = QLabel(self.tr("Which client is this call for?"))
            question.setWordWrap(True)
            picker_row.addWidget(question)
            self.picker = QComboBox()
            self.picker.setObjectName("client-picker")
            if choices is not None:
                self.picker.setModel(choices)  # the window's one client list, not a copy
                size_for_many(self.picker)
            self.picker.activated.connect(self._picked)
            picker_row.addWidget(self.picker, 1)
            layout.addLayout(picker_row)

        self.variant = QLabel(self._variant_text())
        self.variant.setObjectName("pop-variant")
        self.variant.setStyleSheet(self._variant_style())
        self.variant.setWordWrap(True)
        layout.addWidget(self.variant)

        self.greeting = QLabel(pop.greeting)
        self.greeting.setObjectName("pop-greeting")
        self.greeting.setWordWrap(True)
        self.greeting.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.greeting.setStyleSheet(
            "font-size:15pt;padding:8px;background:#fffde7;border:1px solid #e0d890;"
        )
        layout.addWidget(self.greeting)
        self.greeting.installEventFilter(self)  # first paint of the greeting: for benchmarks

        answer_row = QHBoxLayout()
        self.answer_btn = QPushButton(self.tr("Answer"))
        self.answer_btn.setObjectName("pop-answer")
        self.answer_btn.setStyleSheet("background:#2e7d32;color:white;font-weight:bold;")
        self.answer_btn.clicked.connect(self._answer)
        answer_row.addWidget(self.answer_btn)
        self.taken = QLabel()  # an office call a colleague answered: said calmly, no alarm
        self.taken.setObjectName("pop-taken")
        self.taken.setStyleSheet("color:#455a64;font-weight:bold;")
        self.taken.hide()
        answer_row.addWidget(self.taken)
        answer_row.addStretch(1)
        layout.addLayout(answer_row)
        self._answer_row = answer_row
        self.booking: QWidget | None = None  # the booking panel, when the client has calendars
        self._open_booking: Callable[[], None] = _nothing

        if pop.instructions:
            box = QGroupBox(self.tr("Instructions"))
            inner = QVBoxLayout(box)
            self.instructions = QLabel(_esc(pop.instructions))
            self.instructions.setObjectName("pop-instructions")
            self.instructions.setWordWrap(True)
            self.instructions.setTextFormat(Qt.TextFormat.RichText)
            inner.addWidget(self.instructions)
            layout.addWidget(box)

        layout.addWidget(self._caller_box())
        if pop.staff:
            layout.addWidget(self._staff_box())
        if pop.faq:
            faq = QGroupBox(self.tr("FAQ"))
            inner = QVBoxLayout(faq)
            text = "".join(f"<p><b>{_esc(e.question)}</b><br>{_esc(e.answer)}</p>" for e in pop.faq)
            label = QLabel(text)
            label.setWordWrap(True)
            inner.addWidget(label)
            layout.addWidget(faq)
        layout.addStretch(1)

    # ---- parts ----------------------------------------------------------------------
    def _variant_text(self) -> str:
        names = {
            Variant.BUSINESS_HOURS: self.tr("Business hours"),
            Variant.AFTER_HOURS: self.tr("After hours"),
            Variant.HOLIDAY: self.tr("Public holiday"),
            Variant.VACATION: self.tr("Closed (vacation)"),
        }
        local = self.pop.local_time.strftime("%H:%M")
        if self.pop.variant is None:
            return local
        text = f"{names.get(self.pop.variant, str(self.pop.variant))} · {local}"
        if self.pop.variant_reason:
            text += f" · {self.pop.variant_reason}"
        return text

    def _variant_style(self) -> str:
        colours = {
            Variant.BUSINESS_HOURS: "#2e7d32",
            Variant.AFTER_HOURS: "#ef6c00",
            Variant.HOLIDAY: "#6a1b9a",
            Variant.VACATION: "#c62828",
        }
        colour = colours.get(self.pop.variant, "#555555") if self.pop.variant else "#555555"
        return f"color:{colour};font-weight:bold;"

    def _caller_number_text(self) -> str:
        """The number as the operator would dial it back; one we could not verify says so."""
        phone = self.pop.caller_phone
        if phone is None:
            return self.tr("number withheld")
        shown = pn.display(phone.key)
        if not phone.verified:
            unverified = self.tr("unverified")
            return f"{shown} ({unverified})"
        return shown

    def _caller_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Caller"))
        inner = QVBoxLayout(box)
        caller = self.pop.caller
        number = self._caller_number_text()
        if caller is None:
            unknown = self.tr("Not known for this client.")  # lupdate misses tr() in f-strings
            text = f"<b>{_esc(number)}</b><br><i>{unknown}</i>"
        else:
            badges = ""
            if caller.vip:
                badges += " <span style='background:#f9a825;padding:2px'>VIP</span>"
            if caller.blocked:
                blocked = self.tr("BLOCKED")
                badges += (
                    f" <span style='background:#c62828;color:white;padding:2px'>{blocked}</span>"
                )
            text = f"<b style='font-size:13pt'>{_esc(caller.name)}</b>{badges}"
            if caller.company:
                text += f"<br>{_esc(caller.company)}"
            text += f"<br>{_esc(number)}"
            if caller.notes:
                text += f"<br><i>{_esc(caller.notes)}</i>"
        self.caller_label = QLabel(text)
        self.caller_label.setObjectName("pop-caller")
        self.caller_label.setWordWrap(True)
        self.caller_label.setTextFormat(Qt.TextFormat.RichText)
        inner.addWidget(self.caller_label)
        if self.pop.put_through:
            names = ", ".join(s.name for s in self.pop.put_through)
            always = QLabel(self.tr("Always put through to: {0}").format(names))
            always.setStyleSheet("color:#2e7d32;font-weight:bold;")
            always.setWordWrap(True)
            inner.addWidget(always)
        if self.pop.last_calls:
            rows = []
            for record in self.pop.last_calls:
                when = record.started_at.astimezone().strftime("%d.%m.%Y %H:%M")
                outcome = outcome_text(record.outcome)
                rows.append(f"{when} · {outcome}")
            history = QLabel(self.tr("Last contacts:") + "<br>" + "<br>".join(rows))
            history.setObjectName("pop-history")
            history.setTextFormat(Qt.TextFormat.RichText)
            history.setWordWrap(True)
            inner.addWidget(history)
        return box

    def _staff_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Staff"))
        grid = QGridLayout(box)
        for row, staff in enumerate(self.pop.staff):
            name = QLabel(f"<b>{_esc(staff.name)}</b> {_esc(staff.role)}")
            name.setTextFormat(Qt.TextFormat.RichText)
            name.setWordWrap(True)
            grid.addWidget(name, row, 0)
            avail = QLabel(self._availability(staff))
            avail.setObjectName(f"staff-availability-{row}")
            avail.setWordWrap(True)
            grid.addWidget(avail, row, 1)
            if staff.transfer_target:
                # bound methods, not lambdas holding self: see CallCard._button
                blind = QPushButton(self.tr("Transfer"))
                blind.setObjectName(f"staff-transfer-{row}")
                blind.setProperty("target", staff.transfer_target)
                blind.clicked.connect(self._transfer)
                consult = QPushButton(self.tr("Consult"))
                consult.setObjectName(f"staff-consult-{row}")
                consult.setProperty("target", staff.transfer_target)
                consult.clicked.connect(self._consult)
                grid.addWidget(blind, row, 2)
                grid.addWidget(consult, row, 3)
        return box

    def _availability(self, staff: Staff) -> str:
        def dot(colour: str, text: str) -> str:
            return f"<span style='color:{colour}'>●</span> {_esc(text)}"

        if staff.availability == Availability.PRESENT:
            return dot("#2e7d32", self.tr("present"))
        if staff.availability == Availability.MEETING:
            return dot("#ef6c00", self.tr("in a meeting"))
        if staff.availability == Availability.VACATION:
            return dot("#c62828", self.tr("on vacation"))
        until = staff.absent_until
        if until is not None:
            local = until.astimezone(self.pop.local_time.tzinfo or dt.UTC)
            return dot(
                "#c62828", self.tr("absent until {0}").format(local.strftime("%d.%m. %H:%M"))
            )
        return dot("#c62828", self.tr("absent"))

    def add_booking(self, panel: QWidget, open_panel: Callable[[], None]) -> None:
        """Offer booking: a button and Ctrl+B open ``panel`` under the answer row.

        ``open_panel`` is called (no arguments) each time it opens, to search fresh slots.
        """
        keys = QKeySequence(BOOKING_KEYS)
        button = QPushButton(self.tr("Book appointment"))
        button.setObjectName("pop-book")
        button.setToolTip(
            self.tr("Book an appointment in the client's calendar ({0})").format(
                keys.toString(QKeySequence.SequenceFormat.NativeText)
            )
        )
        self._answer_row.insertWidget(1, button)
        body = self.widget()
        layout = body.layout() if body is not None else None
        if isinstance(layout, QVBoxLayout):
            layout.insertWidget(layout.indexOf(self.greeting) + 2, panel)
        panel.setVisible(False)
        self.booking = panel
        self._open_booking = open_panel
        button.clicked.connect(self.open_booking)
        shortcut = QShortcut(keys, self)  # only while this pop's page is shown
        shortcut.activated.connect(self.open_booking)

    def open_booking(self) -> None:
        if self.booking is None:
            return
        self.booking.setVisible(True)
        self.ensureWidgetVisible(self.booking)
        self.booking.setFocus()
        self._open_booking()

    def _answer(self) -> None:
        self.answer_clicked.emit(self.call_key)

    def _transfer(self) -> None:
        sender = self.sender()
        if sender is not None:
            self.transfer_requested.emit(self.call_key, str(sender.property("target")))

    def _consult(self) -> None:
        sender = self.sender()
        if sender is not None:
            self.consult_requested.emit(self.call_key, str(sender.property("target")))

    def _picked(self, index: int) -> None:
        client_id = self.picker.itemData(index)
        if client_id is not None:
            self.client_picked.emit(self.call_key, int(client_id))

    # ---- state ----------------------------------------------------------------------
    def show_taken(self, operator: str) -> None:
        """A colleague answered this office call: it is not this seat's, nor missed."""
        self.answer_btn.hide()
        if operator:
            self.taken.setText(self.tr("Answered by {0}").format(operator))
        else:
            self.taken.setText(self.tr("Answered by a colleague"))
        self.taken.show()

    def set_call_state(self, ringing: bool, ended: bool) -> None:
        self.answer_btn.setVisible(ringing and self.taken.isHidden())
        suffix = "  " + self.tr("(ended)")
        if ended and not self.header.text().endswith(suffix):  # the board reports it twice
            self.header.setText(self.header.text() + suffix)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self._painted and event.type() == QEvent.Type.Paint and watched is self.greeting:
            self._painted = True
            self.painted.emit(time.time())
        return False
