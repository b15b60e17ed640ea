"""The supervisor's view: the figures of a period (per client, operator or day), the live
box (calls waiting, the longest wait, seats by state) and the billing CSV.

The same figures and CSV as ``vorzimmer stats`` (:mod:`office.stats_query`): each call is
judged by its client's service-level threshold. Every read runs off the GUI thread on a
connection of its own (``db.background()``), one read of each kind at a time (a change
meanwhile reads once more). The live box is read again when calls or seats change — on
this seat or, through the office database's notifications, on any other — and every few
seconds while the view is shown; the longest wait counts up between reads.
"""

from __future__ import annotations

import datetime as dt
import enum
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from appenv import logs
from appenv.files import atomic_write
from office.live_figures import LiveFigures
from office.model import Operator, SeatState
from office.stats import NONE_LABEL, OFFICE_ZONE, Dimension, Figures
from office.stats_output import COLUMNS, table_cell
from office.stats_query import FiguresQuery, FiguresReport, read_figures
from office.stats_reader import read_live
from storage.changes import APPOINTMENTS, CALLS, CLIENTS, NOTES, SEATS, Changes
from storage.interfaces import Database
from ui.seat_words import state_text
from ui.tasks import run_task

log = logs.get("ui")

LIVE_READ_MS = 5000  # the live box is read again this often while shown
TICK_MS = 1000  # the longest wait counts up this often between reads
FIGURES_SETTLE_MS = 1000  # a burst of writes (a call ending, its note) reads the figures once

# The figures the table shows, by their CSV column (the CSV export has them all).
SHOWN = (
    "offered",
    "answered",
    "missed",
    "abandoned",
    "missed_wait_mean_s",
    "missed_wait_max_s",
    "asa_s",
    "sl_threshold_s",
    "sl_percent",
    "sl2_percent",
    "talk_s",
    "talk_mean_s",
    "started_minutes",
    "wrap_up_mean_s",
    "messages",
    "bookings",
)
_COLUMN = {c.csv_name: c for c in COLUMNS}


class Period(enum.Enum):
    TODAY = "today"
    WEEK = "week"  # Monday to Sunday (ISO 8601)
    MONTH = "month"
    CUSTOM = "custom"


def period_days(period: Period, today: dt.date) -> tuple[dt.date, dt.date]:
    """The first and last day (both included) of ``period`` around ``today``."""
    if period is Period.WEEK:
        monday = today - dt.timedelta(days=today.weekday())
        return monday, monday + dt.timedelta(days=6)
    if period is Period.MONTH:
        first = today.replace(day=1)
        following = (first + dt.timedelta(days=32)).replace(day=1)
        return first, following - dt.timedelta(days=1)
    return today, today


def office_today() -> dt.date:
    return dt.datetime.now(ZoneInfo(OFFICE_ZONE)).date()


def supervisor_allowed(office: bool, operator: Operator | None) -> bool:
    """Who sees the view: with operator accounts only an admin; without any, every seat
    of an office database (a seat alone has ``vorzimmer stats``)."""
    if operator is not None:
        return operator.is_admin
    return office


class _OneAtATime:
    """One read at a time off the GUI thread: asked again meanwhile, it reads once more
    when the current read is done. ``prepare`` runs on the GUI thread (it may look at
    widgets) and returns the function that reads."""

    def __init__(
        self,
        owner: QWidget,
        prepare: Callable[[], Callable[[], Any]],
        show: Callable[[Any], None],
        failed: Callable[[Exception], None],
    ) -> None:
        self._owner, self._prepare, self._show, self._failed = owner, prepare, show, failed
        self.busy = self._again = False

    def start(self) -> None:
        if self.busy:
            self._again = True
            return
        self.busy = True
        run_task(self._prepare(), self._done, self._error, owner=self._owner)

    def _done(self, value: Any) -> None:
        self._show(value)
        self._finish()

    def _error(self, exc: Exception) -> None:
        self._failed(exc)
        self._finish()

    def _finish(self) -> None:
        self.busy = False
        if self._again:
            self._again = False
            self.start()


class SupervisorView(QWidget):
    """The supervisor's tab of the main window."""

    figures_shown = Signal(object)  # FiguresReport, after the table shows it
    live_shown = Signal(object)  # LiveFigures, after the live box shows it
    exported = Signal(object)  # Path, after the CSV file is written

    def __init__(
        self,
        db: Database,
        parent: QWidget | None = None,
        *,
        today: Callable[[], dt.date] = office_today,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("supervisor")
        self.db = db
        self._today = today
        self.report: FiguresReport | None = None
        self.live: LiveFigures | None = None
        self._live_read_at = 0.0  # time.monotonic() of the live figures shown
        self._figures_stale = True
        self.export_dialog: QFileDialog | None = None

        self.period = QComboBox()
        self.period.setObjectName("supervisor-period")
        for period, text in (
            (Period.TODAY, self.tr("Today")),
            (Period.WEEK, self.tr("This week")),
            (Period.MONTH, self.tr("This month")),
            (Period.CUSTOM, self.tr("Custom dates")),
        ):
            self.period.addItem(text, period)
        self.first = self._date_edit("supervisor-first")
        self.last = self._date_edit("supervisor-last")
        self.grouping = QComboBox()
        self.grouping.setObjectName("supervisor-grouping")
        for dimension, text in (
            (Dimension.CLIENT, self.tr("per client")),
            (Dimension.OPERATOR, self.tr("per operator")),
            (Dimension.DAY, self.tr("per day")),
        ):
            self.grouping.addItem(text, dimension)
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.clicked.connect(self.refresh)
        self.export_button = QPushButton(self.tr("Export CSV…"))
        self.export_button.setObjectName("supervisor-export")
        self.export_button.clicked.connect(self.choose_export_file)

        controls = QHBoxLayout()
        controls.addWidget(self.period)
        controls.addWidget(self.first)
        controls.addWidget(QLabel("–"))
        controls.addWidget(self.last)
        controls.addWidget(self.grouping)
        controls.addStretch(1)
        controls.addWidget(self.refresh_button)
        controls.addWidget(self.export_button)

        self.table = QTableWidget(0, 1 + len(SHOWN))
        self.table.setObjectName("supervisor-figures")
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setHorizontalHeaderLabels(["", *self._titles()])
        self.message = QLabel()
        self.message.setObjectName("supervisor-message")
        self.message.setWordWrap(True)
        self.table.setToolTip(
            self.tr(
                "SL = answered within T ÷ answered, SL2 = (answered within T + abandoned "
                "within T) ÷ (answered + abandoned); T is each client's threshold. "
                "Short abandons count as offered and abandoned. ASA = mean wait until answered."
            )
        )

        self.live_box = QGroupBox(self.tr("Live"))
        self.live_box.setObjectName("supervisor-live")
        self.waiting_label = QLabel(self.tr("Calls waiting: …"))
        self.waiting_label.setObjectName("supervisor-waiting")
        self.seats_label = QLabel()
        self.seats_label.setObjectName("supervisor-seats")
        live = QHBoxLayout(self.live_box)
        live.addWidget(self.waiting_label, 1)
        live.addWidget(self.seats_label, 1)

        layout = QVBoxLayout(self)
        layout.addWidget(self.live_box)
        layout.addLayout(controls)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)

        self._figures = _OneAtATime(self, self._figures_reader, self._show_figures, self._fail)
        self._live = _OneAtATime(self, self._live_reader, self._show_live, self._fail)
        self.live_timer = QTimer(self)
        self.live_timer.setInterval(LIVE_READ_MS)
        self.live_timer.timeout.connect(self.refresh_live)
        self.tick_timer = QTimer(self)
        self.tick_timer.setInterval(TICK_MS)
        self.tick_timer.timeout.connect(self._show_waiting)
        self.settle_timer = QTimer(self)
        self.settle_timer.setSingleShot(True)
        self.settle_timer.setInterval(FIGURES_SETTLE_MS)
        self.settle_timer.timeout.connect(self.refresh)

        self._set_period(Period.TODAY)
        self.period.currentIndexChanged.connect(self._period_chosen)
        self.grouping.currentIndexChanged.connect(self.refresh)
        self.first.dateChanged.connect(self._dates_chosen)
        self.last.dateChanged.connect(self._dates_chosen)

    # ---- building -------------------------------------------------------------------
    def _date_edit(self, name: str) -> QDateEdit:
        edit = QDateEdit()
        edit.setObjectName(name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        return edit

    def _titles(self) -> list[str]:
        titles = {
            "offered": self.tr("Offered"),
            "answered": self.tr("Answered"),
            "missed": self.tr("Missed"),
            "abandoned": self.tr("Abandoned"),
            "missed_wait_mean_s": self.tr("Missed: avg wait"),
            "missed_wait_max_s": self.tr("Missed: longest wait"),
            "asa_s": self.tr("ASA"),
            "sl_threshold_s": self.tr("T"),
            "sl_percent": self.tr("SL"),
            "sl2_percent": self.tr("SL2"),
            "talk_s": self.tr("Talk"),
            "talk_mean_s": self.tr("Talk avg"),
            "started_minutes": self.tr("Started min"),
            "wrap_up_mean_s": self.tr("Wrap-up avg"),
            "messages": self.tr("Messages"),
            "bookings": self.tr("Bookings"),
        }
        return [titles[name] for name in SHOWN]

    def _group_title(self, dimension: Dimension) -> str:
        if dimension is Dimension.OPERATOR:
            return self.tr("Operator")
        if dimension is Dimension.DAY:
            return self.tr("Day")
        return self.tr("Client")

    # ---- what to show ---------------------------------------------------------------
    def query(self) -> FiguresQuery:
        """The figures asked for: the period's days, one grouping, every client's own T."""
        first, last = self.first.date().toPython(), self.last.date().toPython()
        assert isinstance(first, dt.date) and isinstance(last, dt.date)
        return FiguresQuery(first=first, last=last, by=(Dimension(self.grouping.currentData()),))

    def _set_period(self, period: Period) -> None:
        custom = period is Period.CUSTOM
        self.first.setEnabled(custom)
        self.last.setEnabled(custom)
        if custom:
            return
        first, last = period_days(period, self._today())
        for edit, day in ((self.first, first), (self.last, last)):
            edit.blockSignals(True)
            edit.setDate(QDate(day.year, day.month, day.day))
            edit.blockSignals(False)

    def _period_chosen(self) -> None:
        self._set_period(Period(self.period.currentData()))
        self.refresh()

    def _dates_chosen(self) -> None:
        if self.last.date() < self.first.date():
            self.last.blockSignals(True)
            self.last.setDate(self.first.date())
            self.last.blockSignals(False)
        self.refresh()

    def set_custom_days(self, first: dt.date, last: dt.date) -> None:
        """Custom dates, as picking them in the two date fields does."""
        self.period.setCurrentIndex(self.period.findData(Period.CUSTOM))
        self.first.setDate(QDate(first.year, first.month, first.day))
        self.last.setDate(QDate(last.year, last.month, last.day))

    # ---- reading --------------------------------------------------------------------
    def on_database_changed(self, changes: Changes) -> None:
        """Calls or seats changed: the live box now; the figures once the writes settle.
        A hidden tab reads nothing: showing it reads both."""
        if not self.isVisible():
            self._figures_stale = True
            return
        if changes.touches(CALLS, SEATS):
            self.refresh_live()
        if changes.touches(CALLS, NOTES, APPOINTMENTS, CLIENTS, SEATS):
            self.settle_timer.start()

    def refresh(self) -> None:
        """Read the figures again (now: a pending settle is no longer needed). "Today",
        "this week" and "this month" are taken afresh: the view may stay open overnight."""
        self.settle_timer.stop()
        self._figures_stale = False
        self._set_period(Period(self.period.currentData()))
        self._figures.start()

    def refresh_live(self) -> None:
        self._live.start()

    def _figures_reader(self) -> Callable[[], FiguresReport]:
        query, db = self.query(), self.db

        def read() -> FiguresReport:
            with db.background() as bg:
                return read_figures(bg, query)

        return read

    def _live_reader(self) -> Callable[[], LiveFigures]:
        db = self.db

        def read() -> LiveFigures:
            with db.background() as bg:
                return read_live(bg)

        return read

    def _fail(self, exc: Exception) -> None:
        log.info("supervisor figures not read: %s", exc)
        self.message.setText(self.tr("The figures could not be read: {0}").format(exc))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.live_timer.start()
        self.tick_timer.start()
        self.refresh_live()
        if self._figures_stale or self.report is None:
            self.refresh()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self.live_timer.stop()
        self.tick_timer.stop()

    # ---- showing --------------------------------------------------------------------
    def _show_figures(self, report: FiguresReport) -> None:
        self.report = report
        self.message.clear()
        dimension = report.query.by[0]
        self.table.setHorizontalHeaderItem(0, QTableWidgetItem(self._group_title(dimension)))
        self.table.setRowCount(0)
        for row in report.rows:
            self._append(row.group[0], row)
        if len(report.rows) != 1:
            self._append(self.tr("Total"), report.total, bold=True)
        if not report.rows:
            self.message.setText(self.tr("No calls in this period."))
        self.table.resizeColumnsToContents()
        self.figures_shown.emit(report)

    def _append(self, label: str, figures: Figures, *, bold: bool = False) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        cells = [label, *(table_cell(_COLUMN[n].value(figures), _COLUMN[n].kind) for n in SHOWN)]
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text)
            if column:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if bold:
                font = QFont(item.font())
                font.setBold(True)
                item.setFont(font)
            self.table.setItem(row, column, item)

    def figures_text(self) -> list[list[str]]:
        """The table as shown, row by row (for tests and screenshots)."""
        return [
            [
                item.text() if (item := self.table.item(r, c)) else ""
                for c in range(self.table.columnCount())
            ]
            for r in range(self.table.rowCount())
        ]

    def _show_live(self, live: LiveFigures) -> None:
        self.live = live
        self._live_read_at = time.monotonic()
        self._show_waiting()
        if live.seats_by_state is None:
            self.seats_label.setText(self.tr("Seats: – (no seat has logged a state yet)"))
        else:
            states = ", ".join(
                f"{state_text(SeatState(state))} {count}" for state, count in live.seats_by_state
            )
            self.seats_label.setText(self.tr("Seats: {0}").format(states or NONE_LABEL))
        self.live_shown.emit(live)

    def _show_waiting(self) -> None:
        live = self.live
        if live is None:
            return
        if not live.waiting or live.longest_wait_s is None:
            self.waiting_label.setText(self.tr("Calls waiting: none"))
            return
        longest = live.longest_wait_s + (time.monotonic() - self._live_read_at)
        per_client = ", ".join(f"{code} {count}" for code, count in live.waiting_by_client)
        self.waiting_label.setText(
            self.tr("Calls waiting: {0}, longest {1} ({2})").format(
                live.waiting, table_cell(longest, "seconds"), per_client
            )
        )

    # ---- export ---------------------------------------------------------------------
    def choose_export_file(self) -> None:
        """Ask where the CSV goes (the dialog stays in :attr:`export_dialog` meanwhile)."""
        query = self.query()
        dialog = QFileDialog(self, self.tr("Export the figures as CSV"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
        dialog.setNameFilter(self.tr("CSV files (*.csv)"))
        dialog.setDefaultSuffix("csv")
        dialog.selectFile(f"figures-{query.first}-{query.last}-{query.by[0]}.csv")
        dialog.fileSelected.connect(lambda name: self.export_to(Path(name)))
        dialog.finished.connect(self._export_dialog_closed)
        self.export_dialog = dialog
        dialog.open()

    def _export_dialog_closed(self) -> None:
        if self.export_dialog is not None:
            self.export_dialog.deleteLater()
        self.export_dialog = None

    def export_to(self, path: Path) -> None:
        """Read the figures of the current choice again and write their CSV to ``path``."""
        query, db = self.query(), self.db

        def write() -> Path:
            with db.background() as bg:
                text = read_figures(bg, query).csv()
            atomic_write(path, text)
            return path

        def failed(exc: Exception) -> None:
            log.info("figures not exported to %s: %s", path, exc)
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            self.message.setText(self.tr("The CSV file was not written: {0}").format(reason))

        def done(written: Path) -> None:
            self.message.setText(self.tr("Saved: {0}").format(str(written)))
            self.exported.emit(written)

        run_task(write, done, failed, owner=self)
