"""Pages of ended calls: one with nothing typed closes by itself (the call stays in the
history, the keyboard reopens it); one with a note being written stays, its draft kept."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence

from appenv.paths import AppPaths
from appenv.settings import Settings
from storage import Database, open_app_database
from tests.fixtures.qt import open_main_window
from tests.fixtures.sip import run_sipp
from tests.ui.demo_clients import add_demo_client
from ui.main_window import REOPEN_PAGE_KEYS, MainWindow

MISSED_CALLS = 20


@pytest.fixture
def window(qtbot, app_paths: AppPaths) -> Iterator[tuple[MainWindow, Database]]:
    db = open_app_database(app_paths)
    add_demo_client(db.clients, "ROTH", "Kanzlei Dr. Roth", "+49301234567", "#1f3a5f")
    add_demo_client(db.clients, "HH", "Hamburg GmbH", "+4940555020", "#2e7d32")
    win: MainWindow = open_main_window(qtbot, Settings(app_paths.settings_file), db)
    yield win, db
    win.phone.stop()
    db.close()


def _no_call_page_left(win: MainWindow) -> bool:
    return not win.pops.pages and win.pops.tabs.count() == 1  # the placeholder only


def test_twenty_short_missed_calls_leave_no_page_open(
    window: tuple[MainWindow, Database], qtbot, tmp_path: Path
):
    win, db = window
    recorded: list[object] = []
    win.call_recorded.connect(recorded.append)
    sipp = run_sipp(
        tmp_path, "uac_cancel.xml", f"127.0.0.1:{win.sip_port}", "+4940555020",  # type: ignore[attr-defined]
        "-m", str(MISSED_CALLS), "-r", "2", "-l", "3", "-timeout", "120s",
    )  # fmt: skip
    qtbot.waitUntil(lambda: len(recorded) == MISSED_CALLS, timeout=120_000)
    assert sipp.wait() == 0, sipp.output()
    qtbot.waitUntil(lambda: _no_call_page_left(win), timeout=10_000)
    qtbot.wait(500)  # a note form completing a page late must not bring one back
    assert _no_call_page_left(win) and not win.pops.forms and not win.pops.views
    assert win.history.rowCount() >= MISSED_CALLS
    keys = {r.call_key for r in db.calls.recent_calls(100)}
    assert len(keys) == MISSED_CALLS and all(r.outcome.missed for r in recorded)  # type: ignore[attr-defined]
    assert set(win.pops.recently_closed) == keys  # each one can come back


def test_a_page_with_a_note_being_written_stays_after_the_call(
    window: tuple[MainWindow, Database], qtbot, tmp_path: Path
):
    win, db = window
    sipp = run_sipp(tmp_path, "uac_forwarded.xml", f"127.0.0.1:{win.sip_port}")  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: len(win.pops.forms) == 1, timeout=10_000)
    key, form = next(iter(win.pops.forms.items()))
    qtbot.mouseClick(win.pops.views[key].answer_btn, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(form.subject, "Rueckruf wegen Akte 42")  # typed: ASCII only (TESTBED)
    with qtbot.waitSignal(win.call_recorded, timeout=15_000) as recorded:
        pass
    assert sipp.wait() == 0, sipp.output()
    qtbot.wait(300)
    assert win.pops.forms.get(key) is form and key in win.pops.pages
    assert form.subject.text() == "Rueckruf wegen Akte 42" and form.has_typing
    assert form.flush_draft()  # the draft survives, bound to the logged call
    drafts = db.notes.drafts
    assert drafts is not None
    draft = drafts.load(form.draft_key)
    assert draft is not None and draft.note.subject == "Rueckruf wegen Akte 42"
    assert draft.note.call_id == recorded.args[0].id
    assert form.save() is not None  # saved: nothing left to lose, the page closes
    qtbot.waitUntil(lambda: _no_call_page_left(win), timeout=5_000)
    assert drafts.load(draft.key) is None
    note = db.notes.note_for_call(recorded.args[0].id)
    assert note is not None and note.subject == "Rueckruf wegen Akte 42"


def test_a_note_saved_during_the_call_is_bound_to_it_and_its_page_closes(
    window: tuple[MainWindow, Database], qtbot, tmp_path: Path
):
    win, db = window
    sipp = run_sipp(tmp_path, "uac_forwarded.xml", f"127.0.0.1:{win.sip_port}")  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: len(win.pops.forms) == 1, timeout=10_000)
    key, form = next(iter(win.pops.forms.items()))
    qtbot.mouseClick(win.pops.views[key].answer_btn, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(form.subject, "Bitte Rueckruf")
    assert form.save() is not None and key in win.pops.pages  # the call is still up
    with qtbot.waitSignal(win.call_recorded, timeout=15_000) as recorded:
        pass
    assert sipp.wait() == 0, sipp.output()
    qtbot.waitUntil(lambda: _no_call_page_left(win), timeout=5_000)
    note = db.notes.note_for_call(recorded.args[0].id)
    assert note is not None and note.subject == "Bitte Rueckruf"
    assert db.notes.drafts is not None and not db.notes.drafts.all()  # no stray draft


def test_a_closed_page_comes_back_by_keyboard_bound_to_its_call(
    window: tuple[MainWindow, Database], qtbot, tmp_path: Path
):
    win, db = window
    sipp = run_sipp(tmp_path, "uac_cancel.xml", f"127.0.0.1:{win.sip_port}", "+4940555020")  # type: ignore[attr-defined]
    with qtbot.waitSignal(win.call_recorded, timeout=15_000) as recorded:
        pass
    assert sipp.wait() == 0, sipp.output()
    record = recorded.args[0]
    qtbot.waitUntil(lambda: _no_call_page_left(win), timeout=10_000)

    # Enter on the call's row in the history
    win.history.setFocus()
    win.history.setCurrentCell(0, 0)
    qtbot.keyClick(win.history, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: record.call_key in win.pops.forms, timeout=10_000)
    view = win.pops.views[record.call_key]
    assert view.header.text().startswith("Hamburg GmbH") and "(ended)" in view.header.text()
    assert win.pops.tabs.currentWidget() is win.pops.pages[record.call_key]
    form = win.pops.forms[record.call_key]
    assert form.current_note().call_id == record.id and not form.has_typing

    # closed by hand, then Ctrl+Shift+T (File menu: Reopen closed page) brings it back
    action = win.findChild(QAction, "action-reopen-page")
    assert action is not None and action.shortcut() == QKeySequence(REOPEN_PAGE_KEYS)
    win.pops.close_page(record.call_key)
    assert record.call_key not in win.pops.pages
    ctrl_shift = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    assert QKeySequence(REOPEN_PAGE_KEYS) == QKeySequence(Qt.Key.Key_T | ctrl_shift)
    win.activateWindow()  # a window shortcut: the window must be the active one
    qtbot.waitUntil(win.isActiveWindow, timeout=3000)
    qtbot.keyClick(win.history, Qt.Key.Key_T, ctrl_shift)
    qtbot.waitUntil(lambda: record.call_key in win.pops.forms, timeout=10_000)
    assert win.pops.forms[record.call_key].current_note().call_id == record.id
    assert db.calls.call_by_key(record.call_key) is not None
