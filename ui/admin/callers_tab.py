"""The client's callers (and the shared ones): search, add, edit, delete, VIP/blocked."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from clients import phone_numbers as pn
from clients.errors import StoreError
from clients.model import Caller
from storage.interfaces import ClientStore
from ui.admin.changes import Area
from ui.admin.form_widgets import HINT_STYLE, InlineMessage
from ui.admin.staff_tab import parse_number_lines
from ui.admin.tab_base import ClientTab

MAX_ROWS = 500  # more rows than this: the operator should search
SEARCH_DELAY_MS = 200


class CallersTab(ClientTab):
    def __init__(self, store: ClientStore, parent: QWidget | None = None) -> None:
        super().__init__(store, parent)
        self.search = QLineEdit()
        self.search.setObjectName("caller-search")
        self.search.setPlaceholderText(self.tr("Search name, company, notes or number …"))
        self.search.setClearButtonEnabled(True)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.refresh_list)
        self.search.textChanged.connect(lambda _: self._search_timer.start())
        self.search.returnPressed.connect(self.refresh_list)
        self.count = QLabel()
        self.count.setStyleSheet(HINT_STYLE)

        self.table = QTableWidget(0, 5)
        self.table.setObjectName("callers-table")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Name"), self.tr("Company"), self.tr("Numbers"), self.tr("Flags"), ""]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.table.setColumnWidth(0, 170)
        self.table.setColumnWidth(1, 150)
        self.table.setColumnWidth(2, 180)
        self.table.setColumnWidth(3, 90)
        self.table.currentCellChanged.connect(lambda row, *_: self._show_row(row))

        self.name = QLineEdit()
        self.name.setObjectName("caller-name")
        self.company = QLineEdit()
        self.company.setObjectName("caller-company")
        self.salutation = QLineEdit()
        self.salutation.setPlaceholderText(self.tr("how to address them, e.g. Herr Dr. Krause"))
        self.numbers = QLineEdit()
        self.numbers.setObjectName("caller-numbers")
        self.numbers.setPlaceholderText(self.tr("numbers, separated by commas"))
        self.notes = QPlainTextEdit()
        self.notes.setMaximumHeight(70)
        self.vip = QCheckBox(self.tr("VIP"))
        self.vip.setObjectName("caller-vip")
        self.blocked = QCheckBox(self.tr("Blocked"))
        self.blocked.setObjectName("caller-blocked")
        self.shared = QCheckBox(self.tr("Shared by all clients"))
        flags = QHBoxLayout()
        flags.addWidget(self.vip)
        flags.addWidget(self.blocked)
        flags.addWidget(self.shared)
        flags.addStretch(1)
        form = QFormLayout()
        form.addRow(self.tr("Name:"), self.name)
        form.addRow(self.tr("Company:"), self.company)
        form.addRow(self.tr("Salutation:"), self.salutation)
        form.addRow(self.tr("Numbers:"), self.numbers)
        form.addRow(self.tr("Notes:"), self.notes)
        form.addRow("", flags)
        self.message = InlineMessage()
        self.message.setObjectName("callers-message")
        self.new_button = QPushButton(self.tr("New caller"))
        self.new_button.setObjectName("new-caller")
        self.new_button.clicked.connect(self.start_new)
        self.delete_button = QPushButton(self.tr("Delete"))
        self.delete_button.setObjectName("delete-caller")
        self.delete_button.clicked.connect(self.delete_selected)
        self.save_button = QPushButton(self.tr("Save caller"))
        self.save_button.setObjectName("save-caller")
        self.save_button.clicked.connect(self.save)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)

        top = QWidget()
        top_box = QVBoxLayout(top)
        top_box.setContentsMargins(0, 0, 0, 0)
        search_row = QHBoxLayout()
        search_row.addWidget(self.search, 1)
        search_row.addWidget(self.count)
        top_box.addLayout(search_row)
        top_box.addWidget(self.table, 1)
        editor = QWidget()
        box = QVBoxLayout(editor)
        box.setContentsMargins(0, 0, 0, 0)
        box.addLayout(form)
        box.addWidget(self.message)
        box.addLayout(buttons)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(editor)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self._callers: list[Caller] = []
        self._editing: Caller | None = None

    # -- list ------------------------------------------------------------------------------

    def reload(self) -> None:
        self.message.clear_message()
        self.refresh_list()

    def refresh_list(self) -> None:
        self._search_timer.stop()
        client_id = self.client_id
        text = self.search.text().strip()
        if client_id is None:
            found: list[Caller] = []
        elif text:
            found = self.store.search_callers(client_id, text, limit=MAX_ROWS)
        else:
            found = self.store.list_callers(client_id) + self.store.list_callers(None)
        total = len(found)
        self._callers = found[:MAX_ROWS]
        keep = self._editing.id if self._editing else None
        self.table.blockSignals(True)
        self.table.setRowCount(len(self._callers))
        for row, caller in enumerate(self._callers):
            flags = " ".join(
                word
                for word, on in ((self.tr("VIP"), caller.vip), (self.tr("blocked"), caller.blocked))
                if on
            )
            cells = (
                caller.name,
                caller.company,
                ", ".join(pn.display(n) for n in caller.numbers),
                flags,
                self.tr("shared") if caller.client_id is None else "",
            )
            for column, text_ in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text_))
        self.table.blockSignals(False)
        if total > len(self._callers):
            self.count.setText(self.tr("{0} of {1} shown").format(len(self._callers), total))
        else:
            self.count.setText(self.tr("%n caller(s)", "", total))
        ids = [c.id for c in self._callers]
        if keep is not None and keep in ids:
            self.table.selectRow(ids.index(keep))
            self._show(self._callers[ids.index(keep)])
        elif keep is not None or self._editing is None:
            self.start_new()

    def rows(self) -> list[Caller]:
        return list(self._callers)

    def _show_row(self, row: int) -> None:
        if 0 <= row < len(self._callers):
            self._show(self._callers[row])

    def _show(self, caller: Caller | None) -> None:
        self._editing = caller
        self.name.setText(caller.name if caller else "")
        self.company.setText(caller.company if caller else "")
        self.salutation.setText(caller.salutation if caller else "")
        self.numbers.setText(", ".join(caller.numbers) if caller else "")
        self.notes.setPlainText(caller.notes if caller else "")
        self.vip.setChecked(bool(caller and caller.vip))
        self.blocked.setChecked(bool(caller and caller.blocked))
        self.shared.setChecked(bool(caller and caller.client_id is None))
        self.delete_button.setEnabled(caller is not None)
        self.save_button.setText(self.tr("Save caller") if caller else self.tr("Add caller"))

    def select_caller(self, caller_id: int) -> bool:
        ids = [c.id for c in self._callers]
        if caller_id not in ids:
            return False
        self.table.selectRow(ids.index(caller_id))
        self._show(self._callers[ids.index(caller_id)])
        return True

    def start_new(self) -> None:
        self.table.blockSignals(True)
        self.table.clearSelection()
        self.table.setCurrentCell(-1, -1)
        self.table.blockSignals(False)
        self._show(None)

    # -- writing ---------------------------------------------------------------------------

    def form_caller(self) -> Caller:
        client_id = None if self.shared.isChecked() else self.client_id
        caller = Caller(
            client_id=client_id,
            name=self.name.text().strip(),
            company=self.company.text().strip(),
            salutation=self.salutation.text().strip(),
            numbers=parse_number_lines(self.numbers.text()),
            notes=self.notes.toPlainText().strip(),
            vip=self.vip.isChecked(),
            blocked=self.blocked.isChecked(),
        )
        return replace(caller, id=self._editing.id) if self._editing else caller

    def save(self) -> None:
        if self.client_id is None:
            return
        try:
            caller = self.form_caller()
            stored = (
                self.store.update_caller(caller)
                if caller.id is not None
                else self.store.add_caller(caller)
            )
        except (StoreError, ValueError) as exc:
            self.message.show_error(str(exc))
            return
        self._editing = stored
        self.refresh_list()
        if not self.select_caller(stored.id or -1):
            self._show(stored)
        self.message.show_info(self.tr("Saved."))
        self._announce(Area.CALLERS)

    def delete_selected(self) -> None:
        caller = self._editing
        if caller is None or caller.id is None:
            return
        self.store.delete_caller(caller.id)
        self._editing = None
        self.refresh_list()
        self._announce(Area.CALLERS)

        def undo() -> None:
            restored = self.store.add_caller(replace(caller, id=None))
            self._editing = restored
            self.refresh_list()
            self._announce(Area.CALLERS, caller.client_id)

        label = caller.name or caller.company
        self._offer_undo(self.tr("Caller {0} deleted.").format(label), undo)
