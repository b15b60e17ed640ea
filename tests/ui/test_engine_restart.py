"""Issue 8.1: after the engine is killed and restarted, a new call's page is its own.

Demo data: a call for one client, cancelled; a call for a second client, ringing, while
the engine child is ``kill -9``-ed; after the automatic restart a call for a third
client. Its page must show the third client's pop beside a note form for the third
client (the engine calls it "c1" again, like the first call), and a note saved there is
stored with the third call's client and caller.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt

from appenv.paths import AppPaths
from appenv.settings import Settings
from benchmarks.sip_uac import RawUac
from softphone.states import Outcome
from storage import Database, open_app_database
from tests.fixtures.qt import open_main_window
from tests.ui.demo_clients import add_demo_client
from ui.main_window import MainWindow
from ui.screen_pop import PopView

CLIENTS = (  # code, name, the number its calls are forwarded from, caller
    ("ROTH", "Kanzlei Dr. Roth", "+49301234567", "+4915100000001"),
    ("YIL", "Praxis Dr. Yilmaz", "+494012345678", "+4915100000002"),
    ("KRA", "Kraft Immobilien", "+49695551234", "+4915100000003"),
)


@pytest.fixture
def db(app_paths: AppPaths) -> Iterator[Database]:
    database = open_app_database(app_paths)
    for code, name, number, _caller in CLIENTS:
        add_demo_client(database.clients, code, name, number, "#1f3a5f")
    yield database
    database.close()


def _popped(window: MainWindow) -> dict[str, str]:
    """Client code -> call key of every pop shown (a missed call's page closes at once)."""
    popped: dict[str, str] = {}

    def shown(view: PopView) -> None:
        if view.pop.client is not None:
            popped[view.pop.client.code] = view.call_key

    window.pops.pop_shown.connect(shown)
    return popped


def _key_for(popped: dict[str, str], qtbot, code: str) -> str:
    qtbot.waitUntil(lambda: code in popped, timeout=10000)
    return popped[code]


@pytest.mark.expect_warnings  # the killed engine is logged as an error
def test_call_after_engine_restart_gets_its_own_pop_and_note(
    qtbot, app_paths: AppPaths, db: Database
):
    window = open_main_window(qtbot, Settings(app_paths.settings_file), db)
    port: int = window.sip_port
    recorded: list[object] = []
    window.call_recorded.connect(recorded.append)
    popped = _popped(window)
    uacs = [RawUac(port) for _ in CLIENTS]
    try:
        (code_a, _, number_a, caller_a), (code_b, _, number_b, caller_b), third = CLIENTS
        code_c, _, number_c, caller_c = third

        uacs[0].ring_and_cancel(number_a, caller=caller_a)  # A: rings, caller gives up
        key_a = _key_for(popped, qtbot, code_a)
        qtbot.waitUntil(lambda: len(recorded) == 1, timeout=10000)

        uacs[1].invite(number_b, caller=caller_b)  # B: ringing while the engine dies
        uacs[1].wait_status(180)
        key_b = _key_for(popped, qtbot, code_b)
        proc = window.phone.process.proc
        assert proc is not None
        os.kill(proc.pid, signal.SIGKILL)
        qtbot.waitUntil(lambda: len(recorded) == 2, timeout=10000)  # B logged: interrupted
        assert recorded[1].outcome.value == Outcome.INTERRUPTED  # type: ignore[attr-defined]
        assert not window.cards  # B's card closed with the dead engine
        qtbot.waitUntil(lambda: window.phone.ready is not None and window.phone.process.running,
                        timeout=15000)  # fmt: skip
        qtbot.waitUntil(lambda: "Phone ready" in window.engine_label.text() or
                        "Telefon" in window.engine_label.text(), timeout=15000)  # fmt: skip

        call_id, tag, branch, _ = uacs[2].invite(number_c, caller=caller_c)  # C
        uacs[2].wait_status(180)
        key_c = _key_for(popped, qtbot, code_c)
        view_c = window.pops.views[key_c]
        assert key_c not in (key_a, key_b)
        client_c = db.clients.get_client_by_code(code_c)
        assert client_c is not None and client_c.id is not None
        qtbot.waitUntil(lambda: key_c in window.pops.forms, timeout=5000)
        form = window.pops.forms[key_c]
        assert form is not window.pops.forms.get(key_a)
        page = window.pops.pages[key_c]
        assert page.indexOf(view_c) >= 0 and page.indexOf(form) >= 0  # pop and form together
        assert form.client_box.currentData() == client_c.id
        assert "15100000003" in form.callback.text().replace(" ", "")

        qtbot.keyClicks(form.subject, "Rueckruf erbeten")  # typed: its page stays
        uacs[2].cancel(call_id, tag, branch, number_c)
        qtbot.waitUntil(lambda: len(recorded) == 3, timeout=10000)
        record_c = recorded[2]
        assert record_c.client_id == client_c.id  # type: ignore[attr-defined]
        assert record_c.caller_number == caller_c  # type: ignore[attr-defined]
        saved = form.save()
        assert saved is not None
        note = db.notes.note_for_call(record_c.id)  # type: ignore[attr-defined]
        assert note is not None and note.subject == "Rueckruf erbeten"
        assert note.client_id == client_c.id and note.caller_number == caller_c
        qtbot.mouseClick(view_c.answer_btn, Qt.MouseButton.LeftButton)  # a dead call: ignored
    finally:
        window.phone.stop()
        for uac in uacs:
            uac.close()
