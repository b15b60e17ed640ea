"""The admin window: every client with its numbers, hours, scripts, staff, FAQ, callers.

Edits are written to the store at once (each form has its own Save); after every write
:attr:`AdminWindow.clients_changed` carries an :class:`~ui.admin.changes.AdminChange`
so the main window and screen-pops can refresh what they show. Deleting a number,
closure, script, staff member, FAQ entry or caller offers "Undo" for a few seconds, which
adds the deleted item again (as a new row: its id changes, everything else is restored).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressBar,
    QSplitter,
    QStyle,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from clients.importing import ImportReport
from clients.model import Client
from storage.interfaces import ClientStore
from ui.admin.callers_tab import CallersTab
from ui.admin.changes import AdminChange, Area
from ui.admin.client_list import ClientList
from ui.admin.faq_tab import FaqTab
from ui.admin.file_exchange import FileExchange, WorkerStore
from ui.admin.form_widgets import swatch_icon
from ui.admin.general_tab import GeneralTab
from ui.admin.hours_tab import HoursTab
from ui.admin.numbers_tab import NumbersTab
from ui.admin.scripts_tab import ScriptsTab
from ui.admin.staff_tab import StaffTab
from ui.admin.tab_base import ClientTab
from ui.admin.undo_bar import UndoBar

_FAR_PAST = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_FAR_FUTURE = dt.datetime(9999, 1, 1, tzinfo=dt.UTC)


class AdminWindow(QMainWindow):
    """Open it from the main window's menu; it is a top-level window even with a parent."""

    clients_changed = Signal(object)  # AdminChange

    def __init__(
        self,
        store: ClientStore,
        parent: QWidget | None = None,
        *,
        operator: str = "",
        worker_store: WorkerStore | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.setObjectName("admin-window")
        self.setWindowTitle(self.tr("Clients and callers — Vorzimmer"))
        self.resize(1100, 720)
        self.current: Client | None = None

        self.client_list = ClientList(store)
        self.client_list.selected.connect(self._client_selected)
        self.client_list.new_requested.connect(self.start_new_client)
        self.client_list.delete_requested.connect(self.delete_client)

        self.general = GeneralTab(store)
        self.numbers = NumbersTab(store)
        self.hours = HoursTab(store)
        self.scripts = ScriptsTab(store, operator)
        self.staff = StaffTab(store)
        self.faq = FaqTab(store)
        self.callers = CallersTab(store)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("client-tabs")
        for tab, title in (
            (self.general, self.tr("General")),
            (self.numbers, self.tr("Numbers")),
            (self.hours, self.tr("Hours")),
            (self.scripts, self.tr("Scripts")),
            (self.staff, self.tr("Staff")),
            (self.faq, self.tr("FAQ")),
            (self.callers, self.tr("Callers")),
        ):
            self.tabs.addTab(tab, title)
            tab.changed.connect(self._tab_changed)
            tab.undo_offered.connect(self._offer_undo)
        self.general.client_saved.connect(self._client_saved)

        self.header = QLabel()
        self.header.setObjectName("client-header")
        font = self.header.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.header.setFont(font)
        self.header_swatch = QLabel()
        header_row = QHBoxLayout()
        header_row.addWidget(self.header_swatch)
        header_row.addWidget(self.header, 1)

        editor = QWidget()
        editor_box = QVBoxLayout(editor)
        editor_box.setContentsMargins(0, 0, 0, 0)
        editor_box.addLayout(header_row)
        editor_box.addWidget(self.tabs, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.client_list)
        splitter.addWidget(editor)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([290, 810])

        self.undo_bar = UndoBar()
        self.body = QWidget()
        body_box = QVBoxLayout(self.body)
        body_box.setContentsMargins(8, 8, 8, 4)
        body_box.addWidget(splitter, 1)
        body_box.addWidget(self.undo_bar)
        self.setCentralWidget(self.body)

        self.exchange = FileExchange(store, self, worker_store)
        self.exchange.busy_changed.connect(self._busy_changed)
        self.exchange.imported.connect(self._imported)
        self.exchange.exported.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.busy_label = QLabel()
        self.busy_bar = QProgressBar()
        self.busy_bar.setObjectName("busy-bar")
        self.busy_bar.setRange(0, 0)  # "busy": the importers do not report progress
        self.busy_bar.setMaximumWidth(160)
        self.statusBar().addPermanentWidget(self.busy_label)
        self.statusBar().addPermanentWidget(self.busy_bar)
        self._busy_changed(False, "")
        self._build_toolbar()

        self.client_list.reload()
        if self.current is None and self.client_list.table.rowCount():
            self.client_list.table.selectRow(0)

    # -- toolbar: import and export ----------------------------------------------------------

    def _build_toolbar(self) -> None:
        toolbar = self.addToolBar(self.tr("Import and export"))
        toolbar.setObjectName("admin-toolbar")
        toolbar.setMovable(False)
        self.toolbar = toolbar

        def action(text: str, name: str, slot: Callable[[], None]) -> QAction:
            act = QAction(text, self)
            act.setObjectName(name)
            act.triggered.connect(slot)
            return act

        self.action_import_clients = action(
            self.tr("Clients from CSV …"), "import-clients", self.exchange.import_clients
        )
        self.action_import_callers = action(
            self.tr("Callers of this client from CSV or vCard …"),
            "import-callers",
            lambda: self.exchange.import_callers(self._current_id()),
        )
        self.action_import_shared = action(
            self.tr("Shared callers from CSV or vCard …"),
            "import-shared-callers",
            lambda: self.exchange.import_callers(None),
        )
        self.action_export_clients = action(
            self.tr("Clients to CSV …"), "export-clients", self.exchange.export_clients
        )
        self.action_export_callers = action(
            self.tr("Callers of this client to CSV or vCard …"),
            "export-callers",
            lambda: self.exchange.export_callers(self._current_id(), None, self._suggest()),
        )
        self.action_export_shared = action(
            self.tr("Shared callers to CSV or vCard …"),
            "export-shared-callers",
            lambda: self.exchange.export_callers(None, None, "shared-callers.vcf"),
        )
        style = self.style()
        for title, icon, actions in (
            (
                self.tr("Import"),
                style.standardIcon(QStyle.StandardPixmap.SP_DialogOpenButton),
                (self.action_import_clients, self.action_import_callers, self.action_import_shared),
            ),
            (
                self.tr("Export"),
                style.standardIcon(QStyle.StandardPixmap.SP_DialogSaveButton),
                (self.action_export_clients, self.action_export_callers, self.action_export_shared),
            ),
        ):
            menu = QMenu(self)
            for act in actions:
                menu.addAction(act)
            button = QToolButton()
            button.setText(title)
            button.setIcon(icon)
            button.setMenu(menu)
            button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            toolbar.addWidget(button)
        self._update_actions()

    def _current_id(self) -> int | None:
        return self.current.id if self.current else None

    def _suggest(self) -> str:
        code = self.current.code if self.current else "callers"
        return f"{code}-callers.vcf"

    def _update_actions(self) -> None:
        has_client = self.current is not None
        self.action_import_callers.setEnabled(has_client)
        self.action_export_callers.setEnabled(has_client)

    def _busy_changed(self, busy: bool, what: str) -> None:
        self.body.setEnabled(not busy)
        if hasattr(self, "toolbar"):
            self.toolbar.setEnabled(not busy)
        self.busy_label.setText(what)
        self.busy_label.setVisible(busy)
        self.busy_bar.setVisible(busy)

    def _imported(self, report: ImportReport) -> None:
        if not report.committed:
            self.statusBar().showMessage(self.tr("Nothing was imported."), 8000)
            return
        self.client_list.reload(self._current_id())
        self._load_tabs(self.current)
        self.statusBar().showMessage(report.summary(), 8000)
        self.clients_changed.emit(AdminChange(Area.IMPORT, None))

    # -- clients -----------------------------------------------------------------------------

    @property
    def client_tabs(self) -> tuple[ClientTab, ...]:
        return (self.numbers, self.hours, self.scripts, self.staff, self.faq, self.callers)

    def show_client(self, client_id: int) -> None:
        """Select a client (e.g. "edit this client" from a screen-pop)."""
        self.client_list.select(client_id)

    def _client_selected(self, client: Client | None) -> None:
        if client is not None and self.current is not None and client.id == self.current.id:
            return
        if not self._may_leave():
            self.client_list.blockSignals(True)
            self.client_list.reload(self._current_id())
            self.client_list.blockSignals(False)
            return
        self.current = client
        self._load_tabs(client)

    def _load_tabs(self, client: Client | None) -> None:
        self.general.set_client(client)
        for tab in self.client_tabs:
            tab.set_client(client)
        self._show_header(client)
        self._update_actions()

    def _show_header(self, client: Client | None) -> None:
        if client is None:
            self.header.setText(
                self.tr("New client")
                if self.general.creating
                else self.tr("No client selected — pick one, click New or import a CSV file")
            )
            self.header_swatch.clear()
            return
        self.header.setText(f"{client.code} · {client.name}")
        self.header_swatch.setPixmap(swatch_icon(client.colour, 20).pixmap(20, 20))

    def unsaved_changes(self) -> list[str]:
        """Names of the forms with edits not yet saved."""
        names = []
        if self.general.has_unsaved_changes():
            names.append(self.tr("General"))
        if self.scripts.has_unsaved_changes():
            names.append(self.tr("Scripts"))
        return names

    def _may_leave(self) -> bool:
        names = self.unsaved_changes()
        return not names or self.confirm_discard(names)

    def confirm_discard(self, names: list[str]) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("Unsaved changes"),
            self.tr("Unsaved changes in: {0}. Discard them?").format(", ".join(names)),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Discard

    def start_new_client(self) -> None:
        if not self._may_leave():
            return
        self.client_list.blockSignals(True)
        self.client_list.table.clearSelection()
        self.client_list.table.setCurrentCell(-1, -1)
        self.client_list.blockSignals(False)
        self.current = None
        for tab in self.client_tabs:
            tab.set_client(None)
        self.general.start_new()
        self.tabs.setCurrentWidget(self.general)
        self._show_header(None)
        self._update_actions()

    def _client_saved(self, client: Client, created: bool) -> None:
        self.current = client
        self.client_list.blockSignals(True)
        self.client_list.reload(client.id)
        self.client_list.blockSignals(False)
        if created:
            for tab in self.client_tabs:
                tab.set_client(client)
            self.statusBar().showMessage(
                self.tr("Client {0} created — now add its numbers.").format(client.code), 8000
            )
        else:
            for tab in self.client_tabs:
                tab.client = client  # name, language, zone for previews; no reload needed
            self.scripts.update_preview()
        self._show_header(client)
        self._update_actions()

    def delete_client(self, client: Client) -> None:
        if client.id is None:
            return
        profile = self.store.get_profile(client.id)
        callers = len(self.store.list_callers(client.id))
        calls = len(self.store.calls_between(client.id, _FAR_PAST, _FAR_FUTURE))
        text = self.tr(
            "Delete the client {0} ({1})?\n\nThis deletes its {2} number(s), scripts, hours, "
            "{3} staff member(s), FAQ and {4} caller(s). It cannot be undone — export its "
            "callers first if you may need them.\n\nThe {5} logged call(s) and their notes "
            "stay in the history, no longer linked to a client."
        ).format(
            client.code,
            client.name,
            len(profile.numbers) if profile else 0,
            len(profile.staff) if profile else 0,
            callers,
            calls,
        )
        if not self.confirm_delete(text):
            return
        self.store.delete_client(client.id)
        self.current = None
        self.client_list.reload()
        self.statusBar().showMessage(self.tr("Client {0} deleted.").format(client.code), 8000)
        self.clients_changed.emit(AdminChange(Area.CLIENT, client.id, deleted=True))

    def confirm_delete(self, text: str) -> bool:
        answer = QMessageBox.warning(
            self,
            self.tr("Delete client"),
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Yes

    # -- changes and undo --------------------------------------------------------------------

    def _tab_changed(self, area: Area, client_id: int | None) -> None:
        if area == Area.HOURS:
            self.scripts.update_preview()  # the vacation preview uses closures
        self.clients_changed.emit(AdminChange(area, client_id))

    def _offer_undo(self, message: str, undo: Callable[[], None]) -> None:
        self.undo_bar.offer(message, undo)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.exchange.busy:
            self.statusBar().showMessage(self.tr("Please wait until the import has finished."))
            event.ignore()
            return
        if not self._may_leave():
            event.ignore()
            return
        self.undo_bar.expire()
        event.accept()
