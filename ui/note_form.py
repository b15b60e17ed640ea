"""The note the secretary writes during or after a call (or for a walk-in, an e-mail).

Every edit is written as a draft ~300 ms after typing pauses (:mod:`notes.drafts`:
atomic, fsync'd), so a crash or ``kill -9`` loses at most that last moment; the app
reopens drafts at start (:func:`notes.recovery.recover_drafts`). *Save* finalises the
note; saving a saved note again records each changed field with who and when (audit trail).

Lifecycle with a call: create the form when the call is answered (``call_id`` ``None``,
then :meth:`NoteForm.set_live_call`), and call :meth:`NoteForm.attach_call` once the
call is stored in the log. A form created with a stored call's id fills itself from it.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import replace

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QCloseEvent, QHideEvent
from PySide6.QtWidgets import QWidget

from appenv import logs
from clients import phone_numbers as pn
from clients.errors import StoreError
from clients.model import Client
from notes.drafts import Draft, new_key
from notes.model import Channel, Note
from notes.saving import finalise
from notes.validation import Problem, problem_of
from storage.errors import StoreUnavailable
from storage.interfaces import CallLog, ClientStore, NotesStore
from ui.client_choices import ClientChoices, size_for_many
from ui.note_form_fields import NoteFormFields

__all__ = ["NoteForm"]

log = logs.get("ui")

AUTOSAVE_MS = 300


def _duration(seconds: float | None) -> str:
    if seconds is None:
        return ""
    total = max(0, round(seconds))
    return f"{total // 60}:{total % 60:02d}"


class NoteForm(NoteFormFields):
    """One note, bound to one call or to none. Emits ``saved(Note)`` after *Save*."""

    saved = Signal(object)  # Note, as stored
    draft_saved = Signal(str)  # the draft key, after each durable autosave

    def __init__(
        self,
        store: ClientStore,
        notes: NotesStore,
        operator: str,
        client_id: int | None,
        call_id: int | None,
        parent: QWidget | None = None,
        choices: ClientChoices | None = None,
        calls: CallLog | None = None,
    ) -> None:
        """``choices``: the window's shared client list; without it the form reads its own.
        ``calls``: the call log the window writes (in an office, the one that spools calls
        taken during an outage); ``store`` by default."""
        super().__init__(operator, parent)
        self.setObjectName("note-form")
        self.store = store
        self.calls: CallLog = calls or store
        self.notes = notes
        self.operator = operator
        self.draft_key = new_key()
        self._loading = True
        self._dirty = False  # to be written (a draft, or the note bound to its call)
        self._typed = False  # the operator typed since the last save: the page stays
        self._live_duration = ""
        self._signalled_name = ""  # display name as the call signalled it
        # fields not shown as editors: ids, context, revision of the saved note
        self._base = Note(
            client_id=client_id,
            operator=operator,
            noted_at=dt.datetime.now(dt.UTC),
            channel=Channel.CALL if call_id is not None else Channel.WALK_IN,
        )
        self.save_btn.clicked.connect(self.save)
        self._autosave = QTimer(self)
        self._autosave.setSingleShot(True)
        self._autosave.setInterval(AUTOSAVE_MS)
        self._autosave.timeout.connect(self.flush_draft)
        self._fill_clients(choices)
        self._set_client(client_id)
        self._connect_edits()
        if call_id is not None:
            existing = notes.note_for_call(call_id)
            if existing is not None and existing.id is not None:
                self._loading = False
                self.load_note(existing.id)
                return
            self._bind_call(call_id, prefill=True)
        self._refresh_context()
        self._loading = False

    def _connect_edits(self) -> None:
        for line in (self.caller_name, self.company, self.callback, self.subject):
            line.textEdited.connect(self._edited)
        self.message.textChanged.connect(self._edited)
        for box in (self.urgency, self.for_whom, self.action, self.channel_box):
            box.currentIndexChanged.connect(self._edited)
        self.client_box.currentIndexChanged.connect(self._client_changed)
        self.wrong_number.toggled.connect(self._edited)

    def _fill_clients(self, choices: ClientChoices | None) -> None:
        self.client_box.blockSignals(True)
        self.client_box.setModel(choices or ClientChoices(self.store.list_clients()))
        size_for_many(self.client_box)
        self.client_box.blockSignals(False)

    def _set_client(self, client_id: int | None) -> None:
        index = max(0, self.client_box.findData(client_id)) if client_id is not None else 0
        self.client_box.blockSignals(True)
        self.client_box.setCurrentIndex(index)
        self.client_box.blockSignals(False)
        self._fill_staff(self.client_box.currentData(), self._base.for_staff_id)

    def _fill_staff(self, client_id: int | None, selected: int | None) -> None:
        try:
            staff = self.store.list_staff(client_id) if client_id is not None else []
        except StoreUnavailable:  # an outage: "for whom" stays free text until it is back
            staff = []
        self.fill_staff(staff, selected)

    # ---- context --------------------------------------------------------------------
    def _client(self) -> Client | None:
        client_id = self.client_box.currentData()
        try:
            return None if client_id is None else self.store.get_client(client_id)
        except StoreUnavailable:  # an outage: times shown in the seat's own zone meanwhile
            return None

    def _zone(self) -> dt.tzinfo | None:
        client = self._client()
        return zoneinfo.ZoneInfo(client.timezone) if client is not None else None

    def _refresh_context(self) -> None:
        base = self._base
        bound = base.call_id is not None or bool(base.caller_number)
        number = pn.display(base.caller_number) if base.caller_number else ""
        signalled = self._signalled_name
        who = " · ".join(part for part in (signalled, number) if part)
        self.caller_info.setText(who or (self.tr("Unknown caller") if bound else "—"))
        local = base.noted_at.astimezone(self._zone())
        self.time_info.setText(local.strftime("%d.%m.%Y %H:%M"))
        self.duration_info.setText(self._live_duration or "—")
        self.channel_box.setEnabled(not bound)
        self.channel_box.blockSignals(True)
        self.channel_box.setCurrentIndex(max(0, self.channel_box.findData(str(base.channel))))
        self.channel_box.blockSignals(False)
        # the client of a stored call is known; only an unknown call or no call may choose
        self.client_box.setEnabled(not (base.call_id is not None and base.client_id is not None))
        self.changes.setVisible(base.id is not None)

    def _bind_call(self, call_id: int, prefill: bool) -> None:
        try:
            record = self.calls.get_call(call_id)
        except StoreUnavailable:  # an outage: keep the note bound, details come later
            self._base = replace(self._base, call_id=call_id, channel=Channel.CALL)
            return
        if record is None:
            self._show_error(self.tr("The call {0} is not in the log.").format(call_id))
            return
        self._base = replace(
            self._base,
            call_id=call_id,
            channel=Channel.CALL,
            caller_number=record.caller_number or self._base.caller_number,
            noted_at=record.started_at,
            client_id=record.client_id if record.client_id is not None else self._base.client_id,
        )
        self._signalled_name = record.caller_name or self._signalled_name
        self._live_duration = _duration(record.duration_s)
        if self._base.client_id is not None:
            self._set_client(self._base.client_id)
        if prefill:
            self._prefill_caller(record.caller_number, record.caller_name)

    def _prefill_caller(self, number: str | None, display_name: str | None) -> None:
        """Known caller: name and company from the card; the number to call back."""
        client_id = self.client_box.currentData()
        try:
            caller = self.store.find_caller(client_id, number) if number else None
        except StoreUnavailable:  # the office database is down: the note is taken all the same
            caller = None
        if caller is not None:
            self._base = replace(self._base, caller_id=caller.id)
            if not self.caller_name.text():
                self.caller_name.setText(caller.name)
            if not self.company.text():
                self.company.setText(caller.company)
        elif display_name and not self.caller_name.text():
            self.caller_name.setText(display_name)
        if number and not self.callback.text():
            self.callback.setText(pn.display(number))

    def set_live_call(
        self, caller_number: str | None, display_name: str | None, started_at: dt.datetime
    ) -> None:
        """Context of a call that is up but not in the log yet (the log is written at its
        end). Fields the operator typed are kept."""
        loading, self._loading = self._loading, True
        key = pn.normalise(caller_number) or (caller_number or "")
        self._base = replace(
            self._base, caller_number=key, noted_at=started_at, channel=Channel.CALL
        )
        self._signalled_name = display_name or ""
        self._prefill_caller(caller_number, display_name)
        self._refresh_context()
        self._loading = loading

    def attach_call(self, call_id: int) -> None:
        """Bind the note to the call just stored in the log (call it on ``call_recorded``).

        A note saved during the call is updated at once (recorded in its audit trail).
        """
        loading, self._loading = self._loading, True
        self._bind_call(call_id, prefill=False)
        self._refresh_context()
        self._loading = loading
        if self._base.id is not None and not self._dirty:
            self.save()
        elif not self._loading:
            self._mark_dirty()

    # ---- loading --------------------------------------------------------------------
    def load_note(self, note_id: int) -> None:
        """Show a saved note for editing; changes are saved as a new revision."""
        note = self.notes.get_note(note_id)
        if note is None:
            self._show_error(self.tr("The note {0} does not exist.").format(note_id))
            return
        self._autosave.stop()
        self.draft_key = new_key()
        self._show(note)
        self._dirty = self._typed = False
        self.status.setText(self._saved_text(note))

    def load_draft(self, draft: Draft) -> None:
        """Reopen a recovered draft; it stays unsaved until *Save*."""
        self._autosave.stop()
        self.draft_key = draft.key
        self._show(draft.note)
        self._dirty = self._typed = True
        self.status.setText(
            self.tr("Recovered draft from {0} — not saved yet.").format(
                draft.saved_at.astimezone().strftime("%d.%m.%Y %H:%M:%S")
            )
        )

    @classmethod
    def from_draft(
        cls,
        store: ClientStore,
        notes: NotesStore,
        operator: str,
        draft: Draft,
        parent: QWidget | None = None,
        choices: ClientChoices | None = None,
    ) -> NoteForm:
        form = cls(store, notes, operator, draft.note.client_id, None, parent, choices)
        form.load_draft(draft)
        return form

    def _show(self, note: Note) -> None:
        loading, self._loading = self._loading, True
        self._base = note
        if note.call_id is not None:
            record = self.calls.get_call(note.call_id)
            if record is not None:
                self._signalled_name = record.caller_name
                self._live_duration = _duration(record.duration_s)
        self._set_client(note.client_id)
        self._fill_staff(note.client_id, note.for_staff_id)
        self.show_fields(note, self.operator)
        self._refresh_context()
        self._show_history()
        self._loading = loading

    def _show_history(self) -> None:
        base = self._base
        if base.id is None:
            self.changes.clear()
            return
        lines = []
        if base.created_at is not None:
            lines.append(
                self.tr("{0} · {1} · written").format(
                    base.created_at.astimezone().strftime("%d.%m.%Y %H:%M"), base.operator
                )
            )
        for change in self.notes.history(base.id):
            lines.append(
                self.tr("{0} · {1} · {2}: {3} → {4}").format(
                    change.changed_at.astimezone().strftime("%d.%m.%Y %H:%M"),
                    change.changed_by,
                    change.field,
                    (change.old or "")[:60],
                    (change.new or "")[:60],
                )
            )
        self.changes.setPlainText("\n".join(lines))

    # ---- editing and autosave -------------------------------------------------------
    def _client_changed(self) -> None:
        self._fill_staff(self.client_box.currentData(), None)
        self._refresh_context()
        self._edited()

    def _edited(self, *_: object) -> None:
        if self._loading:
            return
        self._typed = True
        self._mark_dirty()

    def _mark_dirty(self) -> None:
        self._dirty = True
        self.status.setStyleSheet("")
        self.status.setText(self.tr("Editing…"))
        self._autosave.start()

    def add_appointment(self, line: str) -> None:
        """A booking made from the call's pop: its line joins the note (and the report)."""
        before = self.appointment.text().strip()
        self.appointment.setText(f"{before}; {line}" if before else line)
        self._edited()

    @property
    def has_unsaved_changes(self) -> bool:
        return self._dirty

    @property
    def is_saved(self) -> bool:
        """The note is in the database (maybe changed since)."""
        return self._base.id is not None

    @property
    def has_typing(self) -> bool:
        """Something the operator typed (or a recovered draft) is not saved yet."""
        return self._typed

    def current_note(self) -> Note:
        """The note as the form shows it now (not saved)."""
        return self.read_fields(self._base)

    def flush_draft(self) -> bool:
        """Write the draft now if anything changed since the last save; True if written."""
        self._autosave.stop()
        if not self._dirty or self.notes.drafts is None:
            return False
        draft = Draft(
            key=self.draft_key, note=self.current_note(), saved_at=dt.datetime.now(dt.UTC)
        )
        try:
            self.notes.drafts.save(draft)
        except OSError as exc:
            log.error("draft %s could not be written: %s", self.draft_key, exc)
            self._show_error(
                self.tr(
                    "The draft could not be stored ({0}). Save the note or copy the text."
                ).format(exc.strerror or exc)
            )
            return False
        self.status.setText(
            self.tr("Draft kept {0}").format(dt.datetime.now().strftime("%H:%M:%S"))
        )
        self.draft_saved.emit(self.draft_key)
        return True

    # ---- saving ---------------------------------------------------------------------
    def _problem(self, note: Note) -> str | None:
        problem = problem_of(note)
        if problem is Problem.NO_CLIENT:
            return self.tr("Choose the client this note is for.")
        if problem is Problem.NO_CONTENT:
            return self.tr("Write a subject or a message (or mark a wrong number).")
        if problem is Problem.BAD_CALLBACK_NUMBER:
            return self.tr("The callback number {0} is not a phone number.").format(
                note.callback_number
            )
        return None

    def save(self) -> Note | None:
        """Finalise the note; on a problem the form says what to fix and keeps the draft."""
        note = self.current_note()
        problem = self._problem(note)
        if problem is not None:
            self.flush_draft()
            self._show_error(problem)
            return None
        try:
            stored = finalise(self.notes, note, self.draft_key, self.operator)
        except Exception as exc:  # whatever the database says, the text must not be lost
            known = isinstance(exc, (StoreError, ValueError, OSError))
            log.error("note could not be saved: %s", exc, exc_info=not known)
            self.flush_draft()
            self._show_error(self.tr("Not saved: {0} Your text is kept as a draft.").format(exc))
            return None
        self._autosave.stop()
        self._dirty = self._typed = False
        self._show(stored)
        self.status.setStyleSheet("")
        self.status.setText(self._saved_text(stored))
        self.saved.emit(stored)
        return stored

    def _saved_text(self, note: Note) -> str:
        when = (note.updated_at or note.noted_at).astimezone().strftime("%H:%M:%S")
        return self.tr("Saved {0} (revision {1})").format(when, note.revision)

    def _show_error(self, text: str) -> None:
        self.status.setStyleSheet("color:#c62828")
        self.status.setText(text)

    # ---- never lose the last keystrokes ---------------------------------------------
    def hideEvent(self, event: QHideEvent) -> None:
        self.flush_draft()
        super().hideEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.flush_draft()
        super().closeEvent(event)
