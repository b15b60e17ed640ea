"""The two dialogs of the deliveries view: resend (to changed recipients) and attempts."""

from __future__ import annotations

import datetime as dt
import re

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from clients.email_addresses import is_email_address
from reports.delivery_jobs import DeliveryAttempt, DeliveryJob


def local_time(moment: dt.datetime | None) -> str:
    """A delivery time as the operator reads it (local time, to the minute)."""
    return "" if moment is None else moment.astimezone().strftime("%Y-%m-%d %H:%M")


def parse_recipients(text: str) -> tuple[str, ...]:
    """``"a@x.de, b@y.de; c@z.de"`` → addresses; raises ValueError naming a bad one."""
    parts = tuple(p.strip() for p in re.split(r"[,;\s]+", text) if p.strip())
    for part in parts:
        if not is_email_address(part):
            raise ValueError(part)
    return parts


class ResendDialog(QDialog):
    """Asks before a report goes out again; the recipients may be changed for this copy."""

    def __init__(self, job: DeliveryJob, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("resend-dialog")
        self.setWindowTitle(self.tr("Send again"))
        self.job = job
        question = QLabel(
            self.tr("Send “%1” (%2, %3) again?")
            .replace("%1", job.subject)
            .replace("%2", job.client_code)
            .replace("%3", job.day.isoformat())
        )
        question.setWordWrap(True)
        if job.state == "sent":
            question.setText(
                question.text() + "\n" + self.tr("It was delivered already; this sends a copy.")
            )
        self.recipients = QLineEdit(", ".join(job.recipients))
        self.recipients.setObjectName("recipients")
        self.error = QLabel()
        self.error.setObjectName("resend-error")
        self.error.setStyleSheet("color: #a40000")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Send again"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(question)
        layout.addWidget(QLabel(self.tr("Recipients (comma-separated):")))
        layout.addWidget(self.recipients)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def chosen_recipients(self) -> tuple[str, ...] | None:
        """The addresses typed, or None (with the error shown) when one is not valid."""
        try:
            recipients = parse_recipients(self.recipients.text())
        except ValueError as exc:
            self.error.setText(self.tr("Not an e-mail address: %1").replace("%1", str(exc)))
            return None
        if not recipients:
            self.error.setText(self.tr("Enter at least one e-mail address."))
            return None
        return recipients

    def accept(self) -> None:
        if self.chosen_recipients() is not None:
            super().accept()


class AttemptsDialog(QDialog):
    """Every attempt of one job with the server's answer, oldest first."""

    def __init__(
        self, job: DeliveryJob, attempts: list[DeliveryAttempt], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("attempts-dialog")
        self.setWindowTitle(
            self.tr("Attempts: %1 %2").replace("%1", job.client_code).replace("%2", str(job.day))
        )
        self.resize(760, 320)
        self.table = QTableWidget(len(attempts), 5)
        self.table.setObjectName("attempts")
        self.table.setHorizontalHeaderLabels(
            [self.tr("When"), self.tr("Via"), self.tr("Outcome"), self.tr("Code"),
             self.tr("Server's answer")]
        )  # fmt: skip
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        for row, attempt in enumerate(attempts):
            values = (
                local_time(attempt.at),
                attempt.transport,
                attempt.outcome,
                "" if attempt.code is None else str(attempt.code),
                attempt.reply,
            )
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                self.table.setItem(row, column, item)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.resizeColumnsToContents()
        error = QLabel(job.last_error)
        error.setObjectName("last-error")
        error.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        if job.last_error:
            layout.addWidget(error)
        layout.addWidget(buttons)

    def rows(self) -> list[list[str]]:
        """The table as text (for tests and copy & paste)."""
        rows: list[list[str]] = []
        for r in range(self.table.rowCount()):
            items = [self.table.item(r, c) for c in range(self.table.columnCount())]
            rows.append([item.text() if item is not None else "" for item in items])
        return rows
