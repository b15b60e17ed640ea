"""The client's staff: who they are, how to reach them, whether they are available."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from PySide6.QtCore import QDateTime, Qt, QTimeZone
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from clients import phone_numbers as pn
from clients.errors import StoreError
from clients.model import Availability, Staff
from storage.interfaces import ClientStore
from ui.admin.changes import Area
from ui.admin.form_widgets import InlineMessage
from ui.admin.tab_base import ClientTab


def parse_number_lines(text: str) -> tuple[str, ...]:
    """Numbers one per line or comma separated → keys; ``ValueError`` names a bad one."""
    keys: list[str] = []
    for token in filter(None, (t.strip() for t in text.replace(",", "\n").splitlines())):
        key = pn.normalise(token)
        if key is None:
            raise ValueError(f"{token!r} is not a phone number.")
        if key not in keys:
            keys.append(key)
    return tuple(keys)


class StaffTab(ClientTab):
    def __init__(self, store: ClientStore, parent: QWidget | None = None) -> None:
        super().__init__(store, parent)
        self._availability_names = {
            Availability.PRESENT: self.tr("Present"),
            Availability.ABSENT_UNTIL: self.tr("Absent until"),
            Availability.MEETING: self.tr("In a meeting"),
            Availability.VACATION: self.tr("On vacation"),
        }
        self.list = QListWidget()
        self.list.setObjectName("staff-list")
        self.list.currentRowChanged.connect(self._show_row)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setStyleSheet("QListWidget::item { padding: 4px 6px; }")

        self.name = QLineEdit()
        self.name.setObjectName("staff-name")
        self.role = QLineEdit()
        self.role.setPlaceholderText(self.tr("e.g. Partner, Reception"))
        self.transfer_target = QLineEdit()
        self.transfer_target.setPlaceholderText(self.tr("number or SIP address for transfers"))
        self.availability = QComboBox()
        for value, title in self._availability_names.items():
            self.availability.addItem(title, value)
        self.availability.currentIndexChanged.connect(self._availability_changed)
        self.absent_until = QDateTimeEdit()
        self.absent_until.setCalendarPopup(True)
        self.absent_until.setDisplayFormat("dd.MM.yyyy HH:mm")
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("e.g. back after lunch, call mobile if urgent"))
        self.put_through = QPlainTextEdit()
        self.put_through.setObjectName("staff-put-through")
        self.put_through.setPlaceholderText(self.tr("caller numbers, one per line"))
        self.put_through.setMaximumHeight(80)

        form = QFormLayout()
        form.addRow(self.tr("Name:"), self.name)
        form.addRow(self.tr("Role:"), self.role)
        form.addRow(self.tr("Transfer to:"), self.transfer_target)
        form.addRow(self.tr("Availability:"), self.availability)
        form.addRow(self.tr("Absent until:"), self.absent_until)
        form.addRow(self.tr("Note:"), self.note)
        form.addRow(self.tr("Always put through:"), self.put_through)
        self.message = InlineMessage()
        self.new_button = QPushButton(self.tr("New"))
        self.new_button.clicked.connect(self.start_new)
        self.delete_button = QPushButton(self.tr("Delete"))
        self.delete_button.setObjectName("delete-staff")
        self.delete_button.clicked.connect(self.delete_selected)
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setObjectName("save-staff")
        self.save_button.clicked.connect(self.save)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)

        editor = QWidget()
        box = QVBoxLayout(editor)
        box.setContentsMargins(0, 0, 0, 0)
        box.addLayout(form)
        box.addWidget(self.message)
        box.addStretch(1)
        box.addLayout(buttons)
        splitter = QSplitter()
        splitter.addWidget(self.list)
        splitter.addWidget(editor)
        splitter.setSizes([240, 560])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self._staff: list[Staff] = []
        self._editing: Staff | None = None

    def reload(self) -> None:
        self.message.clear_message()
        keep = self._editing.id if self._editing else None
        self._staff = self.store.list_staff(self.client_id) if self.client_id else []
        self.list.blockSignals(True)
        self.list.clear()
        for person in self._staff:
            state = self._availability_names[person.availability]
            if person.availability == Availability.ABSENT_UNTIL and person.absent_until:
                state += " " + person.absent_until.astimezone().strftime("%d.%m. %H:%M")
            role = f" ({person.role})" if person.role else ""
            self.list.addItem(f"{person.name}{role} — {state}")
        self.list.blockSignals(False)
        ids = [s.id for s in self._staff]
        if keep in ids:
            self.list.setCurrentRow(ids.index(keep))
        elif self._staff:
            self.list.setCurrentRow(0)
        else:
            self.start_new()

    def _show_row(self, row: int) -> None:
        if 0 <= row < len(self._staff):
            self._show(self._staff[row])

    def _show(self, person: Staff | None) -> None:
        self._editing = person
        self.name.setText(person.name if person else "")
        self.role.setText(person.role if person else "")
        self.transfer_target.setText(person.transfer_target if person else "")
        availability = person.availability if person else Availability.PRESENT
        self.availability.setCurrentIndex(self.availability.findData(availability))
        until = person.absent_until if person and person.absent_until else None
        if until is None:
            until = dt.datetime.now(dt.UTC).replace(minute=0, second=0, microsecond=0)
            until += dt.timedelta(hours=2)
        self.absent_until.setDateTime(
            QDateTime.fromSecsSinceEpoch(int(until.timestamp()), QTimeZone.systemTimeZone())
        )
        self.note.setText(person.note if person else "")
        self.put_through.setPlainText("\n".join(person.always_put_through) if person else "")
        self.delete_button.setEnabled(person is not None)
        self._availability_changed()

    def _availability_changed(self) -> None:
        self.absent_until.setEnabled(self.availability.currentData() != Availability.PRESENT)

    def start_new(self) -> None:
        self.list.blockSignals(True)
        self.list.setCurrentRow(-1)
        self.list.blockSignals(False)
        self._show(None)
        self.name.setFocus()

    def form_staff(self) -> Staff:
        assert self.client_id is not None
        availability = Availability(self.availability.currentData())
        until = None
        if availability != Availability.PRESENT:
            seconds = self.absent_until.dateTime().toSecsSinceEpoch()
            until = dt.datetime.fromtimestamp(seconds, dt.UTC)
        values = Staff(
            client_id=self.client_id,
            name=self.name.text().strip(),
            role=self.role.text().strip(),
            transfer_target=self.transfer_target.text().strip(),
            availability=availability,
            absent_until=until,
            note=self.note.text().strip(),
            always_put_through=parse_number_lines(self.put_through.toPlainText()),
            position=self._editing.position if self._editing else len(self._staff),
        )
        return replace(values, id=self._editing.id) if self._editing else values

    def save(self) -> None:
        if self.client_id is None:
            return
        try:
            person = self.form_staff()
            stored = (
                self.store.update_staff(person)
                if person.id is not None
                else self.store.add_staff(person)
            )
        except (StoreError, ValueError) as exc:
            self.message.show_error(str(exc))
            return
        self._editing = stored
        self.reload()
        self.message.show_info(self.tr("Saved."))
        self._announce(Area.STAFF)

    def delete_selected(self) -> None:
        person = self._editing
        if person is None or person.id is None:
            return
        self.store.delete_staff(person.id)
        self._editing = None
        self.reload()
        self._announce(Area.STAFF)

        def undo() -> None:
            restored = self.store.add_staff(replace(person, id=None))
            if self.client_id == person.client_id:
                self._editing = restored
                self.reload()
            self._announce(Area.STAFF, person.client_id)

        self._offer_undo(self.tr("{0} deleted.").format(person.name), undo)
