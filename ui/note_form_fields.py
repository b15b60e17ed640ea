"""The note form's editors and their layout; what they do is :class:`ui.note_form.NoteForm`.

Texts are translated in the ``NoteForm`` context (the class the operator sees), so the
catalogue keeps one context for the whole form.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clients.model import Staff
from notes.model import Action, Channel, Note, Urgency


class NoteFormFields(QWidget):
    """Every editor of a note, laid out: context, fields, status and *Save*, audit trail;
    a note's fields shown in them and read back."""

    def __init__(self, operator: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._staff_names: dict[int, str] = {}
        self.client_box = QComboBox()
        self.client_box.setObjectName("note-client")
        self.channel_box = QComboBox()
        self.channel_box.setObjectName("note-channel")
        for channel, text in (
            (Channel.CALL, QCoreApplication.translate("NoteForm", "Phone call")),
            (Channel.WALK_IN, QCoreApplication.translate("NoteForm", "Walk-in")),
            (Channel.EMAIL, QCoreApplication.translate("NoteForm", "E-mail")),
            (Channel.OTHER, QCoreApplication.translate("NoteForm", "Other")),
        ):
            self.channel_box.addItem(text, str(channel))
        self.caller_info = QLabel()
        self.caller_info.setObjectName("note-caller-info")
        self.caller_info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.time_info = QLabel()
        self.time_info.setObjectName("note-time")
        self.duration_info = QLabel()
        self.duration_info.setObjectName("note-duration")
        self.operator_info = QLabel(operator)
        self.operator_info.setObjectName("note-operator")

        self.caller_name = QLineEdit()
        self.caller_name.setObjectName("note-caller-name")
        self.company = QLineEdit()
        self.company.setObjectName("note-company")
        self.callback = QLineEdit()
        self.callback.setObjectName("note-callback")
        self.subject = QLineEdit()
        self.subject.setObjectName("note-subject")
        self.message = QPlainTextEdit()
        self.message.setObjectName("note-message")
        self.message.setTabChangesFocus(True)
        self.urgency = QComboBox()
        self.urgency.setObjectName("note-urgency")
        for urgency, text in (
            (Urgency.NORMAL, QCoreApplication.translate("NoteForm", "Normal")),
            (Urgency.URGENT, QCoreApplication.translate("NoteForm", "Urgent")),
            (Urgency.LOW, QCoreApplication.translate("NoteForm", "Low")),
        ):
            self.urgency.addItem(text, str(urgency))
        self.for_whom = QComboBox()
        self.for_whom.setObjectName("note-for-whom")
        self.action = QComboBox()
        self.action.setObjectName("note-action")
        for action, text in (
            (Action.NONE, QCoreApplication.translate("NoteForm", "No action")),
            (Action.CALL_BACK, QCoreApplication.translate("NoteForm", "Call back")),
            (Action.SEND_INFO, QCoreApplication.translate("NoteForm", "Send information")),
        ):
            self.action.addItem(text, str(action))
        self.wrong_number = QCheckBox(QCoreApplication.translate("NoteForm", "Wrong number"))
        self.wrong_number.setObjectName("note-wrong-number")
        self.appointment = QLineEdit()
        self.appointment.setObjectName("note-appointment")
        self.appointment.setReadOnly(True)
        self.appointment.setPlaceholderText(
            QCoreApplication.translate("NoteForm", "No appointment booked")
        )

        context = QFormLayout()
        context.addRow(QCoreApplication.translate("NoteForm", "Client:"), self.client_box)
        context.addRow(QCoreApplication.translate("NoteForm", "Via:"), self.channel_box)
        context.addRow(QCoreApplication.translate("NoteForm", "Caller:"), self.caller_info)
        context.addRow(QCoreApplication.translate("NoteForm", "Time:"), self.time_info)
        context.addRow(QCoreApplication.translate("NoteForm", "Duration:"), self.duration_info)
        context.addRow(QCoreApplication.translate("NoteForm", "Operator:"), self.operator_info)
        form = QFormLayout()
        form.addRow(QCoreApplication.translate("NoteForm", "Caller name:"), self.caller_name)
        form.addRow(QCoreApplication.translate("NoteForm", "Company:"), self.company)
        form.addRow(QCoreApplication.translate("NoteForm", "Callback number:"), self.callback)
        form.addRow(QCoreApplication.translate("NoteForm", "Subject:"), self.subject)
        form.addRow(QCoreApplication.translate("NoteForm", "Message:"), self.message)
        form.addRow(QCoreApplication.translate("NoteForm", "Urgency:"), self.urgency)
        form.addRow(QCoreApplication.translate("NoteForm", "For:"), self.for_whom)
        form.addRow(QCoreApplication.translate("NoteForm", "Requested action:"), self.action)
        form.addRow("", self.wrong_number)
        form.addRow(QCoreApplication.translate("NoteForm", "Appointment:"), self.appointment)

        self.status = QLabel()
        self.status.setObjectName("note-status")
        self.status.setWordWrap(True)
        self.save_btn = QPushButton(QCoreApplication.translate("NoteForm", "&Save"))
        self.save_btn.setObjectName("note-save")
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.save_btn)
        self.changes = QPlainTextEdit()
        self.changes.setObjectName("note-changes")
        self.changes.setReadOnly(True)
        self.changes.setMaximumHeight(110)
        self.changes.setVisible(False)

        layout = QVBoxLayout(self)
        layout.addLayout(context)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.changes)

    def fill_staff(self, staff: Iterable[Staff], selected: int | None) -> None:
        """The *For* choices: nobody in particular, then the client's people."""
        self.for_whom.blockSignals(True)
        self.for_whom.clear()
        self.for_whom.addItem(
            QCoreApplication.translate("NoteForm", "— nobody in particular —"), None
        )
        self._staff_names = {}
        for person in staff:
            assert person.id is not None
            self._staff_names[person.id] = person.name
            label = f"{person.name} ({person.role})" if person.role else person.name
            self.for_whom.addItem(label, person.id)
        self.for_whom.setCurrentIndex(max(0, self.for_whom.findData(selected)))
        self.for_whom.blockSignals(False)

    def show_fields(self, note: Note, operator: str) -> None:
        """Put the note's own fields into the editors (its staff must be filled first)."""
        self.caller_name.setText(note.caller_name)
        self.company.setText(note.caller_company)
        self.callback.setText(note.callback_number)
        self.subject.setText(note.subject)
        if self.message.toPlainText() != note.message:
            self.message.setPlainText(note.message)
        self.urgency.setCurrentIndex(max(0, self.urgency.findData(str(note.urgency))))
        self.action.setCurrentIndex(max(0, self.action.findData(str(note.action))))
        self.wrong_number.setChecked(note.wrong_number)
        self.appointment.setText(note.appointment)
        self.operator_info.setText(note.operator or operator)

    def read_fields(self, base: Note) -> Note:
        """``base`` with what the editors show now."""
        staff_id = self.for_whom.currentData()
        for_whom = self._staff_names.get(staff_id, "") if staff_id is not None else ""
        return replace(
            base,
            client_id=self.client_box.currentData(),
            caller_name=self.caller_name.text().strip(),
            caller_company=self.company.text().strip(),
            callback_number=self.callback.text().strip(),
            subject=self.subject.text().strip(),
            message=self.message.toPlainText().strip(),
            urgency=Urgency(self.urgency.currentData()),
            for_staff_id=staff_id,
            for_whom=for_whom,
            action=Action(self.action.currentData()),
            wrong_number=self.wrong_number.isChecked(),
            channel=Channel(self.channel_box.currentData()),
            appointment=self.appointment.text(),
        )
