"""The delivery jobs as table rows: coloured by state, the full error as tooltip."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QWidget

from reports.delivery_jobs import DeliveryJob
from ui.delivery_dialogs import local_time

STATE_COLOURS = {
    "pending": "#fff3cd",  # amber: waits for (another) attempt
    "sending": "#d6e9ff",  # blue: a worker has it right now
    "sent": "#d4edda",  # green
    "failed": "#f8d7da",  # red: the operator must act
}

Index = QModelIndex | QPersistentModelIndex


class DeliveryJobsModel(QAbstractTableModel):
    """The jobs as rows; colour by state, the full error as tooltip."""

    COLUMNS = ("client", "kind", "day", "recipients", "state", "attempts", "reply", "sent_at")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.jobs: list[DeliveryJob] = []
        self._titles = (
            self.tr("Client"),
            self.tr("Kind"),
            self.tr("Day"),
            self.tr("Recipients"),
            self.tr("State"),
            self.tr("Attempts"),
            self.tr("Last server reply"),
            self.tr("Sent at"),
        )
        self._kinds = {
            "daily_report": self.tr("Daily report"),
            "call_note": self.tr("Call note"),
            "confirmation": self.tr("Appointment confirmation"),
        }
        self._states = {
            "pending": self.tr("pending"),
            "sending": self.tr("sending"),
            "sent": self.tr("sent"),
            "failed": self.tr("failed"),
        }

    def set_jobs(self, jobs: list[DeliveryJob]) -> None:
        self.beginResetModel()
        self.jobs = list(jobs)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.jobs)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._titles[section]
        return None

    def text(self, job: DeliveryJob, column: str) -> str:
        if column == "client":
            return job.client_code
        if column == "kind":
            return self._kinds.get(job.kind, job.kind)
        if column == "day":
            return job.day.isoformat()
        if column == "recipients":
            return ", ".join(job.recipients)
        if column == "state":
            return self._states.get(job.state, job.state)
        if column == "attempts":
            return str(job.attempts)
        if column == "reply":
            return job.last_reply
        return local_time(job.sent_at)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        job = self.jobs[index.row()]
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(job, column)
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(QColor(STATE_COLOURS.get(job.state, "#ffffff")))
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor("#1a1a1a"))
        if role == Qt.ItemDataRole.ToolTipRole:
            return job.last_error or job.last_reply or job.subject
        if role == Qt.ItemDataRole.UserRole:
            return job.id
        return None
