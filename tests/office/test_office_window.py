"""The losing seat, seen in a real window (Xvfb): a colleague's answer is said calmly —
"Answered by <colleague>" on the call's page, no call card left, nothing missed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from appenv.paths import AppPaths
from appenv.settings import Settings
from clients.call_journal import CallJournal
from clients.model import Outcome
from softphone import commands as cmds
from storage import Database, open_database
from tests.fixtures.qt import open_main_window, screenshot
from tests.office.conftest import SEATS, Office, Seat
from tests.ui.demo_clients import fill_demo
from ui.main_window import MainWindow


@pytest.fixture
def office_db(postgres: str, app_paths: AppPaths) -> Iterator[tuple[Database, Database]]:
    """The office database: the window seat's connection and its colleague's."""
    window_db = open_database(postgres, drafts=app_paths.drafts)
    fill_demo(window_db.clients)
    colleague_db = open_database(postgres)
    yield window_db, colleague_db
    window_db.close()
    colleague_db.close()


@pytest.fixture
def seats(
    qtbot, office_factory, office_db, app_paths: AppPaths
) -> Iterator[tuple[Office, MainWindow, Seat]]:
    """Bob works in a real window; Alice is a seat without one, on the same office."""
    window_db, colleague_db = office_db
    office = office_factory("alice")
    settings = Settings(app_paths.settings_file)
    settings.set("sip.username", "bob")
    settings.set("operator.name", "Bob Berger")
    win = open_main_window(qtbot, settings, window_db)
    with qtbot.waitSignal(
        win.phone.registration_changed,
        timeout=15000,
        check_params_cb=lambda s: s.state == "registered",
    ):
        win.phone.register(office.registrar.address, "bob", SEATS["bob"], "udp")
    alice = Seat(
        "alice",
        office.seats["alice"],
        CallJournal(colleague_db.calls, lambda info: None, "alice", lambda: "Alice Adler"),
    )
    yield office, win, alice
    win.phone.stop()


def _ringing_in_window(qtbot, win: MainWindow) -> str:
    qtbot.waitUntil(lambda: bool(win.phone.board.ringing()), timeout=10000)
    key = win.phone.board.ringing()[0].key
    qtbot.waitUntil(lambda: key in win.pops.views, timeout=5000)
    return key


def test_a_colleague_answering_first_shows_answered_by_and_no_missed_call(
    seats: tuple[Office, MainWindow, Seat], qtbot, tmp_path: Path, xvfb: str
):
    office, win, alice = seats
    sipp = office.call(TALK_MS="3000")
    key = _ringing_in_window(qtbot, win)
    assert alice.wait_ringing().key == key  # one call, one key, at both seats
    view = win.pops.views[key]
    assert view.pop.client is not None and view.pop.client.code == "ROTH"
    with qtbot.waitSignal(win.call_recorded, timeout=10000) as recorded:
        assert alice.press_answer(key) is None  # alice wins and answers
    taken = recorded.args[0]
    assert taken.outcome != Outcome.MISSED and taken.seat == "alice"
    # nothing typed at this seat: the page closed by itself; reopened, it says who took it
    qtbot.waitUntil(lambda: key not in win.pops.pages, timeout=3000)
    assert key not in win.call_area.cards and win.call_area.no_calls.isVisible()
    assert win.statusBar().currentMessage() == "Answered by Alice Adler"
    win.reopen_last_page()
    view = win.pops.views[key]
    assert view.taken.text() == "Answered by Alice Adler" and not view.answer_btn.isVisible()
    qtbot.wait(300)  # painted, for the picture
    screenshot(xvfb, tmp_path / "answered-by.png")
    assert sipp.wait() == 0, sipp.output()
    alice.wait_finished(key)
    [call] = win.store.recent_calls(10)  # type: ignore[union-attr]
    assert call.outcome == Outcome.ANSWERED and call.operator == "Alice Adler"


def test_pressing_answer_after_a_colleague_claimed_the_call_steps_back_calmly(
    seats: tuple[Office, MainWindow, Seat], qtbot
):
    office, win, alice = seats
    sipp = office.call(TALK_MS="1000")
    key = _ringing_in_window(qtbot, win)
    alice.wait_ringing()
    assert alice.journal.claim_answer(key, 0.0) is None  # alice has claimed it, not answered
    view = win.pops.views[key]
    with qtbot.waitSignal(win.phone.call_taken, timeout=5000) as told:
        view.answer_btn.click()  # bob presses Answer on the pop
    assert told.args == [key, "Alice Adler"]
    assert view.taken.text() == "Answered by Alice Adler" and view.taken.isVisible()
    qtbot.waitUntil(lambda: key not in win.phone.board.calls, timeout=5000)  # stepped back
    alice.phone.send(cmds.Answer(call=alice.keys.engine_id(key) or ""))
    assert sipp.wait() == 0, sipp.output()
    alice.wait_finished(key)
    [call] = win.store.recent_calls(10)  # type: ignore[union-attr]
    assert call.outcome == Outcome.ANSWERED and call.seat == "alice"
    assert win.history.rowCount() == 1
