"""The operator's main window: account state, dial pad, calls, history."""

from __future__ import annotations

import functools
import time
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QTabWidget,
)

from appenv import logs
from appenv.settings import Settings
from appenv.times import from_epoch
from softphone import events as ev
from softphone.call_board import BoardCall, FinishedCall
from softphone.call_info import CallInfo
from softphone.states import CallState, Outcome
from ui.call_area import CallArea
from ui.dial_pad import DialPad
from ui.history_view import HistoryView
from ui.phone import PhoneAdapter
from ui.phone_status import PhoneStatus
from ui.pops import PopPanel
from ui.seat_selector import SeatSelector

if TYPE_CHECKING:
    from calendar_sync.journal import AppointmentRecord
    from clients.call_journal import CallJournal
    from clients.model import CallRecord
    from office.model import Operator
    from storage.changes import Changes
    from storage.interfaces import ClientStore, Database, NotesStore
    from ui.client_choices import ClientChoices
    from ui.colleagues_panel import ColleaguesPanel
    from ui.colleagues_view import ColleaguesView
    from ui.db_changes import DatabaseChanges
    from ui.note_form import NoteForm
    from ui.notes_search import NotesSearch
    from ui.pickups import PickupControl
    from ui.screen_pop import PopView
    from ui.seat_control import SeatControl
    from ui.supervisor_view import SupervisorView

log = logs.get("ui")
NOTE_FORM_LATEST_MS = 150  # a call's page is complete by then even if its pop is not painted
REOPEN_PAGE_KEYS = "Ctrl+Shift+T"  # the call page closed last comes back
TURNED_AWAY_SWEEP_MS = 15_000  # how often calls every seat turned away are closed (busy)


class MainWindow(QMainWindow):
    settings_requested = Signal()
    smtp_settings_requested = Signal()
    note_saved = Signal(object)  # notes.model.Note, after Save in any note form
    call_recorded = Signal(object)  # CallRecord, after it was stored
    deliver_requested = Signal()  # mail was queued (a confirmation): deliver what is due now

    def __init__(self, phone: PhoneAdapter, settings: Settings) -> None:
        """The database is attached later (:meth:`attach_database`): the window shows first."""
        super().__init__()
        self.phone = phone
        self.db: Database | None = None
        self.store: ClientStore | None = None
        self.notes: NotesStore | None = None
        self.notes_search: NotesSearch | None = None
        self.choices: ClientChoices | None = None
        self.changes: DatabaseChanges | None = None
        self.settings = settings
        self.journal: CallJournal | None = None  # every call's log row, from its first ring
        self._turned_away_sweep: QTimer | None = None  # started by the first call turned away
        self.signed_in: Operator | None = None  # the logged-in operator (office accounts)
        self.seat_control: SeatControl | None = None  # this seat's state, once signed in
        self.colleagues: ColleaguesView | None = None  # the office's seats (office database)
        self.colleagues_panel: ColleaguesPanel | None = None  # the seats and their actions
        self.pickups: PickupControl | None = None  # calls picked up from / by colleagues
        self.supervisor: SupervisorView | None = None  # the figures (office, or an admin)
        # what happened before the store was open: popped and logged as soon as it is
        self._pending_calls: dict[str, BoardCall] = {}
        self._pending_pops: list[ev.IncomingCall] = []
        self._unsaved: list[FinishedCall] = []
        self.closed = False
        self.ask_before_close = True  # closing with calls up asks first (tests switch it off)
        self.setObjectName("main-window")
        self.setWindowTitle("Vorzimmer")
        self.resize(1180, 760)

        self.dial_pad = DialPad()
        self.dial_pad.dial_requested.connect(self.dial)
        self.dial_pad.digit_pressed.connect(self._pad_digit)

        self.call_area = CallArea(phone)
        self.cards = self.call_area.cards  # the same dict: tests and shortcuts read it

        # the screen-pop puts its page per call here, beside the call cards
        self.pop_area = QTabWidget()
        self.pop_area.setObjectName("pop-area")
        self.pop_area.setDocumentMode(True)
        self.pop_placeholder = QLabel(self.tr("The screen-pop of the next call appears here."))
        self.pop_placeholder.setObjectName("pop-placeholder")
        self.pop_placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pops = PopPanel(self.pop_area, self.operator_name, self.pop_placeholder)
        self.pops.client_resolved.connect(self._client_resolved)
        self.pops.pop_shown.connect(self._wire_pop)
        self.side_panel = QTabWidget()  # history and other lists
        self.side_panel.setObjectName("side-panel")
        self.history = HistoryView()
        self.history.call_back.connect(self.dial)
        self.history.reopen_requested.connect(self.reopen_page)
        self.side_panel.addTab(self.history, self.tr("History"))

        left = QSplitter(Qt.Orientation.Vertical)
        left.addWidget(self.call_area)
        left.addWidget(self.dial_pad)
        left.setSizes([420, 300])
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.pop_area)
        right.addWidget(self.side_panel)
        right.setSizes([480, 240])
        center = QSplitter(Qt.Orientation.Horizontal)
        center.addWidget(left)
        center.addWidget(right)
        center.setSizes([320, 860])
        self.setCentralWidget(center)

        self.seat_selector = SeatSelector()
        self.statusBar().addPermanentWidget(self.seat_selector)
        self.status = PhoneStatus(self.statusBar())
        self.reg_label, self.engine_label = self.status.registration, self.status.engine
        # booking conflicts stay in the status bar until acknowledged in a booking panel
        self.conflict_notice = QLabel()
        self.conflict_notice.setObjectName("conflict-notice")
        self.conflict_notice.setStyleSheet("color:#c62828;font-weight:bold;")
        self.conflict_notice.setVisible(False)
        self.statusBar().addPermanentWidget(self.conflict_notice)
        self._conflicts: dict[str, tuple[AppointmentRecord, ...]] = {}  # by client code

        self._build_menu()
        self._build_shortcuts()

        phone.incoming.connect(self.on_incoming)
        phone.call_changed.connect(self.on_call_changed)
        phone.call_finished.connect(self.on_call_finished)
        phone.turned_away.connect(self.on_turned_away)
        phone.registration_changed.connect(self.status.on_registration)
        phone.audio_changed.connect(self.status.on_audio)
        phone.engine_state.connect(self.status.on_engine_state)
        phone.error.connect(self.on_error)
        phone.call_taken.connect(self.pops.call_taken)

    def attach_database(self, db: Database) -> None:
        """Called once the database is open: pops, note forms and the call log start."""
        from clients.call_journal import CallJournal
        from notes.recovery import recover_drafts
        from ui.client_choices import ClientChoices
        from ui.db_changes import DatabaseChanges
        from ui.note_form import NoteForm
        from ui.notes_search import NotesSearch

        self.db = db
        self.store = store = db.clients
        self.notes = notes = db.notes
        self.choices = ClientChoices(store.list_clients())
        self.pops.store = store
        self.pops.choices = self.choices
        self.changes = DatabaseChanges(db, parent=self)  # every view refreshes on writes
        self.changes.changed.connect(self._database_changed)
        seat = self._seat()
        self.journal = CallJournal(db.calls, self._client_for, seat, self._operator)
        if seat:  # a seat of an office: one seat answers each call (a seat alone just answers)
            self.phone.answer_claim = self.journal.claim_answer
        closed = self.journal.recover()
        if closed:
            log.info("%d call(s) left open by a crash closed as interrupted", closed)
        self.reload_history()
        self._load_conflicts(db)
        self.notes_search = NotesSearch(store, notes)
        self.notes_search.open_note.connect(self.open_note)
        self.changes.changed.connect(self.notes_search.on_database_changed)
        self.side_panel.addTab(self.notes_search, self.tr("Notes"))
        for draft in recover_drafts(notes):
            form = NoteForm.from_draft(store, notes, self._operator(), draft, choices=self.choices)
            form.saved.connect(self.note_saved)
            self.pops.open_loose_note(form, self.tr("Recovered draft"))
        for call in self._pending_calls.values():
            self._journal_call(call)
        for incoming in self._pending_pops:
            self.on_incoming(incoming)
        for finished in self._unsaved:
            self.on_call_finished(finished)
        self._pending_calls.clear()
        self._pending_pops.clear()
        self._unsaved.clear()

    def _client_for(self, info: CallInfo) -> int | None:
        assert self.store is not None
        client = self.store.find_client_by_numbers(list(info.client_candidates()))
        return client.id if client is not None else None

    def _client_resolved(self, key: str, client_id: int | None) -> None:
        if self.journal is not None:
            self.journal.client_known(key, client_id)

    def operator_name(self) -> str:
        """Who works here, as notes, calls and greetings name them: the logged-in
        operator's display name, else (a single seat without accounts) the setting."""
        if self.signed_in is not None:
            return self.signed_in.display_name
        return str(self.settings.get("operator.name"))

    _operator = operator_name

    def sign_in(self, operator: Operator | None) -> None:
        """The operator is known (logged in, or no accounts): the seat's state starts."""
        from ui.seat_control import SeatControl

        assert self.db is not None
        self.signed_in = operator
        if self.seat_control is not None:
            self.seat_control.log_out()
        control = SeatControl(self.db, self.phone, self.settings, self.operator_name(), self)
        self.seat_control = control
        control.changed.connect(self.seat_selector.show_status)
        self.seat_selector.available_chosen.connect(control.set_available)
        self.seat_selector.break_chosen.connect(control.take_break)
        self.seat_selector.away_chosen.connect(control.go_away)
        if self.db.office and self.colleagues is None:
            self._show_colleagues(control)
        elif self.pickups is not None:
            self.pickups.use_seat(control)
        self._show_supervisor(operator)
        control.start()

    def _show_colleagues(self, control: SeatControl) -> None:
        """The colleagues tab, with pickup and transfer to a colleague's seat."""
        from ui.colleagues_panel import ColleaguesPanel
        from ui.colleagues_view import ColleaguesView
        from ui.pickups import PickupControl

        assert self.db is not None and self.changes is not None
        self.colleagues = view = ColleaguesView(self.db.seats, control.seat.seat)
        self.changes.changed.connect(view.on_database_changed)
        self.colleagues_panel = panel = ColleaguesPanel(view, self._my_call)
        self.pickups = pickups = PickupControl(
            self.phone, control, self.db.seats, self.operator_name, self
        )
        self.changes.changed.connect(pickups.on_database_changed)
        panel.pick_up_requested.connect(pickups.pick_up)
        panel.transfer_requested.connect(self.phone.transfer_blind)
        pickups.refused.connect(panel.show_refused)
        self.phone.call_changed.connect(panel.update_actions)
        self.side_panel.addTab(panel, self.tr("Colleagues"))
        view.refresh()
        pickups.read_requests()  # left from before a restart: settled as gone

    def _my_call(self) -> BoardCall | None:
        """The call this seat talks on now (the one a transfer hands over)."""
        talking = [c for c in self.phone.board.talking() if not c.local_hold]
        return talking[-1] if talking else None

    def _show_supervisor(self, operator: Operator | None) -> None:
        """The supervisor's tab for whom it is meant (:func:`supervisor_allowed`)."""
        from ui.supervisor_view import SupervisorView, supervisor_allowed

        assert self.db is not None and self.changes is not None
        allowed = supervisor_allowed(self.db.office, operator)
        if allowed and self.supervisor is None:
            self.supervisor = SupervisorView(self.db)
            self.changes.changed.connect(self.supervisor.on_database_changed)
            self.side_panel.addTab(self.supervisor, self.tr("Supervisor"))
        elif not allowed and self.supervisor is not None:  # another operator signed in
            self.side_panel.removeTab(self.side_panel.indexOf(self.supervisor))
            self.supervisor.deleteLater()
            self.supervisor = None

    def _seat(self) -> str:
        """This seat in the office's call log: its SIP account (``""``: a seat alone)."""
        return str(self.settings.get("sip.username"))

    def _note_form(self, client_id: int | None, call_id: int | None = None) -> NoteForm:
        """A new note form (for a logged call: its note, if one was saved) whose *Save* is
        announced as :attr:`note_saved`."""
        from ui.note_form import NoteForm

        assert self.store is not None and self.notes is not None
        calls = self.journal.log if self.journal is not None else None
        form = NoteForm(
            self.store,
            self.notes,
            self._operator(),
            client_id,
            call_id,
            choices=self.choices,
            calls=calls,
        )
        form.saved.connect(self.note_saved)
        return form

    def new_note(self) -> None:
        """A note without a call: walk-in, e-mail, or a call taken elsewhere."""
        if self.store is None or self.notes is None:
            return
        self.pops.open_loose_note(self._note_form(None), self.tr("New note"))

    def open_note(self, note_id: int) -> None:
        if self.store is None or self.notes is None:
            return
        form = self._note_form(None)
        form.load_note(note_id)
        self.pops.open_loose_note(form, self.tr("Note {0}").format(note_id))

    def open_admin(self) -> None:
        if self.store is None:
            return
        from ui.admin import AdminWindow

        admin = AdminWindow(self.store, self, operator=self._operator())
        admin.show()

    def _database_changed(self, changes: Changes) -> None:
        """Clients added, renamed or removed (here, in the admin window, on another seat)."""
        from storage.changes import CLIENTS  # the storage package loads after the window

        if changes.touches(CLIENTS) and self.store is not None and self.choices is not None:
            self.choices.set_clients(self.store.list_clients())

    # ---- building -------------------------------------------------------------------
    def _build_menu(self) -> None:
        menu = self.menuBar().addMenu(self.tr("&File"))
        settings = QAction(self.tr("&Settings…"), self)
        settings.setObjectName("action-settings")
        settings.triggered.connect(self.settings_requested.emit)
        menu.addAction(settings)
        smtp = QAction(self.tr("&Mail delivery…"), self)
        smtp.setObjectName("action-smtp")
        smtp.triggered.connect(self.smtp_settings_requested.emit)
        menu.addAction(smtp)
        new_note = QAction(self.tr("&New note"), self)
        new_note.setObjectName("action-new-note")
        new_note.setShortcut(QKeySequence.StandardKey.New)
        new_note.triggered.connect(self.new_note)
        menu.addAction(new_note)
        reopen = QAction(self.tr("&Reopen closed page"), self)
        reopen.setObjectName("action-reopen-page")
        reopen.setShortcut(QKeySequence(REOPEN_PAGE_KEYS))
        reopen.triggered.connect(self.reopen_last_page)
        menu.addAction(reopen)
        admin = QAction(self.tr("&Clients…"), self)
        admin.setObjectName("action-admin")
        admin.triggered.connect(self.open_admin)
        menu.addAction(admin)
        menu.addSeparator()
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        menu.addAction(quit_action)

    def _build_shortcuts(self) -> None:
        """Answer and hang up work from anywhere in the app, dialogs included."""
        for keys, slot in (
            ("F9", self.answer_first_ringing),
            ("Ctrl+Return", self.answer_first_ringing),
            ("F10", self.hangup_current),
            ("Ctrl+Shift+Return", self.hangup_current),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.ApplicationShortcut)
            shortcut.activated.connect(slot)

    # ---- actions --------------------------------------------------------------------
    def dial(self, target: str) -> None:
        self.phone.dial(target)

    def answer_first_ringing(self) -> None:
        ringing = self.phone.board.ringing()
        if ringing:
            self.phone.answer(ringing[0].key)

    def hangup_current(self) -> None:
        talking = [c for c in self.phone.board.talking() if not c.local_hold]
        calls = talking or list(self.phone.board.calls.values())
        if calls:
            call = calls[-1]
            if call.ringing:
                self.phone.reject(call.key)
            else:
                self.phone.hangup(call.key)

    def _pad_digit(self, digit: str) -> None:
        talking = [c for c in self.phone.board.talking() if not c.local_hold]
        if talking:
            self.phone.dtmf(talking[0].key, digit)

    def reopen_last_page(self) -> None:
        """The page closed last (by itself or by hand) comes back, pop and note."""
        while self.pops.recently_closed and self.store is not None:
            record = self.store.call_by_key(self.pops.recently_closed.pop())
            if record is not None:
                self.reopen_page(record)
                return

    def reopen_page(self, record: CallRecord) -> None:
        """A logged call's page again: its pop, and the note bound to the call."""
        if self.store is None or not record.call_key:
            return
        try:
            view = self.pops.reopen(record)
            if view is not None and record.seat and record.seat != self._seat():
                view.show_taken(record.operator or record.seat)  # a colleague's call
        except Exception as exc:
            log.exception("could not reopen the page of %s", record.call_key)
            self.on_error(self.tr("The call's page could not be opened: {0}").format(exc))

    def start_consultation(self, held_key: str, target: str) -> None:
        self.call_area.start_consultation(held_key, target)

    # ---- reactions ------------------------------------------------------------------
    def on_call_changed(self, call: BoardCall) -> None:
        self._journal_call(call)
        if call.state == CallState.CONFIRMED and self.seat_control is not None:
            self.seat_control.call_connected(call.key)
        self.pops.call_changed(call)
        self.call_area.call_changed(call)

    def _journal_call(self, call: BoardCall) -> None:
        """The log row opens with the call and learns when it was answered."""
        if call.state == CallState.DISCONNECTED:
            return  # completed by on_call_finished
        if self.journal is None:
            self._pending_calls[call.key] = call
            return
        self.journal.started(call)
        self.journal.answered(call)

    def on_incoming(self, incoming: ev.IncomingCall) -> None:
        if self.store is None:
            self._pending_pops.append(incoming)  # popped as soon as the store is open
            return
        try:
            self.pops.show_incoming(incoming)
        except Exception as exc:
            log.exception("screen-pop failed for %s", incoming.call)
            self.on_error(self.tr("Screen-pop failed: {0}").format(exc))

    def _wire_pop(self, view: object) -> None:
        from ui.screen_pop import PopView

        assert isinstance(view, PopView)
        view.answer_clicked.connect(self.phone.answer)
        view.transfer_requested.connect(self.phone.transfer_blind)
        view.consult_requested.connect(self.start_consultation)
        client_id = view.pop.client.id if view.pop.client else None
        # the note form (~8 ms to build) and the booking offer (reads the client's
        # calendars) come once the greeting is on screen; the timer covers a pop that is
        # not painted at once (window minimised)
        later = functools.partial(self._complete_page, view.call_key, client_id)
        view.painted.connect(later)
        QTimer.singleShot(NOTE_FORM_LATEST_MS, self, later)

    def _complete_page(self, key: str, client_id: int | None, _painted_at: float = 0.0) -> None:
        if self.closed:
            return
        view = self.pops.views.get(key)
        if view is not None and view.booking is None:
            self._offer_booking(view)
        self._open_call_note(key, client_id)

    def _offer_booking(self, view: PopView) -> None:
        """A known client with calendars: the pop offers booking (Ctrl+B) for this caller."""
        from clients import phone_numbers as pn
        from ui.booking_panel import BookingPanel

        client = view.pop.client
        if self.db is None or client is None or not self.db.calendars.sources(client.code):
            return
        caller = view.pop.caller.name if view.pop.caller is not None else ""
        phone = view.pop.caller_phone
        number = pn.display(phone.key) if phone is not None else ""
        panel = BookingPanel(
            self.db, client, caller, number, self._operator(), call_key=view.call_key,
            settings=self.settings,
        )  # fmt: skip
        panel.booked.connect(functools.partial(self._note_booking, view.call_key))
        panel.changed.connect(functools.partial(self._note_booking, view.call_key))
        panel.confirmation_queued.connect(self.deliver_requested)
        panel.conflicts_changed.connect(self.show_conflicts)
        view.add_booking(panel, panel.search)

    def _load_conflicts(self, db: Database) -> None:
        """Conflicts left unacknowledged (before a restart, by another seat) are shown
        from the start, not only once a booking panel of their client opens."""
        from calendar_sync import desk
        from ui.tasks import run_task

        def read() -> dict[str, tuple[AppointmentRecord, ...]]:
            with db.background() as bg:
                found: dict[str, list[AppointmentRecord]] = {}
                for record in desk.conflicts(bg.calendars, None):
                    found.setdefault(record.client, []).append(record)
                return {code: tuple(rows) for code, rows in found.items()}

        def show(found: dict[str, tuple[AppointmentRecord, ...]]) -> None:
            for code, rows in found.items():
                if code not in self._conflicts:  # a panel may have reported already
                    self.show_conflicts(code, rows)

        run_task(read, show, owner=self)

    def show_conflicts(self, code: str, records: tuple[AppointmentRecord, ...]) -> None:
        """A booking panel read ``code``'s conflicts: new ones are announced, all of them
        stay in the status bar until acknowledged."""
        known = {r.id for rows in self._conflicts.values() for r in rows}
        fresh = [r for r in records if r.id not in known]
        self._conflicts[code] = tuple(records)
        listed = [(c, r) for c, rows in sorted(self._conflicts.items()) for r in rows]
        if listed:
            who = "; ".join(f"{c}: {r.caller} {r.phone}".strip() for c, r in listed)
            self.conflict_notice.setText(self.tr("Booking conflicts, call back: {0}").format(who))
        self.conflict_notice.setVisible(bool(listed))
        if fresh:
            self.statusBar().showMessage(
                self.tr("{0} pending booking(s) of {1} not written: slot taken.").format(
                    len(fresh), code
                ),
                15000,
            )
            QApplication.alert(self)

    def _note_booking(self, key: str, line: str) -> None:
        """The booking joins the call's note (saved with it, printed in the daily report)."""
        form = self.pops.forms.get(key)
        if form is None:
            log.warning("booking for %s has no note form to go into: %s", key, line)
            self.on_error(line)
            return
        form.add_appointment(line)

    def _open_call_note(self, key: str, client_id: int | None) -> None:
        if self.notes is None or self.store is None or key in self.pops.forms:
            return
        if key not in self.pops.pages:
            return  # the page was closed meanwhile
        call = self.phone.board.calls.get(key)
        if call is not None:
            form = self._note_form(client_id)
            form.set_live_call(call.number, call.display_name, from_epoch(call.started_at))
        else:  # a page reopened from the history: the note bound to the logged call
            logged = self.store.call_by_key(key)
            form = self._note_form(client_id, logged.id if logged is not None else None)
        self.pops.attach_form(key, form)

    def on_call_finished(self, finished: FinishedCall) -> None:
        if self.journal is None:
            self._pending_pops = [p for p in self._pending_pops if p.call != finished.key]
            self._unsaved.append(finished)
            return
        try:
            stored = self.journal.finished(finished)
        except Exception as exc:
            log.exception("could not store call in history: %s", exc)
            self.on_error(self.tr("The call could not be saved in the history: {0}").format(exc))
            return
        self.history.prepend(stored)
        if self.seat_control is not None:
            self.seat_control.call_ended(finished.key, stored.client_id)
        if finished.outcome == Outcome.ANSWERED_ELSEWHERE:
            who = stored.operator or stored.seat
            self.pops.call_taken(finished.key, who)
            if who:  # its page closes by itself (nothing typed): the status line says it
                self.on_error(self.tr("Answered by {0}").format(who))
        # a note typed or saved is bound to the call (an untouched one is not: it would
        # leave a draft behind); then the page closes unless its note holds typing (the
        # call stays in the history, Ctrl+Shift+T or Enter on its row reopens it)
        form = self.pops.forms.get(finished.key)
        if form is not None and stored.id is not None and (form.has_typing or form.is_saved):
            form.attach_call(stored.id)
        self.pops.call_ended(finished.key)
        self.call_recorded.emit(stored)

    def on_turned_away(self, finished: FinishedCall) -> None:
        """A caller the engine answered 480 (this seat not available). A single seat logs
        it as missed at once; in an office the seats that rang log it — this seat opens
        the call's row (the same row, by its call key) and closes it as busy later only
        if no seat rang it (every seat turned it away; see ``CallJournal.turned_away``)."""
        if self.db is None or not self.db.office or self.journal is None:
            self.on_call_finished(finished)
            return
        try:
            self.journal.turned_away(finished)
        except Exception as exc:
            log.error("could not log a call turned away: %s", exc)
            return
        if self._turned_away_sweep is None:
            self._turned_away_sweep = QTimer(self)
            self._turned_away_sweep.timeout.connect(self._close_turned_away)
            self._turned_away_sweep.start(TURNED_AWAY_SWEEP_MS)

    def _close_turned_away(self) -> None:
        """Rows of calls every seat turned away are closed off the GUI thread."""
        from ui.tasks import run_task

        journal = self.journal
        if journal is not None:
            run_task(lambda: journal.close_turned_away(time.time()), owner=self)

    def reload_history(self) -> None:
        if self.store is not None:
            self.history.show_calls(self.store.recent_calls(200))

    def on_error(self, message: str) -> None:
        self.statusBar().showMessage(message, 8000)

    def closeEvent(self, event: QCloseEvent) -> None:
        up = self.phone.board.talking()
        if (
            up
            and self.ask_before_close
            and QMessageBox.question(
                self,
                self.tr("Calls in progress"),
                self.tr("{0} call(s) are still connected. Hang up and quit?").format(len(up)),
            )
            != QMessageBox.StandardButton.Yes
        ):
            event.ignore()
            return
        self.closed = True  # pages still being completed stop here: the database closes next
        if self.seat_control is not None:
            self.seat_control.log_out()  # written before the database closes
        event.accept()
