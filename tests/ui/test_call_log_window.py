"""Every call is in the call log, seen from a real window with a real engine and sipp callers:
a caller turned away because all lines are busy, and a call ringing when the engine dies."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

from appenv.paths import AppPaths
from appenv.settings import Settings
from clients.model import Outcome
from storage.interfaces import ClientStore
from tests.fixtures.qt import open_main_window
from tests.fixtures.sip import SippRun, run_sipp
from tests.ui.demo_clients import demo_database
from ui.main_window import MainWindow

ROTH_NUMBER = "+49301234567"  # the number that identifies Kanzlei Dr. Roth


@pytest.fixture
def window(qtbot, app_paths: AppPaths) -> Iterator[tuple[MainWindow, ClientStore]]:
    db = demo_database(app_paths)
    win = open_main_window(qtbot, Settings(app_paths.settings_file), db)
    yield win, db.clients
    win.phone.stop()
    db.close()


def _ring(tmp_path: Path, port: int, n: int, ms: int = 8000) -> SippRun:
    folder = tmp_path / f"caller{n}"
    folder.mkdir()
    return run_sipp(
        folder, "uac_ring_long.xml", f"127.0.0.1:{port}", ROTH_NUMBER, keys={"RING_MS": str(ms)}
    )


def test_the_fifth_caller_turned_away_busy_is_a_missed_call_of_the_client(
    window: tuple[MainWindow, ClientStore], qtbot, tmp_path: Path
):
    win, store = window
    port = win.sip_port  # type: ignore[attr-defined]
    callers = []
    for n in range(4):  # every line rings
        callers.append(_ring(tmp_path, port, n))
        qtbot.waitUntil(lambda n=n: len(win.phone.board.ringing()) == n + 1, timeout=10000)
    with qtbot.waitSignal(win.call_recorded, timeout=10000) as recorded:
        callers.append(_ring(tmp_path, port, 4))
    busy = recorded.args[0]
    roth = store.get_client_by_code("ROTH")
    assert roth is not None
    assert busy.outcome == Outcome.BUSY and busy.outcome.missed
    assert busy.client_id == roth.id  # the client hears about the lost caller
    assert busy.caller_uri.startswith("sip:04012345@")
    assert busy.id is not None and store.get_call(busy.id) is not None
    assert win.history.rowCount() >= 1  # shown in the history at once
    assert len(win.phone.board.ringing()) == 4  # the four others still ring
    for caller in callers:
        caller.wait(30)


@pytest.mark.expect_warnings  # the engine's death is logged
def test_a_call_ringing_when_the_engine_dies_is_logged_as_interrupted(
    window: tuple[MainWindow, ClientStore], qtbot, tmp_path: Path
):
    win, store = window
    caller = _ring(tmp_path, win.sip_port, 0)  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: bool(win.phone.board.ringing()), timeout=10000)
    key = win.phone.board.ringing()[0].key
    row = store.call_by_key(key)
    assert row is not None and row.outcome is None  # in the log while it rings
    process = win.phone.process.proc
    assert process is not None
    with qtbot.waitSignal(win.call_recorded, timeout=10000) as recorded:
        os.kill(process.pid, signal.SIGKILL)
    record = recorded.args[0]
    assert record.call_key == key and record.id == row.id
    assert record.outcome == Outcome.INTERRUPTED and record.ended_at is not None
    assert not win.phone.board.calls and not win.cards  # its card is gone
    caller.wait(30)
