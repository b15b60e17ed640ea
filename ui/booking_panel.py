"""The booking panel on a call's page: type, staff, the next free slots, caller, *Book*.

Slot search and booking talk to calendar servers, so both run in a background task
(:func:`ui.tasks.run_task`) on a connection of their own (``db.background()``); the panel
shows progress and words every outcome: booked, kept pending (server unreachable), taken
(with the fresh slots at once), or an error the operator can act on.
"""

from __future__ import annotations

import datetime as dt
import socket

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from appenv import logs
from appenv.errors import UserError
from calendar_sync import desk
from calendar_sync.errors import (
    AuthRefused,
    BrokenCalendar,
    SlotTaken,
    SourceRefused,
    SourceUnreachable,
)
from calendar_sync.slots import AppointmentType, Slot
from calendar_sync.zones import zone_of
from clients.model import Client
from storage.interfaces import Database
from ui.tasks import run_task

log = logs.get("ui")


def seat_name(operator: str) -> str:
    """Who wrote a booking, kept in the event (never a secret)."""
    return f"{socket.gethostname()}:{operator or 'seat'}"


class BookingPanel(QGroupBox):
    """Book an appointment for the caller in one client's calendars."""

    searched = Signal()  # fresh slots (or an error) are on screen
    booked = Signal(str)  # the readable line for the note, after a booking or a pending one
    failed = Signal(str)  # what the operator was told (taken, refused, ...)

    def __init__(
        self,
        db: Database,
        client: Client,
        caller: str,
        phone: str,
        operator: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Book appointment"))
        self.setObjectName("booking-panel")
        self.db = db
        self.client = client
        self.seat = seat_name(operator)
        self._kinds: list[AppointmentType] = db.calendars.types(client.code)
        self._slots: list[Slot] = []
        self._busy = False

        self.kind_box = QComboBox()
        self.kind_box.setObjectName("booking-type")
        for kind in self._kinds:
            self.kind_box.addItem(self.tr("{0} ({1} min)").format(kind.name, kind.minutes))
        self.staff_box = QComboBox()
        self.staff_box.setObjectName("booking-staff")
        self.slots = QListWidget()
        self.slots.setObjectName("booking-slots")
        self.slots.itemActivated.connect(self.book)
        self.caller = QLineEdit(caller)
        self.caller.setObjectName("booking-caller")
        self.caller.returnPressed.connect(self.book)
        self.phone = QLineEdit(phone)
        self.phone.setObjectName("booking-phone")
        self.phone.returnPressed.connect(self.book)
        self.book_btn = QPushButton(self.tr("&Book"))
        self.book_btn.setObjectName("booking-book")
        self.book_btn.clicked.connect(self.book)
        self.freshness = QLabel()
        self.freshness.setObjectName("booking-freshness")
        self.status = QLabel()
        self.status.setObjectName("booking-status")
        self.status.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # busy, no percentage: a server answers when it does
        self.progress.setMaximumHeight(8)
        self.progress.setTextVisible(False)
        self.progress.setVisible(False)

        form = QFormLayout()
        form.addRow(self.tr("Type:"), self.kind_box)
        form.addRow(self.tr("With:"), self.staff_box)
        form.addRow(self.tr("Free slots:"), self.slots)
        form.addRow(self.tr("Caller name:"), self.caller)
        form.addRow(self.tr("Phone:"), self.phone)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.freshness)
        layout.addWidget(self.status)
        layout.addWidget(self.book_btn)
        self._fill_staff()
        self.kind_box.currentIndexChanged.connect(self._kind_changed)
        self.staff_box.currentIndexChanged.connect(self.search)

    @property
    def offered(self) -> list[Slot]:
        """The slots the list shows, in its order."""
        return list(self._slots)

    # ---- choices --------------------------------------------------------------------
    def _kind(self) -> AppointmentType | None:
        index = self.kind_box.currentIndex()
        return self._kinds[index] if 0 <= index < len(self._kinds) else None

    def _fill_staff(self) -> None:
        self.staff_box.blockSignals(True)
        self.staff_box.clear()
        self.staff_box.addItem(self.tr("Anyone who offers this type"), None)
        kind = self._kind()
        if kind is not None:
            for name in desk.staff_for(self.db.calendars, self.client.code, kind):
                if name:
                    self.staff_box.addItem(name, name)
        self.staff_box.blockSignals(False)

    def _kind_changed(self) -> None:
        self._fill_staff()
        self.search()

    # ---- words ----------------------------------------------------------------------
    def _when(self, slot: Slot) -> str:
        zone = zone_of(self.client.timezone)
        start, end = slot.start.astimezone(zone), slot.end.astimezone(zone)
        days = (
            self.tr("Mon"), self.tr("Tue"), self.tr("Wed"), self.tr("Thu"), self.tr("Fri"),
            self.tr("Sat"), self.tr("Sun"),
        )  # fmt: skip
        return f"{days[start.weekday()]} {start:%d.%m.%Y %H:%M}–{end:%H:%M}"

    def _who(self, slot: Slot) -> str:
        return slot.staff or self.client.name

    def _show_slots(self, slots: tuple[Slot, ...] | list[Slot]) -> None:
        self._slots = list(slots)
        self.slots.clear()
        for slot in self._slots:
            QListWidgetItem(f"{self._when(slot)} · {self._who(slot)}", self.slots)
        if self._slots:
            self.slots.setCurrentRow(0)
            if self.isAncestorOf(self.focusWidget()) or self.focusWidget() is None:
                self.slots.setFocus()
        else:
            self.status.setText(self.tr("No free slot within the booking horizon."))

    def _set_busy(self, busy: bool, text: str = "") -> None:
        self._busy = busy
        self.progress.setVisible(busy)
        self.book_btn.setEnabled(not busy)
        if text:
            self.status.setStyleSheet("")
            self.status.setText(text)

    def _say_error(self, text: str) -> None:
        self.status.setStyleSheet("color:#c62828;font-weight:bold;")
        self.status.setText(text)
        self.failed.emit(text)

    def _error_text(self, exc: Exception) -> str:
        if isinstance(exc, AuthRefused):
            return self.tr("The calendar server refused the user name or password.")
        if isinstance(exc, SourceRefused):
            return self.tr("The calendar server refused the request ({0}).").format(exc)
        if isinstance(exc, BrokenCalendar):
            return self.tr("A calendar of this client cannot be read ({0}).").format(exc)
        if isinstance(exc, SourceUnreachable):
            return self.tr("The calendar server cannot be reached.")
        if isinstance(exc, UserError):
            return self.tr("The calendar says: {0}").format(exc.message)
        log.error("booking panel: %s\n%s", exc, getattr(exc, "__traceback_text__", ""))
        return self.tr("Something went wrong; the details are in the log.")

    # ---- search ---------------------------------------------------------------------
    def search(self) -> None:
        """The next free slots for the chosen type and staff, from now."""
        kind = self._kind()
        if kind is None:
            self._say_error(self.tr("This client has no appointment types yet."))
            return
        staff = self.staff_box.currentData()
        client_id, seat, db = self.client.id, self.seat, self.db
        since = dt.datetime.now(dt.UTC)
        assert client_id is not None

        def work() -> desk.Offer:
            with db.background() as bg:
                profile = bg.clients.get_profile(client_id)
                assert profile is not None
                return desk.offer(bg.calendars, profile, kind, staff, since, seat)

        self._set_busy(True, self.tr("Searching free slots…"))
        run_task(work, self._offered, self._search_failed, owner=self)

    def _offered(self, offer: desk.Offer) -> None:
        self._set_busy(False, " ")
        zone = zone_of(self.client.timezone)
        if offer.as_of is None:
            self.freshness.setText(self.tr("Calendar server unreachable; never synced."))
        elif offer.offline:
            self.freshness.setText(
                self.tr("Calendar server unreachable; calendar as of {0}.").format(
                    offer.as_of.astimezone(zone).strftime("%d.%m. %H:%M")
                )
            )
        else:
            self.freshness.setText(
                self.tr("Calendar as of {0}").format(offer.as_of.astimezone(zone).strftime("%H:%M"))
            )
        self._show_slots(offer.slots)
        self.searched.emit()

    def _search_failed(self, exc: Exception) -> None:
        self._set_busy(False)
        self._say_error(self._error_text(exc))
        self.searched.emit()

    # ---- booking --------------------------------------------------------------------
    def book(self, *_: object) -> None:
        """Book the selected slot for the caller (Enter in the list or a caller field)."""
        row = self.slots.currentRow()
        kind = self._kind()
        if self._busy or kind is None or not 0 <= row < len(self._slots):
            return
        caller = self.caller.text().strip()
        if not caller:
            self._say_error(self.tr("Enter the caller's name first."))
            self.caller.setFocus()
            return
        slot, phone = self._slots[row], self.phone.text().strip()
        client_id, seat, db = self.client.id, self.seat, self.db
        assert client_id is not None

        def work() -> desk.Outcome:
            with db.background() as bg:
                profile = bg.clients.get_profile(client_id)
                assert profile is not None
                return desk.book(bg.calendars, profile, kind, slot, caller, phone, seat)

        self._set_busy(True, self.tr("Booking {0}…").format(self._when(slot)))
        run_task(work, self._made, self._book_failed, owner=self)

    def line(self, outcome: desk.Outcome) -> str:
        """The booking as the note and the daily report say it."""
        when, who = self._when(outcome.slot), self._who(outcome.slot)
        if outcome.pending:
            text = self.tr("Appointment pending (calendar unreachable): {0} with {1} ({2})")
        else:
            text = self.tr("Appointment booked: {0} with {1} ({2})")
        return text.format(when, who, outcome.kind.name)

    def _made(self, outcome: desk.Outcome) -> None:
        self._set_busy(False)
        line = self.line(outcome)
        if outcome.pending:
            self.status.setStyleSheet("color:#ef6c00;font-weight:bold;")
            self.status.setText(
                self.tr("PENDING — the server is unreachable; written when it answers: {0}").format(
                    line
                )
            )
        else:
            self.status.setStyleSheet("color:#2e7d32;font-weight:bold;")
            self.status.setText(line)
        self.booked.emit(line)

    def _book_failed(self, exc: Exception) -> None:
        self._set_busy(False)
        if isinstance(exc, SlotTaken):
            self._say_error(
                self.tr("Taken: someone else booked this slot just now. Fresh slots below.")
            )
            fresh = [s for s in exc.alternatives if isinstance(s, Slot)]
            self._show_slots(fresh)
            self.searched.emit()
            return
        self._say_error(self._error_text(exc))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Escape closes the panel; the pop stays."""
        if event.key() == Qt.Key.Key_Escape:
            self.hide()
            return
        super().keyPressEvent(event)
