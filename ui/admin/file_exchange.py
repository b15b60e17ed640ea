"""Import and export of clients and callers, off the GUI thread through ``ui.tasks``.

Which store the background task uses: the store's own :meth:`ClientStore.background`
(for a SQLite file a second connection, opened inside the task and closed when it ends:
with WAL the GUI's own connection keeps reading while the import writes, and the GUI
thread never waits on the lock the import holds for its whole transaction).
While a task runs the admin window is disabled, so nothing edits underneath an import.
The importers write everything or nothing, so a failed import leaves no partial data.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget
from shiboken6 import isValid

from appenv import logs
from clients import exporting, importing
from clients.importing import ImportReport, UnusableFile
from storage.interfaces import ClientStore
from ui.admin.import_report_dialog import ImportReportDialog
from ui.tasks import run_task

log = logs.get("ui")

WorkerStore = Callable[[], contextlib.AbstractContextManager[ClientStore]]
CSV_FILTER = "CSV (*.csv *.txt)"
CALLER_FILTER = "CSV / vCard (*.csv *.txt *.vcf *.vcard)"


def default_worker_store(store: ClientStore) -> WorkerStore:
    """How a background task gets a store (see the module docstring)."""
    return store.background


class FileExchange(QObject):
    """Runs imports and exports for the admin window and reports what came of them."""

    busy_changed = Signal(bool, str)  # busy, what is being done
    imported = Signal(object)  # ImportReport — committed or not
    exported = Signal(str)  # message for the status line
    failed = Signal(str)  # the file could not be used / written

    def __init__(
        self, store: ClientStore, parent: QWidget, worker_store: WorkerStore | None = None
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.widget = parent
        self.worker_store = worker_store or default_worker_store(store)
        self.busy = False
        self.last_dialog: QWidget | None = None
        # replaceable in tests: (title, filter) → path or None
        self.ask_open_path: Callable[[str, str], Path | None] = self._ask_open
        self.ask_save_path: Callable[[str, str, str], Path | None] = self._ask_save

    # -- file dialogs ----------------------------------------------------------------------

    def _ask_open(self, title: str, filters: str) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(self.widget, title, "", filters)
        return Path(name) if name else None

    def _ask_save(self, title: str, suggested: str, filters: str) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(self.widget, title, suggested, filters)
        return Path(name) if name else None

    # -- imports ---------------------------------------------------------------------------

    def import_clients(self, path: Path | None = None) -> None:
        path = path or self.ask_open_path(self.tr("Import clients"), CSV_FILTER)
        if path is None:
            return
        self._run_import(path, lambda store: importing.import_clients(store, path))

    def import_callers(self, client_id: int | None, path: Path | None = None) -> None:
        path = path or self.ask_open_path(self.tr("Import callers"), CALLER_FILTER)
        if path is None:
            return
        self._run_import(path, lambda store: importing.import_callers(store, path, client_id))

    def _run_import(self, path: Path, work: Callable[[ClientStore], ImportReport]) -> None:
        if self.busy:
            return
        opener = self.worker_store

        def task() -> ImportReport:
            with opener() as store:
                return work(store)

        self._set_busy(True, self.tr("Importing {0} …").format(path.name))
        run_task(task, lambda report: self._import_done(path, report), self._failed, owner=self)

    def _import_done(self, path: Path, report: ImportReport) -> None:
        if not isValid(self):
            return
        self._set_busy(False, "")
        dialog = ImportReportDialog(report, path.name, self.widget)
        self.last_dialog = dialog
        dialog.open()
        self.imported.emit(report)

    # -- exports ---------------------------------------------------------------------------

    def export_clients(self, path: Path | None = None) -> None:
        path = path or self.ask_save_path(self.tr("Export clients"), "clients.csv", CSV_FILTER)
        if path is None:
            return
        self._run_export(
            path,
            lambda store: exporting.export_clients(store, path),
            self.tr("{0} clients exported to {1}."),
        )

    def export_callers(
        self, client_id: int | None, path: Path | None = None, suggested: str = "callers.vcf"
    ) -> None:
        """vCard when the file name ends in ``.vcf``, else CSV."""
        path = path or self.ask_save_path(self.tr("Export callers"), suggested, CALLER_FILTER)
        if path is None:
            return
        self._run_export(
            path,
            lambda store: exporting.export_callers(store, client_id, path),
            self.tr("{0} callers exported to {1}."),
        )

    def _run_export(self, path: Path, work: Callable[[ClientStore], int], message: str) -> None:
        if self.busy:
            return
        opener = self.worker_store

        def task() -> int:
            with opener() as store:
                return work(store)

        def done(count: int) -> None:
            if not isValid(self):
                return
            self._set_busy(False, "")
            self.exported.emit(message.format(count, path))

        self._set_busy(True, self.tr("Exporting {0} …").format(path.name))
        run_task(task, done, self._failed, owner=self)

    # -- shared ----------------------------------------------------------------------------

    def _set_busy(self, busy: bool, what: str) -> None:
        self.busy = busy
        self.busy_changed.emit(busy, what)

    def _failed(self, exc: Exception) -> None:
        if not isValid(self):
            return
        self._set_busy(False, "")
        if isinstance(exc, UnusableFile | OSError):
            text = str(exc)
        else:
            log.error("import/export failed: %s\n%s", exc, getattr(exc, "__traceback_text__", ""))
            text = self.tr("Unexpected error: {0}. Nothing was imported.").format(exc)
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Import / export"),
            text,
            QMessageBox.StandardButton.Ok,
            self.widget,
        )
        box.setObjectName("exchange-error")
        self.last_dialog = box
        box.open()
        self.failed.emit(text)
