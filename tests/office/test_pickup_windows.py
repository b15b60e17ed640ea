"""The colleagues tab in two real windows (Xvfb) on one PostgreSQL office and the shipped
kamailio: a call ringing at Alice's seat alone is picked up from Bob's window (the caller
then talks with Bob), and Bob hands it back with "Transfer my call here" on Alice's row."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from appenv.paths import AppPaths
from appenv.settings import Settings
from clients.model import Outcome
from softphone import commands as cmds
from softphone import events as ev
from storage import Database, open_database
from tests.fixtures.qt import open_main_window
from tests.fixtures.sip import Phone, start_phone
from tests.office.conftest import SEATS, Office
from ui.colleagues_panel import ColleaguesPanel
from ui.main_window import MainWindow

pytestmark = [pytest.mark.ui]


def _seat_window(qtbot, home: Path, db: Database, user: str, name: str, office: Office):
    settings = Settings(AppPaths(home).ensure().settings_file)
    settings.set("ui.language", "en")
    settings.set("operator.name", name)
    settings.set("sip.username", user)
    window = open_main_window(qtbot, settings, db)
    with qtbot.waitSignal(
        window.phone.registration_changed,
        timeout=15000,
        check_params_cb=lambda s: s.state == "registered",
    ):
        window.phone.register(office.registrar.address, user, SEATS[user], "udp")
    window.sign_in(None)
    qtbot.waitUntil(
        lambda: window.seat_control is not None and window.seat_control.started, timeout=10000
    )
    return window


@pytest.fixture
def two_seats(
    qtbot, office_factory, postgres: str, tmp_path: Path, xvfb: str
) -> Iterator[tuple[Office, MainWindow, MainWindow, Phone]]:
    office = office_factory()  # kamailio only: the seats are the two windows
    db_a, db_b = open_database(postgres), open_database(postgres)
    a = _seat_window(qtbot, tmp_path / "a", db_a, "alice", "Alice Adler", office)
    b = _seat_window(qtbot, tmp_path / "b", db_b, "bob", "Bob Berger", office)
    caller = start_phone(user="caller")  # follows a REFER, as a carrier's caller would
    yield office, a, b, caller
    caller.process.stop()
    for window, db in ((a, db_a), (b, db_b)):
        window.close()
        window.phone.stop()
        db.close()


def _panel(window: MainWindow) -> ColleaguesPanel:
    assert window.colleagues_panel is not None
    return window.colleagues_panel


def _choose(qtbot, window: MainWindow, seat: str) -> ColleaguesPanel:
    panel = _panel(window)
    qtbot.waitUntil(lambda: panel.view.select_seat(seat), timeout=5000)
    return panel


def test_pick_up_from_the_colleagues_view_then_transfer_back(
    qtbot, two_seats: tuple[Office, MainWindow, MainWindow, Phone]
):
    office, a, b, caller = two_seats
    assert a.seat_control is not None and b.seat_control is not None
    seat_a = a.seat_control.seat.seat
    panel = _choose(qtbot, b, seat_a)
    assert not panel.pick_up_button.isEnabled()  # nothing rings at Alice's seat
    assert not panel.transfer_button.isEnabled()  # Bob has no call to hand over
    assert "An office call rings at every seat" in panel.hint.text()

    caller.send(cmds.Dial(uri=f"sip:alice@{office.registrar.address}", tag="in"))
    qtbot.waitUntil(lambda: bool(a.phone.board.ringing()), timeout=10000)
    key = a.phone.board.ringing()[0].key
    rang = time.monotonic()
    qtbot.waitUntil(panel.pick_up_button.isEnabled, timeout=3000)  # Bob sees it ringing
    assert time.monotonic() - rang < 1.5
    call_item = panel.view.item(panel.view.currentRow(), 3)
    assert call_item is not None and call_item.text().startswith("ringing: ")

    panel.pick_up_button.setFocus()
    qtbot.keyClick(panel.pick_up_button, Qt.Key.Key_Space)  # keyboard: focus + space
    asked = time.monotonic()
    qtbot.waitUntil(lambda: key not in a.phone.board.calls, timeout=5000)  # Alice stops
    assert time.monotonic() - asked < 1.5  # Alice's seat saw the request and sent it on
    qtbot.waitUntil(lambda: [c.key for c in b.phone.board.talking()] == [key], timeout=10000)
    caller.wait(lambda e: isinstance(e, ev.CallStateChanged) and e.state == "confirmed", 10,
                "the caller talks with Bob")  # fmt: skip
    assert not a.cards
    assert a.db is not None
    [row_now] = a.db.calls.recent_calls(10)  # one row for the call, answered by Bob
    assert row_now.call_key == key and row_now.seat == "bob" and row_now.outcome is None
    qtbot.waitUntil(lambda: key not in a.pops.pages, timeout=3000)  # not hers: it closed

    # Bob hands the caller back: "Transfer my call here" on Alice's row
    panel = _choose(qtbot, b, seat_a)
    qtbot.waitUntil(panel.transfer_button.isEnabled, timeout=3000)
    assert not panel.pick_up_button.isEnabled()
    with qtbot.waitSignal(b.call_recorded, timeout=15000) as recorded:
        panel.transfer_button.click()
        qtbot.waitUntil(lambda: bool(a.phone.board.ringing()), timeout=10000)
        back = a.phone.board.ringing()[0].key
        assert back != key  # a call of its own
        a.phone.answer(back)
    handed = recorded.args[0]
    assert handed.outcome == Outcome.TRANSFERRED and handed.seat == "bob"
    qtbot.waitUntil(lambda: [c.key for c in a.phone.board.talking()] == [back], timeout=10000)
    rows = {r.call_key: r for r in a.db.calls.recent_calls(10)}
    assert len(rows) == 2 and rows[key].outcome == Outcome.TRANSFERRED
    assert not any(r.outcome == Outcome.MISSED for r in rows.values())
