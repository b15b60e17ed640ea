"""The list of clients at the left of the admin window: search, swatch, code, name."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from clients.model import Client
from storage.interfaces import ClientStore
from ui.admin.form_widgets import swatch_icon


class ClientList(QWidget):
    selected = Signal(object)  # Client or None
    new_requested = Signal()
    delete_requested = Signal(object)  # Client

    def __init__(self, store: ClientStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.search = QLineEdit()
        self.search.setObjectName("client-search")
        self.search.setPlaceholderText(self.tr("Search clients …"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filter)
        self.table = QTableWidget(0, 2)
        self.table.setObjectName("client-table")
        self.table.setHorizontalHeaderLabels([self.tr("Code"), self.tr("Name")])
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setShowGrid(False)
        # fixed widths: "resize to contents" re-measures every row on each setItem (O(n²))
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.setColumnWidth(0, 100)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.currentCellChanged.connect(lambda row, *_: self._emit_selected(row))
        self.new_button = QPushButton(self.tr("New"))
        self.new_button.setObjectName("new-client")
        self.new_button.clicked.connect(self.new_requested.emit)
        self.delete_button = QPushButton(self.tr("Delete"))
        self.delete_button.setObjectName("delete-client")
        self.delete_button.clicked.connect(self._delete_clicked)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self._clients: list[Client] = []
        self.setMinimumWidth(260)

    @property
    def current(self) -> Client | None:
        row = self.table.currentRow()
        if row < 0 or self.table.isRowHidden(row) or row >= len(self._clients):
            return None
        return self._clients[row]

    def reload(self, select_id: int | None = None) -> None:
        """Re-read the clients; keeps (or moves to) ``select_id`` when given."""
        keep = select_id if select_id is not None else (self.current.id if self.current else None)
        self._clients = self.store.list_clients()
        self.table.blockSignals(True)
        self.table.setUpdatesEnabled(False)
        self.table.setRowCount(0)
        self.table.setRowCount(len(self._clients))
        for row, client in enumerate(self._clients):
            code = QTableWidgetItem(swatch_icon(client.colour), client.code)
            code.setData(Qt.ItemDataRole.UserRole, client.id)
            self.table.setItem(row, 0, code)
            self.table.setItem(row, 1, QTableWidgetItem(client.name))
        self.table.setUpdatesEnabled(True)
        self.table.blockSignals(False)
        self._filter(self.search.text())
        ids = [c.id for c in self._clients]
        if keep in ids:
            self.table.selectRow(ids.index(keep))
        else:
            self.table.clearSelection()
            self.table.setCurrentCell(-1, -1)
        self._emit_selected(self.table.currentRow())

    def select(self, client_id: int) -> None:
        ids = [c.id for c in self._clients]
        if client_id in ids:
            self.search.clear()
            self.table.selectRow(ids.index(client_id))

    def _filter(self, text: str) -> None:
        needle = text.strip().casefold()
        for row, client in enumerate(self._clients):
            visible = not needle or needle in f"{client.code} {client.name}".casefold()
            self.table.setRowHidden(row, not visible)

    def _emit_selected(self, row: int) -> None:
        client = self._clients[row] if 0 <= row < len(self._clients) else None
        self.delete_button.setEnabled(client is not None)
        self.selected.emit(client)

    def _delete_clicked(self) -> None:
        if self.current is not None:
            self.delete_requested.emit(self.current)
