"""Weekly business hours (breaks are the gaps between intervals) and closure periods."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from clients.errors import StoreError
from clients.hours_text import DAY_NAMES_DE, format_hours, parse_hours
from clients.model import BusinessHours, ClosurePeriod, OpeningInterval, format_hhmm
from storage.interfaces import ClientStore
from ui.admin.changes import Area
from ui.admin.form_widgets import HINT_STYLE, InlineMessage
from ui.admin.tab_base import ClientTab

_BAD_FIELD = "QLineEdit { border: 1px solid #c62828; background: #fff5f5; }"


def parse_day(weekday: int, text: str) -> tuple[OpeningInterval, ...]:
    """``"08:00-12:00 13:00-17:00"`` for one weekday; empty text = closed all day."""
    cleaned = text.replace(",", " ").replace(";", " ").strip()
    if not cleaned:
        return ()
    return parse_hours(f"{DAY_NAMES_DE[weekday]} {cleaned}").intervals


def format_day(hours: BusinessHours, weekday: int) -> str:
    return " ".join(f"{format_hhmm(i.opens)}-{format_hhmm(i.closes)}" for i in hours.on(weekday))


def _pydate(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


class HoursTab(ClientTab):
    def __init__(self, store: ClientStore, parent: QWidget | None = None) -> None:
        super().__init__(store, parent)
        day_names = (
            self.tr("Monday"),
            self.tr("Tuesday"),
            self.tr("Wednesday"),
            self.tr("Thursday"),
            self.tr("Friday"),
            self.tr("Saturday"),
            self.tr("Sunday"),
        )
        weekly = QGroupBox(self.tr("Business hours"))
        grid = QGridLayout(weekly)
        self.day_fields: list[QLineEdit] = []
        for day, name in enumerate(day_names):
            field = QLineEdit()
            field.setObjectName(f"hours-day-{day}")
            field.setPlaceholderText(self.tr("closed"))
            field.textChanged.connect(self._validate)
            grid.addWidget(QLabel(name), day, 0)
            grid.addWidget(field, day, 1)
            self.day_fields.append(field)
        hint = QLabel(
            self.tr(
                "Intervals as HH:MM-HH:MM separated by spaces; the gap between two intervals "
                "is a break, e.g. 08:00-12:00 13:00-17:00. Empty = closed."
            )
        )
        hint.setWordWrap(True)
        hint.setStyleSheet(HINT_STYLE)
        grid.addWidget(hint, 7, 0, 1, 2)
        self.copy_button = QPushButton(self.tr("Copy Monday to Tuesday–Friday"))
        self.copy_button.clicked.connect(self._copy_monday)
        self.save_button = QPushButton(self.tr("Save hours"))
        self.save_button.setObjectName("save-hours")
        self.save_button.clicked.connect(self.save_hours)
        self.summary = QLabel()
        self.summary.setStyleSheet(HINT_STYLE)
        row = QHBoxLayout()
        row.addWidget(self.summary, 1)
        row.addWidget(self.copy_button)
        row.addWidget(self.save_button)
        grid.addLayout(row, 8, 0, 1, 2)
        self.hours_message = InlineMessage()
        grid.addWidget(self.hours_message, 9, 0, 1, 2)

        closures = QGroupBox(self.tr("Closures and vacations"))
        self.closures = QTableWidget(0, 3)
        self.closures.setObjectName("closures-table")
        self.closures.setHorizontalHeaderLabels([self.tr("From"), self.tr("To"), self.tr("Note")])
        self.closures.verticalHeader().setVisible(False)
        self.closures.setWordWrap(False)
        self.closures.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.closures.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.closures.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.closures.horizontalHeader().setStretchLastSection(True)
        self.closures.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.ResizeToContents
        )
        self.closures.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.ResizeToContents
        )
        today = QDate.currentDate()
        self.closure_from = QDateEdit(today)
        self.closure_to = QDateEdit(today.addDays(6))
        for edit in (self.closure_from, self.closure_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd.MM.yyyy")
        self.closure_note = QLineEdit()
        self.closure_note.setPlaceholderText(self.tr("note, e.g. Summer vacation"))
        self.add_closure_button = QPushButton(self.tr("Add closure"))
        self.add_closure_button.setObjectName("add-closure")
        self.add_closure_button.clicked.connect(self.add_closure)
        self.delete_closure_button = QPushButton(self.tr("Delete"))
        self.delete_closure_button.clicked.connect(self.delete_selected_closure)
        entry = QHBoxLayout()
        entry.addWidget(QLabel(self.tr("From")))
        entry.addWidget(self.closure_from)
        entry.addWidget(QLabel(self.tr("to")))
        entry.addWidget(self.closure_to)
        entry.addWidget(self.closure_note, 1)
        entry.addWidget(self.add_closure_button)
        entry.addWidget(self.delete_closure_button)
        self.closure_message = InlineMessage()
        box = QVBoxLayout(closures)
        box.addWidget(self.closures, 1)
        box.addLayout(entry)
        box.addWidget(self.closure_message)

        self._closure_list: list[ClosurePeriod] = []
        layout = QVBoxLayout(self)
        layout.addWidget(weekly)
        layout.addWidget(closures, 1)

    # -- weekly hours ----------------------------------------------------------------------

    def reload(self) -> None:
        self.hours_message.clear_message()
        self.closure_message.clear_message()
        hours = self.store.get_business_hours(self.client_id) if self.client_id else None
        for day, field in enumerate(self.day_fields):
            field.setText(format_day(hours, day) if hours else "")
        closures = self.store.list_closures(self.client_id) if self.client_id else []
        self.closures.setRowCount(len(closures))
        for row, closure in enumerate(closures):
            self.closures.setItem(row, 0, QTableWidgetItem(closure.start.strftime("%d.%m.%Y")))
            self.closures.setItem(row, 1, QTableWidgetItem(closure.end.strftime("%d.%m.%Y")))
            self.closures.setItem(row, 2, QTableWidgetItem(closure.reason))
        self._closure_list = closures
        self._validate()

    def form_hours(self) -> BusinessHours:
        """The hours the form shows; ``ValueError`` names the day that is wrong."""
        intervals: list[OpeningInterval] = []
        for day, field in enumerate(self.day_fields):
            try:
                intervals.extend(parse_day(day, field.text()))
            except ValueError as exc:
                raise ValueError(f"{DAY_NAMES_DE[day]}: {exc}") from exc
        return BusinessHours(tuple(intervals))

    def _validate(self) -> bool:
        ok = True
        for day, field in enumerate(self.day_fields):
            try:
                parse_day(day, field.text())
            except ValueError as exc:
                field.setStyleSheet(_BAD_FIELD)
                field.setToolTip(str(exc))
                ok = False
            else:
                field.setStyleSheet("")
                field.setToolTip("")
        if ok:
            text = format_hours(self.form_hours())
            self.summary.setText(text or self.tr("Never open: every call is after hours."))
        else:
            self.summary.setText("")
        self.save_button.setEnabled(ok)
        return ok

    def _copy_monday(self) -> None:
        for field in self.day_fields[1:5]:
            field.setText(self.day_fields[0].text())

    def save_hours(self) -> None:
        if self.client_id is None:
            return
        try:
            hours = self.form_hours()
            self.store.set_business_hours(self.client_id, hours)
        except (StoreError, ValueError) as exc:
            self.hours_message.show_error(str(exc))
            return
        self.hours_message.show_info(self.tr("Business hours saved."))
        self._announce(Area.HOURS)

    # -- closures --------------------------------------------------------------------------

    def add_closure(self) -> None:
        if self.client_id is None:
            return
        try:
            closure = ClosurePeriod(
                client_id=self.client_id,
                start=_pydate(self.closure_from.date()),
                end=_pydate(self.closure_to.date()),
                reason=self.closure_note.text().strip(),
            )
            self.store.add_closure(closure)
        except ValueError:
            self.closure_message.show_error(self.tr("The closure must end on or after its start."))
            return
        except StoreError as exc:
            self.closure_message.show_error(str(exc))
            return
        self.closure_note.clear()
        self.reload()
        self._announce(Area.HOURS)

    def delete_selected_closure(self) -> None:
        row = self.closures.currentRow()
        if row < 0 or row >= len(self._closure_list):
            return
        closure = self._closure_list[row]
        assert closure.id is not None
        self.store.delete_closure(closure.id)
        self.reload()
        self._announce(Area.HOURS)

        def undo() -> None:
            self.store.add_closure(closure)
            if self.client_id == closure.client_id:
                self.reload()
            self._announce(Area.HOURS, closure.client_id)

        self._offer_undo(self.tr("Closure removed."), undo)
