"""The booking panel on a call's page: type, staff, the next free slots, caller, *Book*;
the caller's appointments to come (*Move*, *Cancel*), the client's booking conflicts, and
an optional confirmation e-mail.

Calendar and database work runs in background tasks (:func:`ui.tasks.run_task`, the steps
in :mod:`ui.booking_work`); the panel shows progress and words every outcome: booked, kept
pending (server unreachable), moved, cancelled, taken (with the fresh slots at once), or
an error the operator can act on. Every change is tied to the call (``call_key``) in the
appointments journal; the line for the call's note is the journal row in the *client's*
language (:func:`reports.appointment_wording.client_line`): the note and the report are
the client's.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from appenv import logs
from appenv.errors import UserError
from appenv.settings import Settings
from appenv.times import utc_now
from calendar_sync import desk
from calendar_sync.errors import (
    AuthRefused,
    BrokenCalendar,
    SlotTaken,
    SourceRefused,
    SourceUnreachable,
)
from calendar_sync.journal import AppointmentRecord, AppointmentState
from calendar_sync.slots import AppointmentType, Slot
from calendar_sync.zones import zone_of
from clients.email_addresses import InvalidEmailAddress
from clients.model import Client
from office.seat_identity import seat_name  # who wrote a booking, kept in the event
from reports.appointment_wording import client_line
from reports.confirmation import Change
from reports.delivery import OUTBOX_SENDER
from reports.delivery_jobs import DeliveryJob
from reports.transports import sender_address
from storage.interfaces import Database
from ui import booking_work as work
from ui.booking_confirmation import ConfirmationRow
from ui.booking_lists import AppointmentsBox, ConflictsBox
from ui.tasks import run_task

log = logs.get("ui")
OK_STYLE = "color:#2e7d32;font-weight:bold;"
PENDING_STYLE = "color:#ef6c00;font-weight:bold;"
ERROR_STYLE = "color:#c62828;font-weight:bold;"


class BookingPanel(QGroupBox):
    """Book, move and cancel the caller's appointments in one client's calendars."""

    searched = Signal()  # fresh slots (or an error) are on screen
    booked = Signal(str)  # the note's line, after a booking or a pending one
    changed = Signal(str)  # the note's line, after a move or a cancellation
    failed = Signal(str)  # what the operator was told (taken, refused, ...)
    confirmation_queued = Signal(object)  # list[DeliveryJob]: deliver them now
    confirmation_done = Signal(str)  # what the panel says about the confirmation
    conflicts_changed = Signal(str, object)  # client code, tuple[AppointmentRecord, ...]

    def __init__(
        self,
        db: Database,
        client: Client,
        caller: str,
        phone: str,
        operator: str,
        parent: QWidget | None = None,
        *,
        call_key: str | None = None,
        settings: Settings | None = None,
    ) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Book appointment"))
        self.setObjectName("booking-panel")
        self.db = db
        self.client = client
        self.operator = operator
        self.seat = seat_name(operator)
        self.call_key = call_key
        self.settings = settings
        self._kinds: list[AppointmentType] = db.calendars.types(client.code)
        self._slots: list[Slot] = []
        self._busy = False
        self._moving: AppointmentRecord | None = None

        self.kind_box = QComboBox()
        self.kind_box.setObjectName("booking-type")
        for kind in self._kinds:
            self.kind_box.addItem(self.tr("{0} ({1} min)").format(kind.name, kind.minutes))
        self.staff_box = QComboBox()
        self.staff_box.setObjectName("booking-staff")
        self.slots = QListWidget()
        self.slots.setObjectName("booking-slots")
        self.slots.itemActivated.connect(self._activate)
        self.caller = QLineEdit(caller)
        self.caller.setObjectName("booking-caller")
        self.caller.returnPressed.connect(self._activate)
        self.phone = QLineEdit(phone)
        self.phone.setObjectName("booking-phone")
        self.phone.returnPressed.connect(self._activate)
        self.confirmation = ConfirmationRow()
        self.confirmation.email.returnPressed.connect(self._activate)
        self.book_btn = QPushButton(self.tr("&Book"))
        self.book_btn.setObjectName("booking-book")
        self.book_btn.clicked.connect(self.book)
        self.move_here_btn = QPushButton(self.tr("Move &here"))
        self.move_here_btn.setObjectName("booking-move-here")
        self.move_here_btn.clicked.connect(self.move_here)
        self.stop_move_btn = QPushButton(self.tr("&Keep as it is"))
        self.stop_move_btn.setObjectName("booking-stop-move")
        self.stop_move_btn.clicked.connect(self.stop_moving)
        self.moving_label = QLabel()
        self.moving_label.setObjectName("booking-moving")
        self.moving_label.setStyleSheet("font-weight:bold;")
        self.moving_label.setWordWrap(True)
        self.freshness = QLabel()
        self.freshness.setObjectName("booking-freshness")
        self.status = QLabel()
        self.status.setObjectName("booking-status")
        self.status.setWordWrap(True)
        self.mail_status = QLabel()
        self.mail_status.setObjectName("booking-mail-status")
        self.mail_status.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # busy, no percentage: a server answers when it does
        self.progress.setMaximumHeight(8)
        self.progress.setTextVisible(False)
        self.progress.setVisible(False)
        self.appointments = AppointmentsBox()
        self.appointments.move_requested.connect(self.start_moving)
        self.appointments.cancel_requested.connect(self.ask_cancel)
        self.conflicts = ConflictsBox()
        self.conflicts.acknowledge_requested.connect(self.acknowledge)

        form = QFormLayout()
        form.addRow(self.tr("Type:"), self.kind_box)
        form.addRow(self.tr("With:"), self.staff_box)
        form.addRow(self.tr("Free slots:"), self.slots)
        form.addRow(self.tr("Caller name:"), self.caller)
        form.addRow(self.tr("Phone:"), self.phone)
        form.addRow(self.tr("E-mail:"), self.confirmation)
        buttons = QHBoxLayout()
        for button in (self.book_btn, self.move_here_btn, self.stop_move_btn):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)  # what needs the operator first: conflicts, what is booked
        layout.addWidget(self.conflicts)
        layout.addWidget(self.appointments)
        layout.addWidget(self.moving_label)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.freshness)
        layout.addWidget(self.status)
        layout.addWidget(self.mail_status)
        layout.addLayout(buttons)
        self._fill_staff()
        self._show_mode()
        self.kind_box.currentIndexChanged.connect(self._kind_changed)
        self.staff_box.currentIndexChanged.connect(self.search)

    @property
    def offered(self) -> list[Slot]:
        """The slots the list shows, in its order."""
        return list(self._slots)

    @property
    def moving(self) -> AppointmentRecord | None:
        """The appointment being moved (its new slot is chosen from the list), if any."""
        return self._moving

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

    def _show_mode(self) -> None:
        moving = self._moving is not None
        self.book_btn.setVisible(not moving)
        self.move_here_btn.setVisible(moving)
        self.stop_move_btn.setVisible(moving)
        self.moving_label.setVisible(moving)
        self.kind_box.setEnabled(not moving)
        self.staff_box.setEnabled(not moving)

    # ---- words ----------------------------------------------------------------------
    def _span(self, start_at: dt.datetime, end_at: dt.datetime) -> str:
        zone = zone_of(self.client.timezone)
        start, end = start_at.astimezone(zone), end_at.astimezone(zone)
        days = (
            self.tr("Mon"), self.tr("Tue"), self.tr("Wed"), self.tr("Thu"), self.tr("Fri"),
            self.tr("Sat"), self.tr("Sun"),
        )  # fmt: skip
        return f"{days[start.weekday()]} {start:%d.%m.%Y %H:%M}–{end:%H:%M}"

    def _when(self, slot: Slot) -> str:
        return self._span(slot.start, slot.end)

    def _who(self, slot: Slot) -> str:
        return slot.staff or self.client.name

    def _record_words(self, record: AppointmentRecord) -> str:
        who = record.staff or self.client.name
        text = f"{self._span(record.starts_at, record.ends_at)} · {who}"
        if record.kind:
            text += f" ({record.kind})"
        if record.state is AppointmentState.PENDING:
            text += " · " + self.tr("pending: not written yet")
        return text

    def _conflict_words(self, record: AppointmentRecord) -> str:
        who = record.caller or self.tr("the caller")
        text = self.tr("NOT BOOKED — the slot was taken meanwhile: {0}.").format(
            self._record_words(record)
        )
        if record.message:
            text += " " + self.tr("Reason: {0}.").format(record.message.rstrip("."))
        if record.phone:
            text += " " + self.tr("Call {0} back on {1}.").format(who, record.phone)
        else:
            text += " " + self.tr("Tell {0}.").format(who)
        return text

    def _show_slots(self, slots: Sequence[Slot]) -> None:
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
        for button in (self.book_btn, self.move_here_btn, self.stop_move_btn):
            button.setEnabled(not busy)
        self.appointments.set_enabled(not busy)
        if text:
            self.status.setStyleSheet("")
            self.status.setText(text)

    def _say(self, text: str, style: str) -> None:
        self.status.setStyleSheet(style)
        self.status.setText(text)

    def _say_error(self, text: str) -> None:
        self._say(text, ERROR_STYLE)
        self.failed.emit(text)

    def _error_text(self, exc: Exception, changing: bool = False) -> str:
        if isinstance(exc, AuthRefused):
            return self.tr("The calendar server refused the user name or password.")
        if isinstance(exc, SourceRefused):
            return self.tr("The calendar server refused the request ({0}).").format(exc)
        if isinstance(exc, BrokenCalendar):
            return self.tr("A calendar of this client cannot be read ({0}).").format(exc)
        if isinstance(exc, SourceUnreachable):
            if changing:
                return self.tr("The calendar server cannot be reached: nothing was changed.")
            return self.tr("The calendar server cannot be reached.")
        if isinstance(exc, UserError):
            return self.tr("The calendar says: {0}").format(exc.message)
        log.error("booking panel: %s\n%s", exc, getattr(exc, "__traceback_text__", ""))
        return self.tr("Something went wrong; the details are in the log.")

    # ---- search ---------------------------------------------------------------------
    def search(self) -> None:
        """The next free slots for the chosen type and staff from now, the caller's
        appointments and the client's conflicts (leaves a move unfinished)."""
        kind = self._kind()
        if kind is None:
            self._say_error(self.tr("This client has no appointment types yet."))
            return
        if self._moving is not None:
            self.stop_moving()
        staff = self.staff_box.currentData()
        client_id, seat, db = self.client.id, self.seat, self.db
        phone, caller = self.phone.text(), self.caller.text()
        assert client_id is not None

        def run() -> work.Look:
            return work.look(db, client_id, kind, staff, seat, phone=phone, caller=caller)

        self._set_busy(True, self.tr("Searching free slots…"))
        run_task(run, self._looked, self._search_failed, owner=self)

    def _looked(self, look: work.Look) -> None:
        self._set_busy(False, " ")
        self._show_offer(look.offer)
        self._show_upcoming(look.upcoming)
        self._show_conflicts(look.conflicts)
        self.searched.emit()

    def _show_offer(self, offer: desk.Offer) -> None:
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

    def _show_upcoming(self, records: Sequence[AppointmentRecord]) -> None:
        self.appointments.set_records(records, self._record_words)
        for record in records:
            if record.email:
                self.confirmation.prefill(record.email)
                break

    def _show_conflicts(self, records: Sequence[AppointmentRecord]) -> None:
        """List the client's conflicts; the window hears of them (and of new ones)."""
        self.conflicts.set_conflicts(records, self._conflict_words)
        self.conflicts_changed.emit(self.client.code, tuple(records))

    def _search_failed(self, exc: Exception) -> None:
        self._set_busy(False)
        self._say_error(self._error_text(exc))
        self.searched.emit()

    # ---- booking --------------------------------------------------------------------
    def _activate(self, *_: object) -> None:
        """Enter in the slot list or a caller field: book, or move when moving."""
        if self._moving is not None:
            self.move_here()
        else:
            self.book()

    def _address(self) -> str | None:
        """The caller's address, checked ("" none); None (and said) when it is malformed.
        Read when a change starts: its confirmation goes where the field said then."""
        try:
            return self.confirmation.checked()
        except InvalidEmailAddress:
            self._say_error(
                self.tr("The e-mail address {0} is not valid; nothing was changed.").format(
                    self.confirmation.email.text().strip()
                )
            )
            self.confirmation.email.setFocus()
            return None

    def book(self, *_: object) -> None:
        """Book the selected slot for the caller (Enter in the list or a caller field)."""
        row = self.slots.currentRow()
        kind = self._kind()
        if self._busy or self._moving is not None or kind is None:
            return
        if not 0 <= row < len(self._slots):
            return
        caller = self.caller.text().strip()
        if not caller:
            self._say_error(self.tr("Enter the caller's name first."))
            self.caller.setFocus()
            return
        address = self._address()
        if address is None:
            return
        slot, phone = self._slots[row], self.phone.text().strip()
        client_id, seat, db, key, operator = (
            self.client.id, self.seat, self.db, self.call_key, self.operator,
        )  # fmt: skip
        assert client_id is not None

        def run() -> work.Booked:
            return work.book(
                db, client_id, kind, slot, seat, caller=caller, phone=phone, call_key=key,
                email=address, operator=operator,
            )  # fmt: skip

        self.mail_status.clear()
        self._set_busy(True, self.tr("Booking {0}…").format(self._when(slot)))
        mail = address if self.confirmation.wanted else None
        run_task(run, functools.partial(self._made, mail), self._book_failed, owner=self)

    def line(self, outcome: desk.Outcome) -> str:
        """The booking as the panel says it (the operator's language)."""
        when, who = self._when(outcome.slot), self._who(outcome.slot)
        if outcome.pending:
            text = self.tr("Appointment pending (calendar unreachable): {0} with {1} ({2})")
        else:
            text = self.tr("Appointment booked: {0} with {1} ({2})")
        return text.format(when, who, outcome.kind.name)

    def note_line(self, record: AppointmentRecord) -> str:
        """The journal row as the note and the client's report say it."""
        return client_line(record, self.client)

    def _made(self, mail: str | None, booked: work.Booked) -> None:
        self._set_busy(False)
        outcome = booked.outcome
        line = self.line(outcome)
        if outcome.pending:
            self._say(
                self.tr("PENDING — the server is unreachable; written when it answers: {0}").format(
                    line
                ),
                PENDING_STYLE,
            )
            if mail is not None:
                self._mail_said(
                    self.tr("No confirmation sent: the booking is not in the calendar yet."),
                    PENDING_STYLE,
                )
        else:
            self._say(line, OK_STYLE)
        self._show_conflicts(booked.conflicts)
        record = outcome.record
        self.booked.emit(self.note_line(record) if record is not None else line)
        if record is not None and not outcome.pending:
            self._confirm(record, "booked", mail)
        self._refresh_upcoming()  # a pending one is listed too, marked as such

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

    def _refresh_upcoming(self) -> None:
        """The caller's appointments after a change (the free slots stay as they are)."""
        db, code = self.db, self.client.code
        phone, caller = self.phone.text(), self.caller.text()

        def run() -> tuple[AppointmentRecord, ...]:
            with db.background() as bg:
                return work.callers_appointments(bg, code, phone, caller, utc_now())

        run_task(run, self._show_upcoming, self._search_failed, owner=self)

    # ---- move -----------------------------------------------------------------------
    def start_moving(self, record: AppointmentRecord) -> None:
        """Offer free slots for ``record`` (its staff member and type); *Move here* moves."""
        if self._busy:
            return
        client_id, seat, db = self.client.id, self.seat, self.db
        assert client_id is not None
        self._set_busy(True, self.tr("Searching free slots to move {0}…").format(
            self._record_words(record)
        ))  # fmt: skip
        run_task(
            lambda: work.move_offer(db, client_id, record, seat),
            self._move_offered,
            self._search_failed,
            owner=self,
        )

    def _move_offered(self, offered: work.MoveOffer) -> None:
        self._set_busy(False, " ")
        self._moving = offered.record
        self.moving_label.setText(
            self.tr("Moving {0}: choose the new slot, then Move here.").format(
                self._record_words(offered.record)
            )
        )
        self._show_mode()
        self._show_offer(offered.offer)
        self.slots.setFocus()
        self.searched.emit()

    def stop_moving(self) -> None:
        """Leave the appointment where it is; the panel books again."""
        self._moving = None
        self._show_mode()

    def move_here(self, *_: object) -> None:
        """Move the appointment being moved to the selected slot (same UID)."""
        record, row = self._moving, self.slots.currentRow()
        if self._busy or record is None or not 0 <= row < len(self._slots):
            return
        address = self._address()
        if address is None:
            return
        mail = address if self.confirmation.wanted else None
        slot = self._slots[row]
        client_id, seat, db, key, operator = (
            self.client.id, self.seat, self.db, self.call_key, self.operator,
        )  # fmt: skip
        assert client_id is not None

        def run() -> AppointmentRecord:
            return work.move(db, client_id, record, slot, seat, call_key=key, operator=operator)

        self.mail_status.clear()
        self._set_busy(True, self.tr("Moving to {0}…").format(self._when(slot)))
        run_task(run, functools.partial(self._moved, mail), self._move_failed, owner=self)

    def _moved(self, mail: str | None, record: AppointmentRecord) -> None:
        self._set_busy(False)
        before = self._moving
        self.stop_moving()
        text = self.tr("Moved to {0}").format(self._span(record.starts_at, record.ends_at))
        if before is not None:
            text += " " + self.tr("(was {0})").format(self._span(before.starts_at, before.ends_at))
        self._say(text, OK_STYLE)
        self.changed.emit(self.note_line(record))
        self._confirm(record, "moved", mail)
        self._refresh_upcoming()

    def _move_failed(self, exc: Exception) -> None:
        self._set_busy(False)
        if isinstance(exc, SlotTaken):
            self._say_error(
                self.tr(
                    "Taken: someone else booked this slot just now; the appointment was not "
                    "moved. Fresh slots below."
                )
            )
            self._show_slots([s for s in exc.alternatives if isinstance(s, Slot)])
            self.searched.emit()
            return
        self._say_error(self._error_text(exc, changing=True))

    # ---- cancel ---------------------------------------------------------------------
    def ask_cancel(self, record: AppointmentRecord) -> None:
        """Ask once, then cancel ``record`` (STATUS:CANCELLED, the UID kept)."""
        if self._busy:
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Cancel appointment"),
            self.tr("Cancel the appointment {0}?").format(self._record_words(record)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.setObjectName("booking-cancel-question")
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.finished.connect(
            lambda result: self.cancel(record) if result == QMessageBox.StandardButton.Yes else None
        )
        self.cancel_question = box
        box.open()

    def cancel(self, record: AppointmentRecord) -> None:
        """Cancel ``record`` now (no question)."""
        if self._busy:
            return
        address = self._address()
        if address is None:
            return
        mail = address if self.confirmation.wanted else None
        client_id, seat, db, key, operator = (
            self.client.id, self.seat, self.db, self.call_key, self.operator,
        )  # fmt: skip
        assert client_id is not None

        def run() -> AppointmentRecord:
            return work.cancel(db, client_id, record, seat, call_key=key, operator=operator)

        self.mail_status.clear()
        self._set_busy(True, self.tr("Cancelling {0}…").format(self._record_words(record)))
        run_task(run, functools.partial(self._cancelled, mail), self._cancel_failed, owner=self)

    def _cancelled(self, mail: str | None, record: AppointmentRecord) -> None:
        self._set_busy(False)
        self.stop_moving()
        self._say(
            self.tr("Cancelled: {0}").format(self._span(record.starts_at, record.ends_at)),
            OK_STYLE,
        )
        self.changed.emit(self.note_line(record))
        self._confirm(record, "cancelled", mail)
        self._refresh_upcoming()

    def _cancel_failed(self, exc: Exception) -> None:
        self._set_busy(False)
        self._say_error(self._error_text(exc, changing=True))

    # ---- confirmation ---------------------------------------------------------------
    def _organizer(self) -> str:
        return sender_address(self.settings) if self.settings is not None else OUTBOX_SENDER

    def _confirm(self, record: AppointmentRecord, change: Change, address: str | None) -> None:
        """Queue the change's confirmation (``address`` None: none was asked for; "": the
        client's copy only); the window delivers it."""
        if address is None:
            return
        client_id, db, organizer = self.client.id, self.db, self._organizer()
        assert client_id is not None
        self.mail_status.setStyleSheet("")
        self.mail_status.setText(self.tr("Queueing the confirmation…"))
        run_task(
            lambda: work.confirm(db, client_id, record, change, address, organizer),
            self._confirm_queued,
            self._confirm_failed,
            owner=self,
        )

    def _mail_said(self, text: str, style: str) -> None:
        self.mail_status.setStyleSheet(style)
        self.mail_status.setText(text)
        self.confirmation_done.emit(text)

    def _confirm_queued(self, jobs: list[DeliveryJob]) -> None:
        if not jobs:
            self._mail_said(
                self.tr("No confirmation: no caller address, and the client receives none."),
                PENDING_STYLE,
            )
            return
        to = ", ".join(address for job in jobs for address in job.recipients)
        self._mail_said(self.tr("Confirmation queued to {0}.").format(to), OK_STYLE)
        self.confirmation_queued.emit(jobs)

    def _confirm_failed(self, exc: Exception) -> None:
        if isinstance(exc, UserError):
            text = exc.message
        else:
            log.error("confirmation: %s\n%s", exc, getattr(exc, "__traceback_text__", ""))
            text = self.tr("details in the log")
        self._mail_said(self.tr("The confirmation was not queued: {0}").format(text), ERROR_STYLE)

    # ---- conflicts ------------------------------------------------------------------
    def acknowledge(self, record_id: int) -> None:
        """The operator has told the caller: the conflict is no longer listed."""
        db, code = self.db, self.client.code
        run_task(
            lambda: work.acknowledge(db, code, record_id),
            self._show_conflicts,
            lambda exc: self._say_error(self._error_text(exc)),
            owner=self,
        )

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Escape ends a move, else closes the panel; the pop stays."""
        if event.key() == Qt.Key.Key_Escape:
            if self._moving is not None:
                self.stop_moving()
                self.search()
                return
            self.hide()
            return
        super().keyPressEvent(event)
