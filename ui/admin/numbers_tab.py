"""The numbers that identify a client, each stored in its normalised (E.164) form."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from clients import phone_numbers as pn
from clients.errors import StoreError
from clients.model import ClientNumber
from storage.interfaces import ClientStore
from ui.admin.changes import Area
from ui.admin.form_widgets import HINT_STYLE, InlineMessage
from ui.admin.tab_base import ClientTab


class NumbersTab(ClientTab):
    """List, add and remove numbers; what a typed number becomes is shown while typing."""

    def __init__(self, store: ClientStore, parent: QWidget | None = None) -> None:
        super().__init__(store, parent)
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("numbers-table")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Number (stored)"), self.tr("Shown as"), self.tr("Label")]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)

        self.number_input = QLineEdit()
        self.number_input.setObjectName("number-input")
        self.number_input.setPlaceholderText(self.tr("e.g. 030 1234567 or +49 30 1234567"))
        self.number_input.textChanged.connect(self._update_preview)
        self.number_input.returnPressed.connect(self.add)
        self.label_input = QLineEdit()
        self.label_input.setObjectName("number-label")
        self.label_input.setPlaceholderText(self.tr("label, e.g. DID or forwarding"))
        self.label_input.returnPressed.connect(self.add)
        self.add_button = QPushButton(self.tr("Add number"))
        self.add_button.setObjectName("add-number")
        self.add_button.clicked.connect(self.add)
        self.remove_button = QPushButton(self.tr("Remove"))
        self.remove_button.setObjectName("remove-number")
        self.remove_button.clicked.connect(self.remove_selected)
        self.preview = QLabel()
        self.preview.setObjectName("number-preview")
        self.preview.setStyleSheet(HINT_STYLE)
        self.message = InlineMessage()
        self.message.setObjectName("numbers-message")

        entry = QHBoxLayout()
        entry.addWidget(self.number_input, 3)
        entry.addWidget(self.label_input, 2)
        entry.addWidget(self.add_button)
        below = QHBoxLayout()
        below.addWidget(self.preview, 1)
        below.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        hint = QLabel(
            self.tr(
                "Calls to these numbers are answered for this client. A number can belong "
                "to one client only."
            )
        )
        hint.setWordWrap(True)
        layout.addWidget(hint)
        layout.addWidget(self.table, 1)
        layout.addLayout(entry)
        layout.addLayout(below)
        layout.addWidget(self.message)
        self._numbers: list[ClientNumber] = []
        self._update_preview("")

    def reload(self) -> None:
        self.message.clear_message()
        numbers = self.store.list_numbers(self.client_id) if self.client_id else []
        self._numbers = numbers
        self.table.setRowCount(len(numbers))
        for row, number in enumerate(numbers):
            self.table.setItem(row, 0, QTableWidgetItem(number.number))
            self.table.setItem(row, 1, QTableWidgetItem(pn.display(number.number)))
            self.table.setItem(row, 2, QTableWidgetItem(number.label))
        self.remove_button.setEnabled(bool(numbers))

    def numbers(self) -> list[str]:
        return [n.number for n in self._numbers]

    def _update_preview(self, text: str) -> None:
        if not text.strip():
            self.preview.setText(self.tr("Type a number in any usual form."))
            return
        key = pn.normalise(text)
        if key is None:
            self.preview.setText(self.tr("Not a phone number yet."))
        elif pn.is_internal(key):
            self.preview.setText(self.tr("→ {0} (internal extension)").format(key))
        else:
            self.preview.setText(self.tr("→ {0}").format(key))

    def add(self) -> None:
        if self.client_id is None:
            return
        raw = self.number_input.text().strip()
        if not raw:
            self.message.show_error(self.tr("Please type a number first."))
            return
        try:
            added = self.store.add_number(self.client_id, raw, self.label_input.text().strip())
        except StoreError as exc:
            self.message.show_error(str(exc))
            return
        self.number_input.clear()
        self.label_input.clear()
        self.reload()
        self.message.show_info(self.tr("Added {0}.").format(added.number))
        self._announce(Area.NUMBERS)

    def remove_selected(self) -> None:
        row = self.table.currentRow()
        if self.client_id is None or not 0 <= row < len(self._numbers):
            return
        removed = self._numbers[row]
        self.store.remove_number(removed.number)
        self.reload()
        self._announce(Area.NUMBERS)

        def undo() -> None:
            self.store.add_number(removed.client_id, removed.number, removed.label)
            if self.client_id == removed.client_id:
                self.reload()
            self._announce(Area.NUMBERS, removed.client_id)

        self._offer_undo(self.tr("Number {0} removed.").format(removed.number), undo)
