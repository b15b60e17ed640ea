"""The note form and the search panel as real widgets (pytest-qt, on Xvfb)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from clients.model import Caller
from notes.model import Action, Channel, NoteQuery, Urgency
from notes.recovery import recover_drafts
from tests.notes.conftest import World, berlin
from ui.note_form import NoteForm
from ui.notes_search import NotesSearch

pytestmark = pytest.mark.ui


def type_text(widget: QWidget, text: str) -> None:
    """Key events for any text (keyClicks aborts the process on non-ASCII)."""
    for ch in text:
        for kind in (QKeyEvent.Type.KeyPress, QKeyEvent.Type.KeyRelease):
            QApplication.sendEvent(
                widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch)
            )


@pytest.fixture
def make_form(qtbot, world: World) -> Iterator[Callable[..., NoteForm]]:
    def make(client_id: int | None, call_id: int | None, operator: str = "Frau Weber") -> NoteForm:
        form = NoteForm(world.store, world.notes, operator, client_id, call_id)
        qtbot.addWidget(form)
        form.show()
        return form

    yield make


def test_form_is_prefilled_from_the_call_and_the_caller_card(world: World, make_form) -> None:
    assert world.a.id is not None
    world.store.add_caller(Caller(client_id=world.a.id, name="Thomas Krause",
                                  company="Krause GmbH", numbers=("0171 5550142",)))  # fmt: skip
    call_id = world.call(world.a, berlin(2024, 5, 7, 14, 5), number="+49 171 5550142",
                         duration=184, name="T. Krause")  # fmt: skip
    form = make_form(world.a.id, call_id)
    assert form.client_box.currentData() == world.a.id and not form.client_box.isEnabled()
    assert "0171 5550142" in form.caller_info.text() and "T. Krause" in form.caller_info.text()
    assert form.time_info.text() == "07.05.2024 14:05"  # in the client's time zone
    assert form.duration_info.text() == "3:04"
    assert form.operator_info.text() == "Frau Weber"
    assert form.caller_name.text() == "Thomas Krause" and form.company.text() == "Krause GmbH"
    assert form.callback.text() == "0171 5550142"
    staff = [form.for_whom.itemText(i) for i in range(form.for_whom.count())]
    assert staff[1:] == ["Dr. Roth (Anwältin)", "Herr Fuchs"]
    assert form.appointment.isReadOnly()
    assert not form.has_unsaved_changes  # pre-filling is not an edit: no draft yet
    assert world.notes.drafts is not None and world.notes.drafts.all() == []


def test_typing_autosaves_a_draft_then_save_finalises(qtbot, world: World, make_form) -> None:
    call_id = world.call(world.a, berlin(2024, 5, 7, 9, 30))
    form = make_form(world.a.id, call_id)
    with qtbot.waitSignal(form.draft_saved, timeout=3000):
        qtbot.keyClicks(form.subject, "Frist")
        type_text(form.message, "Rückruf wegen Überweisung über 480 €")
    box = world.notes.drafts
    assert box is not None
    [draft] = box.all()
    assert draft.note.message == "Rückruf wegen Überweisung über 480 €"
    form.urgency.setCurrentIndex(form.urgency.findData("urgent"))
    form.action.setCurrentIndex(form.action.findData("call_back"))
    form.for_whom.setCurrentIndex(1)
    with qtbot.waitSignal(form.saved, timeout=3000) as blocker:
        qtbot.mouseClick(form.save_btn, Qt.MouseButton.LeftButton)
    note = blocker.args[0]
    assert note.id is not None and note.call_id == call_id and note.client_id == world.a.id
    assert (note.subject, note.urgency, note.action) == ("Frist", Urgency.URGENT, Action.CALL_BACK)
    assert note.for_whom == "Dr. Roth" and note.operator == "Frau Weber"
    assert box.all() == []  # finalised: the draft is gone
    assert "revision 1" in form.status.text()


def test_editing_a_saved_note_keeps_an_audit_trail(qtbot, world: World, make_form) -> None:
    original = world.note(world.a, subject="Termin", message="Dienstag")
    assert original.id is not None
    form = make_form(world.a.id, None, operator="Herr Yılmaz")
    form.load_note(original.id)
    assert form.subject.text() == "Termin" and form.changes.isVisible()
    form.message.selectAll()
    with qtbot.waitSignal(form.draft_saved, timeout=3000):
        qtbot.keyClicks(form.message, "Mittwoch 10 Uhr")
    [draft] = world.notes.drafts.all()  # type: ignore[union-attr]
    assert draft.note.id == original.id and draft.note.revision == 1
    with qtbot.waitSignal(form.saved, timeout=3000) as blocker:
        form.save()
    assert blocker.args[0].revision == 2
    [change] = world.notes.history(original.id)
    assert (change.field, change.old, change.new, change.changed_by) == (
        "message", "Dienstag", "Mittwoch 10 Uhr", "Herr Yılmaz")  # fmt: skip
    assert "Herr Yılmaz · message: Dienstag → Mittwoch 10 Uhr" in form.changes.toPlainText()


def test_bad_input_is_explained_and_kept(qtbot, world: World, make_form) -> None:
    form = make_form(None, None)  # walk-in, no client chosen yet
    assert form.channel_box.isEnabled() and form.client_box.isEnabled()
    qtbot.keyClicks(form.subject, "Paket abgegeben")
    assert form.save() is None
    assert "Choose the client" in form.status.text()
    [draft] = world.notes.drafts.all()  # type: ignore[union-attr]
    assert draft.note.subject == "Paket abgegeben"  # flushed at once, not lost
    form.client_box.setCurrentIndex(form.client_box.findData(world.b.id))
    qtbot.keyClicks(form.callback, "hello")
    assert form.save() is None and "not a phone number" in form.status.text()
    form.callback.clear()
    form.channel_box.setCurrentIndex(form.channel_box.findData("walk_in"))
    note = form.save()
    assert note is not None and note.client_id == world.b.id and note.channel is Channel.WALK_IN
    assert note.call_id is None


def test_note_during_a_live_call_gets_the_call_when_it_is_logged(
    qtbot, world: World, make_form
) -> None:
    started = berlin(2024, 5, 7, 11, 0)
    form = make_form(world.a.id, None)
    form.set_live_call("+49 30 5550199", "Petra Lehmann", started)
    assert form.caller_name.text() == "Petra Lehmann" and form.callback.text() == "030 5550199"
    assert not form.channel_box.isEnabled()
    qtbot.keyClicks(form.subject, "Bitte Unterlagen schicken")
    saved = form.save()  # saved while still talking
    assert saved is not None and saved.call_id is None and saved.channel is Channel.CALL
    call_id = world.call(world.a, started, number="+49 30 5550199", duration=62)
    with qtbot.waitSignal(form.saved, timeout=3000) as blocker:
        form.attach_call(call_id)
    assert blocker.args[0].call_id == call_id and blocker.args[0].revision == 2
    assert form.duration_info.text() == "1:02"
    assert world.notes.note_for_call(call_id) == blocker.args[0]
    # a new form for the same call opens that note instead of a second one
    again = make_form(world.a.id, call_id)
    assert again.subject.text() == "Bitte Unterlagen schicken"


def test_a_recovered_draft_reopens_and_saves(qtbot, world: World, make_form) -> None:
    form = make_form(world.a.id, None)
    type_text(form.message, "Schlüssel liegt beim Nachbarn")
    assert form.flush_draft()
    form.close()
    [draft] = recover_drafts(world.notes)
    reopened = NoteForm.from_draft(world.store, world.notes, "Frau Weber", draft)
    qtbot.addWidget(reopened)
    assert reopened.message.toPlainText() == "Schlüssel liegt beim Nachbarn"
    assert reopened.has_unsaved_changes and "Recovered draft" in reopened.status.text()
    note = reopened.save()
    assert note is not None and note.draft_key == draft.key
    assert recover_drafts(world.notes) == []


def test_search_panel_finds_per_client_and_opens_on_double_click(qtbot, world: World) -> None:
    mine = world.note(world.a, subject="Mietvertrag Müller", caller_name="Hans Müller",
                      noted_at=berlin(2024, 5, 7, 9))  # fmt: skip
    world.note(world.b, subject="Mietvertrag Müller", caller_name="Hans Müller")
    old = world.note(world.a, subject="Mietvertrag alt", noted_at=berlin(2024, 1, 3, 9))
    panel = NotesSearch(world.store, world.notes)
    qtbot.addWidget(panel)
    panel.show()
    assert panel.search() == [] and "Choose a client" in panel.count.text()
    panel.set_client(world.a.id)
    qtbot.keyClicks(panel.text, "mietvertrag")
    qtbot.waitUntil(lambda: panel.table.rowCount() == 2, timeout=3000)
    assert [n.id for n in panel.results] == [mine.id, old.id]
    panel.use_dates.setChecked(True)
    panel.date_from.setDate(QDate(2024, 5, 1))
    panel.date_to.setDate(QDate(2024, 5, 7))
    assert [n.id for n in panel.search()] == [mine.id]
    panel.caller.setText("müller")
    assert [n.id for n in panel.search()] == [mine.id]
    cell = panel.table.item(0, 2)
    assert cell is not None and cell.text() == "Mietvertrag Müller"
    with qtbot.waitSignal(panel.open_note, timeout=3000) as blocker:
        rect = panel.table.visualItemRect(cell)
        # a real double click is press, release, double-click press, release
        qtbot.mouseClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == [mine.id]
    panel.set_client(world.b.id)
    assert all(n.client_id == world.b.id for n in panel.results)
    assert world.notes.search(NoteQuery(client_id=world.b.id, text="alt")) == []


def test_search_panel_follows_notes_saved_elsewhere(qtbot, world: World) -> None:
    """A note saved by another form (here: another thread) shows up without a new query."""
    import threading

    from ui.db_changes import DatabaseChanges

    world.note(world.a, subject="Heizung", noted_at=berlin(2024, 5, 7, 9))
    panel = NotesSearch(world.store, world.notes)
    qtbot.addWidget(panel)
    relay = DatabaseChanges(world.db, parent=panel)
    relay.changed.connect(panel.on_database_changed)
    panel.set_client(world.a.id)
    assert [n.subject for n in panel.search()] == ["Heizung"]
    worker = threading.Thread(
        target=lambda: world.note(world.a, subject="Wasser", noted_at=berlin(2024, 5, 7, 10))
    )
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: panel.table.rowCount() == 2, timeout=3000)
    assert [n.subject for n in panel.results] == ["Wasser", "Heizung"]
