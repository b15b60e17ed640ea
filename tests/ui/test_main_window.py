"""The main window with a real engine process: a sipp call is answered by a click."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from appenv.paths import AppPaths
from appenv.settings import Settings
from storage import open_database
from tests.fixtures.qt import open_main_window, screenshot
from tests.fixtures.sip import run_sipp
from ui.main_window import MainWindow

SHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"


@pytest.fixture
def window(qtbot, app_paths: AppPaths) -> Iterator[MainWindow]:
    db = open_database(app_paths.database)
    win = open_main_window(qtbot, Settings(app_paths.settings_file), db)
    yield win
    win.phone.stop()
    db.close()


def test_answer_a_real_call_by_clicking(window: MainWindow, qtbot, tmp_path: Path, xvfb: str):
    sipp = run_sipp(tmp_path, "uac_forwarded.xml", f"127.0.0.1:{window.sip_port}")  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: len(window.cards) == 1, timeout=10000)
    card = next(iter(window.cards.values()))
    assert "Jürgen Müller" in card.who.text()
    qtbot.waitUntil(lambda: card.answer_btn.isVisible(), timeout=5000)
    assert "+4917612345678" in card.who.text()
    SHOTS.mkdir(parents=True, exist_ok=True)
    qtbot.wait(300)  # let the window paint before the picture
    screenshot(xvfb, SHOTS / "ringing.png")
    qtbot.mouseClick(card.answer_btn, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: card.hangup_btn.isVisible() and not card.answer_btn.isVisible(), timeout=5000
    )
    qtbot.waitUntil(lambda: bool(window.phone.board.talking()), timeout=5000)  # ACK may lag
    # the caller hangs up after 1 s; the call lands in the history as answered
    with qtbot.waitSignal(window.call_recorded, timeout=10000) as blocker:
        pass
    record = blocker.args[0]
    assert record.outcome.value == "answered"
    assert record.caller_number == "+4917612345678"
    assert window.history.rowCount() == 1
    item = window.history.item(0, 2)
    assert item is not None and "Jürgen Müller" in item.text()
    assert not window.cards
    assert sipp.wait() == 0, sipp.output()


def test_missed_call_and_shortcut_answer(window: MainWindow, qtbot, tmp_path: Path):
    sipp = run_sipp(
        tmp_path,
        "uac_cancel.xml",
        f"127.0.0.1:{window.sip_port}",  # type: ignore[attr-defined]
        "+4940555020",
    )
    with qtbot.waitSignal(window.call_recorded, timeout=10000) as blocker:
        pass
    assert blocker.args[0].outcome.value == "missed"
    outcome = window.history.item(0, 4)
    assert outcome is not None and outcome.text() == "missed"
    assert sipp.wait() == 0

    sipp = run_sipp(tmp_path, "uac_forwarded.xml", f"127.0.0.1:{window.sip_port}")  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: bool(window.phone.board.ringing()), timeout=10000)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    qtbot.keyClick(window.dial_pad.number, Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: bool(window.phone.board.talking()), timeout=5000)
    with qtbot.waitSignal(window.call_recorded, timeout=10000) as blocker:
        pass
    assert blocker.args[0].outcome.value == "answered"
    assert sipp.wait() == 0
