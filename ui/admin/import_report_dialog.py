"""After an import: what happened, and every rejected row with its line and reason."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from clients.importing import ImportReport


class ImportReportDialog(QDialog):
    def __init__(self, report: ImportReport, file_name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("import-report")
        self.report = report
        self.setWindowTitle(self.tr("Import report"))
        self.resize(720, 380 if report.rejected else 160)
        if report.committed:
            text = self.tr(
                "{0}: {1} rows read, {2} created, {3} updated. The import is complete."
            ).format(file_name, report.rows, report.created, report.updated)
        else:
            text = self.tr(
                "{0}: {1} rows read, {2} rejected. Nothing was imported — correct the rows "
                "below and import the file again."
            ).format(file_name, report.rows, len(report.rejected))
        self.summary = QLabel(text)
        self.summary.setObjectName("import-summary")
        self.summary.setWordWrap(True)
        self.table = QTableWidget(len(report.rejected), 3)
        self.table.setObjectName("import-rejections")
        self.table.setHorizontalHeaderLabels([self.tr("Line"), self.tr("Reason"), self.tr("Row")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.ResizeToContents
        )
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        for row, rejected in enumerate(report.rejected):
            line = str(rejected.line) if rejected.line else "—"
            self.table.setItem(row, 0, QTableWidgetItem(line))
            self.table.setItem(row, 1, QTableWidgetItem(rejected.reason))
            self.table.setItem(row, 2, QTableWidgetItem(rejected.excerpt))
        self.table.setVisible(bool(report.rejected))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        if report.rejected:
            copy = QPushButton(self.tr("Copy report"))
            copy.clicked.connect(self.copy_report)
            buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)

    def report_text(self) -> str:
        lines = [self.summary.text()]
        lines.extend(f"{r.line}\t{r.reason}\t{r.excerpt}" for r in self.report.rejected)
        return "\n".join(lines)

    def copy_report(self) -> None:
        QGuiApplication.clipboard().setText(self.report_text())
