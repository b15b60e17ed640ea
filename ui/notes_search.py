"""Search the notes of one client: words, caller, date range; double-click opens a note.

The client must be chosen first — the store cannot search across clients, so the list
never shows another client's note. Searching runs as the operator types (debounced); it
takes a few milliseconds even over a million notes, so it stays on the GUI thread.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo

from PySide6.QtCore import QDate, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from appenv import logs
from notes.model import Note, NoteQuery, Urgency
from storage.changes import CLIENTS, NOTES, Changes
from storage.interfaces import ClientStore, NotesStore

log = logs.get("ui")

SEARCH_DELAY_MS = 200


class NotesSearch(QWidget):
    """Emits ``open_note(note_id)`` when a result is double-clicked (or Enter is pressed)."""

    open_note = Signal(int)

    def __init__(
        self, store: ClientStore, notes: NotesStore, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("notes-search")
        self.store = store
        self.notes = notes
        self.results: list[Note] = []

        self.client_box = QComboBox()
        self.client_box.setObjectName("search-client")
        self.text = QLineEdit()
        self.text.setObjectName("search-text")
        self.text.setPlaceholderText(self.tr("Words in the note…"))
        self.text.setClearButtonEnabled(True)
        self.caller = QLineEdit()
        self.caller.setObjectName("search-caller")
        self.caller.setPlaceholderText(self.tr("Caller name, company or number…"))
        self.caller.setClearButtonEnabled(True)
        self.use_dates = QCheckBox(self.tr("From"))
        self.use_dates.setObjectName("search-use-dates")
        today = QDate.currentDate()
        self.date_from = QDateEdit(today.addDays(-30))
        self.date_from.setObjectName("search-from")
        self.date_to = QDateEdit(today)
        self.date_to.setObjectName("search-to")
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd.MM.yyyy")
            edit.setEnabled(False)
        self.count = QLabel()
        self.count.setObjectName("search-count")

        self.table = QTableWidget(0, 5)
        self.table.setObjectName("search-results")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Time"), self.tr("Caller"), self.tr("Subject"), self.tr("Urgency"),
             self.tr("For")]
        )  # fmt: skip
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.cellDoubleClicked.connect(lambda row, _col: self._open(row))
        self.table.itemActivated.connect(lambda item: self._open(item.row()))

        top = QHBoxLayout()
        top.addWidget(self.client_box, 1)
        top.addWidget(self.text, 2)
        top.addWidget(self.caller, 1)
        dates = QHBoxLayout()
        dates.addWidget(self.use_dates)
        dates.addWidget(self.date_from)
        dates.addWidget(QLabel(self.tr("to")))
        dates.addWidget(self.date_to)
        dates.addStretch(1)
        dates.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(dates)
        layout.addWidget(self.table, 1)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.search)
        self.text.textChanged.connect(self._timer.start)
        self.caller.textChanged.connect(self._timer.start)
        self.text.returnPressed.connect(self.search)
        self.caller.returnPressed.connect(self.search)
        self.use_dates.toggled.connect(self._dates_toggled)
        self.date_from.dateChanged.connect(self._timer.start)
        self.date_to.dateChanged.connect(self._timer.start)
        self.client_box.currentIndexChanged.connect(self.search)
        self.reload_clients()

    @Slot(object)
    def on_database_changed(self, changes: Changes) -> None:
        """Notes saved anywhere (a note form, another thread): search again; clients
        added or renamed: refill the list."""
        if changes.touches(CLIENTS):
            self.reload_clients()
        if changes.touches(NOTES) and not self._timer.isActive():
            self._timer.start()

    def reload_clients(self) -> None:
        """Refill the client list (after clients were added or renamed), keeping the choice."""
        current = self.client_box.currentData()
        self.client_box.blockSignals(True)
        self.client_box.clear()
        self.client_box.addItem(self.tr("— choose a client —"), None)
        for client in self.store.list_clients():
            self.client_box.addItem(f"{client.name} ({client.code})", client.id)
        self.client_box.setCurrentIndex(max(0, self.client_box.findData(current)))
        self.client_box.blockSignals(False)

    def set_client(self, client_id: int | None) -> None:
        self.client_box.setCurrentIndex(max(0, self.client_box.findData(client_id)))

    def _dates_toggled(self, on: bool) -> None:
        self.date_from.setEnabled(on)
        self.date_to.setEnabled(on)
        self.search()

    def query(self) -> NoteQuery | None:
        """The search the panel describes, or ``None`` without a client."""
        client_id = self.client_box.currentData()
        if client_id is None:
            return None
        since = until = None
        if self.use_dates.isChecked():
            client = self.store.get_client(client_id)
            tz = zoneinfo.ZoneInfo(client.timezone if client else "Europe/Berlin")
            first = self.date_from.date().toPython()
            last = self.date_to.date().toPython()
            assert isinstance(first, dt.date) and isinstance(last, dt.date)
            first, last = min(first, last), max(first, last)
            since = dt.datetime.combine(first, dt.time(0), tzinfo=tz)
            until = dt.datetime.combine(last + dt.timedelta(days=1), dt.time(0), tzinfo=tz)
        return NoteQuery(
            client_id=client_id,
            text=self.text.text(),
            caller=self.caller.text(),
            since=since,
            until=until,
            limit=200,
        )

    def search(self) -> list[Note]:
        self._timer.stop()
        query = self.query()
        self.results = [] if query is None else self.notes.search(query)
        self._show(query is not None)
        return self.results

    def _urgency(self, urgency: Urgency) -> str:
        return {
            Urgency.URGENT: self.tr("urgent"),
            Urgency.NORMAL: self.tr("normal"),
            Urgency.LOW: self.tr("low"),
        }[urgency]

    def _show(self, has_client: bool) -> None:
        self.table.setRowCount(0)
        client = self.store.get_client(self.client_box.currentData()) if has_client else None
        tz = zoneinfo.ZoneInfo(client.timezone) if client is not None else None
        for row, note in enumerate(self.results):
            self.table.insertRow(row)
            caller = " · ".join(p for p in (note.caller_name, note.caller_company) if p)
            values = (
                note.noted_at.astimezone(tz).strftime("%d.%m.%Y %H:%M"),
                caller or note.callback_number,
                note.subject or (note.message.splitlines()[0] if note.message else ""),
                self._urgency(note.urgency),
                note.for_whom,
            )
            for col, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, note.id)
                if note.urgency is Urgency.URGENT:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.table.setItem(row, col, item)
        if not has_client:
            self.count.setText(self.tr("Choose a client to search its notes."))
        else:
            self.count.setText(self.tr("%n note(s)", "", len(self.results)))

    def _open(self, row: int) -> None:
        if 0 <= row < len(self.results) and self.results[row].id is not None:
            note_id = self.results[row].id
            assert note_id is not None
            self.open_note.emit(note_id)
