"""What was delivered to clients, what waits and what failed — and a way to send again.

Every read and write goes through :func:`ui.tasks.run_task` on the app's database (its
one lock makes that safe on a pool thread). The view never sends
anything itself; after a resend it emits ``requeued`` and the scheduler delivers.
"""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from appenv import logs
from appenv.files import atomic_write
from reports.delivery_jobs import DeliveryAttempt, DeliveryJob
from reports.delivery_queue import DeliveryQueue
from storage.changes import DELIVERIES, Changes
from storage.interfaces import Database
from ui.delivery_dialogs import AttemptsDialog, ResendDialog, local_time
from ui.delivery_jobs_model import DeliveryJobsModel
from ui.tasks import run_task

__all__ = ["DeliveriesView"]

log = logs.get("ui")


class DeliveriesView(QWidget):
    """The delivery log: filterable table, resend, attempts, the PDF as it was sent.

    Signals: ``requeued(int)`` after the operator queued a job again (connect it to
    :meth:`ui.report_scheduler.ReportScheduler.run_now`), ``loaded()`` after each refresh,
    ``pdf_written(str)`` with the temporary file handed to the PDF viewer, ``error(str)``
    for the status bar.
    """

    requeued = Signal(int)
    loaded = Signal()
    pdf_written = Signal(str)
    error = Signal(str)

    def __init__(
        self,
        db: Database,
        parent: QWidget | None = None,
        *,
        operator: str = "",
        now: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC),
    ) -> None:
        super().__init__(parent)
        self.setObjectName("deliveries-view")
        self.queue = DeliveryQueue(db.deliveries)
        self.operator = operator
        self.now = now  # the scheduler's clock: a resent job is due "now" for it
        self.open_url: Callable[[QUrl], object] = QDesktopServices.openUrl
        self._all: list[DeliveryJob] = []
        self._generation = 0
        self._shown_once = False
        self._pdf_dir: tempfile.TemporaryDirectory[str] | None = None
        self._refresh_due = QTimer(self)
        self._refresh_due.setSingleShot(True)
        self._refresh_due.setInterval(50)
        self._refresh_due.timeout.connect(self.refresh)

        self.state_filter = QComboBox()
        self.state_filter.setObjectName("state-filter")
        self.state_filter.addItem(self.tr("All states"), "")
        for state, title in (
            ("pending", self.tr("Pending")),
            ("sending", self.tr("Sending")),
            ("sent", self.tr("Sent")),
            ("failed", self.tr("Failed")),
        ):
            self.state_filter.addItem(title, state)
        self.client_filter = QComboBox()
        self.client_filter.setObjectName("client-filter")
        self.client_filter.addItem(self.tr("All clients"), "")
        self.state_filter.currentIndexChanged.connect(self._apply_filter)
        self.client_filter.currentIndexChanged.connect(self._apply_filter)

        self.model = DeliveryJobsModel(self)
        self.table = QTableView()
        self.table.setObjectName("deliveries")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(lambda _i: self.show_attempts())

        self.resend_button = QPushButton(self.tr("Resend…"))
        self.resend_button.setObjectName("resend")
        self.attempts_button = QPushButton(self.tr("Show attempts"))
        self.attempts_button.setObjectName("show-attempts")
        self.pdf_button = QPushButton(self.tr("Open PDF"))
        self.pdf_button.setObjectName("open-pdf")
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.resend_button.clicked.connect(self.resend_selected)
        self.attempts_button.clicked.connect(self.show_attempts)
        self.pdf_button.clicked.connect(self.open_pdf)
        self.refresh_button.clicked.connect(self.refresh)
        self.detail = QLabel()
        self.detail.setObjectName("delivery-detail")
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        filters = QHBoxLayout()
        filters.addWidget(self.state_filter)
        filters.addWidget(self.client_filter)
        filters.addStretch(1)
        filters.addWidget(self.refresh_button)
        actions = QHBoxLayout()
        for button in (self.resend_button, self.attempts_button, self.pdf_button):
            actions.addWidget(button)
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)
        layout.addLayout(actions)
        self._selection_changed()

    # -- loading -----------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        """Load when first shown; afterwards the scheduler's ``changed`` keeps it fresh."""
        super().showEvent(event)
        if not self._shown_once:
            self._shown_once = True
            self.refresh()

    @Slot(object)
    def on_database_changed(self, changes: Changes) -> None:
        """A write touched the delivery queue (any seat's worker, a resend): reload once
        for a burst of writes."""
        if changes.touches(DELIVERIES) and self._shown_once and not self._refresh_due.isActive():
            self._refresh_due.start()

    @Slot()
    def refresh(self) -> None:
        """Reload the jobs off the GUI thread; a slower, older load never wins."""
        self._generation += 1
        generation = self._generation
        queue = self.queue
        run_task(
            lambda: queue.jobs(limit=2000),
            lambda jobs: self._loaded(generation, jobs),
            self._report_error,
            owner=self,
        )

    def _loaded(self, generation: int, jobs: list[DeliveryJob]) -> None:
        if generation != self._generation:
            return
        self._all = jobs
        current = self.client_filter.currentData()
        codes = sorted({j.client_code for j in jobs} | ({current} if current else set()))
        self.client_filter.blockSignals(True)
        self.client_filter.clear()
        self.client_filter.addItem(self.tr("All clients"), "")
        for code in codes:
            self.client_filter.addItem(code, code)
        self.client_filter.setCurrentIndex(max(0, self.client_filter.findData(current or "")))
        self.client_filter.blockSignals(False)
        self._apply_filter()
        self.loaded.emit()

    @Slot()
    def _apply_filter(self) -> None:
        selected = self.selected_job()
        state = self.state_filter.currentData()
        client = self.client_filter.currentData()
        shown = [
            j for j in self._all
            if (not state or j.state == state) and (not client or j.client_code == client)
        ]  # fmt: skip
        self.model.set_jobs(shown)
        if selected is not None:
            self.select_job(selected.id)
        self._selection_changed()

    # -- selection ---------------------------------------------------------------------

    def selected_job(self) -> DeliveryJob | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.jobs[rows[0].row()]

    def select_job(self, job_id: int) -> bool:
        for row, job in enumerate(self.model.jobs):
            if job.id == job_id:
                self.table.selectRow(row)
                return True
        return False

    def _selection_changed(self, *_args: object) -> None:
        job = self.selected_job()
        for button in (self.resend_button, self.attempts_button, self.pdf_button):
            button.setEnabled(job is not None)
        if job is not None:
            self.resend_button.setEnabled(job.state != "sending")
        self.detail.setText("" if job is None else self._describe(job))

    def _describe(self, job: DeliveryJob) -> str:
        lines = [job.subject]
        if job.state == "sent":
            lines.append(self.tr("Delivered %1: %2").replace("%1", local_time(job.sent_at))
                         .replace("%2", job.last_reply))  # fmt: skip
        elif job.state == "pending" and job.next_attempt_at is not None:
            lines.append(self.tr("Next attempt %1").replace("%1", local_time(job.next_attempt_at)))
        if job.last_error:
            lines.append(job.last_error)
        return "\n".join(line for line in lines if line)

    # -- actions -----------------------------------------------------------------------

    @Slot()
    def resend_selected(self) -> None:
        """Ask first (recipients may be changed), then queue the job again."""
        job = self.selected_job()
        if job is None:
            return
        dialog = ResendDialog(job, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._resend(job, dialog.chosen_recipients()))
        dialog.open()

    def _resend(self, job: DeliveryJob, recipients: tuple[str, ...] | None) -> None:
        if recipients is None:
            return
        changed = recipients if recipients != job.recipients else None
        queue, operator, now = self.queue, self.operator, self.now()

        def resend() -> DeliveryJob:
            return queue.resend(job.id, now, recipients=changed, operator=operator)

        def done(updated: DeliveryJob) -> None:
            self.requeued.emit(updated.id)
            self.refresh()

        run_task(resend, done, self._report_error, owner=self)

    @Slot()
    def show_attempts(self) -> None:
        job = self.selected_job()
        if job is None:
            return
        queue = self.queue

        def load() -> tuple[DeliveryJob, list[DeliveryAttempt]]:
            return queue.job(job.id), queue.attempts(job.id)

        def show(result: tuple[DeliveryJob, list[DeliveryAttempt]]) -> None:
            dialog = AttemptsDialog(result[0], result[1], self)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.open()

        run_task(load, show, self._report_error, owner=self)

    @Slot()
    def open_pdf(self) -> None:
        """Write the attachment exactly as sent to a private temporary folder and open it."""
        job = self.selected_job()
        if job is None:
            return
        if self._pdf_dir is None:
            self._pdf_dir = tempfile.TemporaryDirectory(prefix="vorzimmer-pdf-")
        folder = Path(self._pdf_dir.name)
        queue = self.queue
        name = re.sub(r"[^A-Za-z0-9._-]+", "_", job.attachment_name) or "report.pdf"

        def write() -> Path:
            target = folder / f"{job.id}-{name}"
            atomic_write(target, queue.attachment(job.id))
            return target

        def opened(path: Path) -> None:
            self.pdf_written.emit(str(path))
            if not self.open_url(QUrl.fromLocalFile(str(path))):
                self.error.emit(self.tr("No PDF viewer could open %1").replace("%1", str(path)))

        run_task(write, opened, self._report_error, owner=self)

    def _report_error(self, exc: Exception) -> None:
        log.error("delivery view: %s", exc)
        self.error.emit(str(exc))
