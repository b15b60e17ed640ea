"""Seat states in real windows: the operator takes a break with a reason, the state is
stored, a caller gets 480 (busy once no seat can ring it), and a second window on the
same PostgreSQL database (a second seat) shows it in its colleagues view within 1 s; a
single seat logs the refused caller as missed at once."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from appenv.paths import AppPaths
from appenv.settings import Settings
from clients import call_journal
from office.model import SeatState
from storage import Database, open_database
from tests.fixtures.qt import open_main_window
from tests.fixtures.sip import run_sipp
from ui import main_window
from ui.main_window import MainWindow

pytestmark = [pytest.mark.ui]


def _seat_window(qtbot, home: Path, db: Database, name: str) -> MainWindow:
    paths = AppPaths(home).ensure()
    settings = Settings(paths.settings_file)
    settings.set("ui.language", "en")
    settings.set("operator.name", name)
    window = open_main_window(qtbot, settings, db)
    window.sign_in(None)
    qtbot.waitUntil(
        lambda: window.seat_control is not None and window.seat_control.started, timeout=10000
    )
    assert isinstance(window, MainWindow)
    return window


def _take_break(qtbot, window: MainWindow, reason: str) -> None:
    window.seat_selector.break_action.trigger()
    qtbot.waitUntil(lambda: window.seat_selector.dialog is not None, timeout=5000)
    dialog = window.seat_selector.dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible, timeout=5000)
    dialog.reason.setEditText(reason)
    dialog.accept()


@pytest.fixture
def two_seats(qtbot, tmp_path: Path, postgres: str) -> Iterator[tuple[MainWindow, MainWindow]]:
    db_a, db_b = open_database(postgres), open_database(postgres)
    a = _seat_window(qtbot, tmp_path / "a", db_a, "Frau Weber")
    b = _seat_window(qtbot, tmp_path / "b", db_b, "Herr Mai")
    yield a, b
    for window, db in ((a, db_a), (b, db_b)):
        window.close()
        window.phone.stop()
        db.close()


def _colleague_text(window: MainWindow, seat: str) -> str:
    view = window.colleagues
    assert view is not None
    for row in range(view.rowCount()):
        first = view.item(row, 0)
        if first is not None and first.data(256) == seat:  # Qt.UserRole
            return " | ".join(
                item.text() for c in range(view.columnCount()) if (item := view.item(row, c))
            )
    return ""


def test_a_break_is_stored_shown_and_seen_by_the_colleague(
    qtbot, two_seats: tuple[MainWindow, MainWindow], tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setattr(call_journal, "RING_LIMIT_S", 1.0)  # kamailio's 60 s fork, shortened
    monkeypatch.setattr(main_window, "TURNED_AWAY_SWEEP_MS", 200)
    a, b = two_seats
    assert a.seat_control is not None and b.seat_control is not None
    seat_a = a.seat_control.seat.seat
    qtbot.waitUntil(lambda: "Available" in _colleague_text(b, seat_a), timeout=5000)
    assert a.phone.available

    _take_break(qtbot, a, "Arzttermin")
    picked = time.monotonic()
    qtbot.waitUntil(lambda: "Break (Arzttermin)" in _colleague_text(b, seat_a), timeout=1000)
    seen_after = time.monotonic() - picked
    assert seen_after < 1.0
    assert "Break (Arzttermin) since" in a.seat_selector.button.text()
    assert "Frau Weber" in _colleague_text(b, seat_a)
    assert not a.phone.available
    assert b.db is not None
    stored = b.db.seats.seat_state(seat_a)
    assert stored is not None and (stored.state, stored.reason) == (SeatState.BREAK, "Arzttermin")

    # a caller reaching the seat on a break hears 480 at once; no card, no ring
    sipp = run_sipp(tmp_path, "uac_unavailable.xml", f"127.0.0.1:{a.sip_port}")
    assert sipp.wait() == 0, sipp.output()
    qtbot.wait(200)
    assert not a.cards and not a.phone.board.calls
    # in an office the refusing seat opens the call's row: a seat that rang it finishes it;
    # when none did (here: the call came to this seat alone), it is busy (turned away) once
    # no seat can ring it any more
    assert a.db is not None
    rows = a.db.calls.recent_calls(10)
    assert len(rows) == 1 and rows[0].outcome is None and rows[0].caller_number == "+4917612345678"
    db = a.db
    qtbot.waitUntil(lambda: db.calls.recent_calls(10)[0].outcome is not None, timeout=5000)
    [turned_away] = db.calls.recent_calls(10)
    assert turned_away.outcome == "busy" and turned_away.answered_at is None

    a.seat_selector.available_action.trigger()
    qtbot.waitUntil(lambda: "Available" in _colleague_text(b, seat_a), timeout=1000)
    assert a.phone.available
    log = [(e.state, e.reason) for e in b.db.seats.seat_log(seat_a)]
    assert log == [
        (SeatState.AVAILABLE, ""),
        (SeatState.BREAK, "Arzttermin"),
        (SeatState.AVAILABLE, ""),
    ]


def test_a_single_seat_on_break_logs_the_caller_as_missed(
    qtbot, app_paths: AppPaths, tmp_path: Path
) -> None:
    db = open_database(app_paths.database)
    window = _seat_window(qtbot, app_paths.home, db, "Frau Weber")
    try:
        assert window.colleagues is None  # no colleagues on a single seat
        _take_break(qtbot, window, "Lunch")
        qtbot.waitUntil(lambda: not window.phone.available, timeout=2000)
        with qtbot.waitSignal(window.call_recorded, timeout=10000) as recorded:
            sipp = run_sipp(tmp_path, "uac_unavailable.xml", f"127.0.0.1:{window.sip_port}")  # type: ignore[attr-defined]
        assert sipp.wait() == 0, sipp.output()
        assert recorded.args[0].outcome.value == "missed"
        assert window.history.rowCount() == 1 and not window.cards
        stored = db.seats.seat_state(window.seat_control.seat.seat)  # type: ignore[union-attr]
        assert stored is not None and stored.state == SeatState.BREAK
    finally:
        window.close()
        window.phone.stop()
        db.close()


def test_an_answered_call_puts_the_seat_in_wrap_up_then_back_to_available(
    qtbot, app_paths: AppPaths, tmp_path: Path
) -> None:
    from clients.model import Client

    db = open_database(app_paths.database)
    roth = db.clients.add_client(Client(code="ROTH", name="Kanzlei Dr. Roth", wrap_up_s=3))
    assert roth.id is not None
    db.clients.add_number(roth.id, "+4930555010")
    window = _seat_window(qtbot, app_paths.home, db, "Frau Weber")
    control = window.seat_control
    assert control is not None
    seen: list[SeatState] = []
    control.changed.connect(lambda status: seen.append(status.state))
    try:
        sipp = run_sipp(tmp_path, "uac_forwarded.xml", f"127.0.0.1:{window.sip_port}")  # type: ignore[attr-defined]
        qtbot.waitUntil(lambda: bool(window.phone.board.ringing()), timeout=10000)
        window.answer_first_ringing()
        qtbot.waitUntil(lambda: SeatState.IN_CALL in seen, timeout=10000)
        assert window.phone.available  # a single seat in a call keeps call waiting
        # the caller hangs up after 1 s: the client's 3 s of wrap-up, no ringing meanwhile
        qtbot.waitUntil(lambda: SeatState.WRAP_UP in seen, timeout=10000)
        assert not window.phone.available
        assert sipp.wait() == 0, sipp.output()
        qtbot.waitUntil(lambda: seen[-1] == SeatState.AVAILABLE, timeout=10000)
        assert window.phone.available
        assert seen == [SeatState.IN_CALL, SeatState.WRAP_UP, SeatState.AVAILABLE]
        control.writer.flush()
        log = db.seats.seat_log(control.seat.seat)
        assert [e.state for e in log] == [
            SeatState.AVAILABLE, SeatState.IN_CALL, SeatState.WRAP_UP, SeatState.AVAILABLE,
        ]  # fmt: skip
        wrap = log[3].at - log[2].at
        assert 2.9 <= wrap.total_seconds() < 10
    finally:
        window.close()
        window.phone.stop()
        db.close()
