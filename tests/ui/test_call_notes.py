"""A call's note sits beside its pop, is bound to the logged call, and survives closing."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from appenv.paths import AppPaths
from appenv.settings import Settings
from storage import Database, open_app_database
from storage.interfaces import ClientStore
from tests.fixtures.qt import open_main_window
from tests.fixtures.sip import run_sipp
from tests.ui.demo_clients import add_demo_client as _client
from ui.main_window import MainWindow


@pytest.fixture
def db(app_paths: AppPaths) -> Iterator[Database]:
    database = open_app_database(app_paths)
    _client(database.clients, "ROTH", "Kanzlei Dr. Roth", "+49301234567", "#1f3a5f")
    yield database
    database.close()


@pytest.fixture
def store(db: Database) -> ClientStore:
    return db.clients


def _window(qtbot, app_paths: AppPaths, db: Database) -> MainWindow:
    window: MainWindow = open_main_window(qtbot, Settings(app_paths.settings_file), db)
    return window


def test_note_taken_during_call_is_bound_to_the_logged_call(
    qtbot, app_paths: AppPaths, db: Database, store: ClientStore, tmp_path: Path
):
    window = _window(qtbot, app_paths, db)
    try:
        sipp = run_sipp(tmp_path, "uac_forwarded.xml", f"127.0.0.1:{window.sip_port}")  # type: ignore[attr-defined]
        qtbot.waitUntil(lambda: len(window.pops.forms) == 1, timeout=10000)
        key, form = next(iter(window.pops.forms.items()))
        assert form.caller_name.text() == "Jürgen Müller"  # pre-filled from the call
        qtbot.mouseClick(window.pops.views[key].answer_btn, Qt.MouseButton.LeftButton)
        form.subject.setText("Rückruf wegen Akte 42")
        form.message.setPlainText("Bittet um Rückruf heute.")
        with qtbot.waitSignal(window.call_recorded, timeout=10000) as recorded:
            pass
        call_id = recorded.args[0].id
        assert form.save() is not None
        assert window.notes is not None
        note = window.notes.note_for_call(call_id)
        assert note is not None and note.subject == "Rückruf wegen Akte 42"
        assert note.client_id == store.get_client_by_code("ROTH").id  # type: ignore[union-attr]
        assert sipp.wait() == 0
    finally:
        window.phone.stop()


def test_unsaved_walk_in_note_is_recovered_after_closing(qtbot, app_paths: AppPaths, db: Database):
    window = _window(qtbot, app_paths, db)
    window.new_note()
    form = next(iter(window.pops.forms.values()))
    qtbot.keyClicks(form.subject, "Besuch von Frau Oeztuerk")  # typed: ASCII only (see TESTBED)
    assert form.flush_draft()
    window.phone.stop()
    window.close()
    again = _window(qtbot, app_paths, db)
    try:
        recovered = [f.subject.text() for f in again.pops.forms.values()]
        assert recovered == ["Besuch von Frau Oeztuerk"]
    finally:
        again.phone.stop()
