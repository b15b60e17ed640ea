"""Booking from the pop with the keyboard: real engine, sipp call, Radicale on loopback.

A call pops Kanzlei Dr. Roth, whose Dr. Roth keeps a CalDAV calendar on Radicale. The
operator presses Ctrl+B, picks the second free slot with the arrow keys, types the caller's
name (non-ASCII, as key events) and presses Enter. The event must be on Radicale (read back
with the caldav client), its line in the call's note and in the daily report PDF (real CLI,
pdftotext). A slot another seat books first must come back as "taken" with fresh slots.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
from caldav.davclient import DAVClient
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

import main
from appenv.paths import AppPaths
from appenv.secrets import set_secret
from appenv.settings import Settings
from calendar_sync import cli
from calendar_sync.registry import CalendarSource
from calendar_sync.slots import AppointmentType
from clients.model import Caller
from storage import Database, open_app_database
from tests.fixtures.caldav import PASSWORD, USER, CalDavServer, radicale_server
from tests.fixtures.qt import open_main_window
from tests.fixtures.sip import run_sipp
from tests.ui.demo_clients import fill_demo
from tests.ui.test_caller_numbers import ROTH_NUMBER, _daily_report_text
from ui.booking_panel import BookingPanel
from ui.main_window import MainWindow
from ui.screen_pop import PopView

__all__ = ["radicale_server"]
ZONE = "Europe/Berlin"


def _calendar_seat(db: Database, url: str) -> None:
    """Dr. Roth's CalDAV calendar and the type "Erstgespräch" in one seat's database."""
    source = db.calendars.add_source(CalendarSource("ROTH", url, "caldav", "Dr. Roth", USER))
    set_secret(source.secret_key, PASSWORD)
    db.calendars.put_type("ROTH", AppointmentType("Erstgespräch", 30, step=30))


@pytest.fixture
def booking_window(
    qtbot, app_paths: AppPaths, radicale_server: CalDavServer, secret_service: str
) -> Iterator[tuple[MainWindow, str]]:
    url = radicale_server.new_calendar()
    db = open_app_database(app_paths)
    fill_demo(db.clients)
    roth = db.clients.get_client_by_code("ROTH")
    assert roth is not None and roth.id is not None
    db.clients.add_caller(
        Caller(client_id=roth.id, name="Petra Lange", numbers=("+4915209876543",))
    )
    _calendar_seat(db, url)
    win = open_main_window(qtbot, Settings(app_paths.settings_file), db)
    yield win, url
    win.phone.stop()
    db.close()


def _pop(qtbot, win: MainWindow, tmp_path: Path) -> PopView:
    run_sipp(
        tmp_path, "uac_caller.xml", f"127.0.0.1:{win.sip_port}",  # type: ignore[attr-defined]
        ROTH_NUMBER, keys={"FROM": "4915209876543", "NAME": "Lange", "RING_MS": "1500"},
    )  # fmt: skip
    with qtbot.waitSignal(win.pops.pop_shown, timeout=10000) as shown:
        pass
    view = shown.args[0]
    assert isinstance(view, PopView)
    return view


def _open_panel(qtbot, win: MainWindow, view: PopView) -> BookingPanel:
    qtbot.waitUntil(lambda: view.booking is not None, timeout=5000)  # offered once painted
    button = view.findChild(QWidget, "pop-book")
    assert button is not None and "Ctrl+B" in button.toolTip()
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow, timeout=3000)
    panel = view.booking
    assert isinstance(panel, BookingPanel) and not panel.isVisible()
    with qtbot.waitSignal(panel.searched, timeout=20000):
        qtbot.keyClick(win.focusWidget() or win, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert panel.isVisible()
    return panel


def _type_text(widget: QWidget, text: str) -> None:
    """Non-ASCII text as key events (qtbot.keyClicks with "ü" aborts the process)."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(
                widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
            )


def _events(url: str) -> list[str]:
    client = DAVClient(url=url, username=USER, password=PASSWORD)
    return [str(e.data) for e in client.calendar(url=url).events()]


def test_booking_from_the_pop_lands_in_the_calendar_note_and_report(
    booking_window: tuple[MainWindow, str], qtbot, tmp_path: Path, app_paths: AppPaths
) -> None:
    win, url = booking_window
    view = _pop(qtbot, win, tmp_path)
    panel = _open_panel(qtbot, win, view)
    assert panel.caller.text() == "Petra Lange"  # pre-filled from the pop
    assert panel.phone.text() == "01520 9876543"
    assert panel.freshness.text().startswith("Calendar as of ")
    assert panel.slots.count() >= 2 and panel.slots.hasFocus()
    qtbot.keyClick(panel.slots, Qt.Key.Key_Down)
    chosen = panel.offered[panel.slots.currentRow()]
    assert panel.slots.currentRow() == 1
    qtbot.keyClick(panel.slots, Qt.Key.Key_Tab)  # on to the caller's name, selected
    assert panel.caller.hasFocus()
    panel.caller.selectAll()
    _type_text(panel.caller, "Jürgen Weiß")
    assert panel.caller.text() == "Jürgen Weiß"
    with qtbot.waitSignal(panel.booked, timeout=20000) as booked:
        qtbot.keyClick(panel.caller, Qt.Key.Key_Return)
    line = booked.args[0]  # the note's line: the client's language (German)
    local = chosen.start.astimezone(ZoneInfo(ZONE))
    assert line.startswith("Termin gebucht: ") and f"{local:%d.%m.%Y %H:%M}–" in line
    assert "bei Dr. Roth (Erstgespräch)" in line
    assert panel.status.text().startswith("Appointment booked: ")  # the operator's language

    stored = _events(url)
    assert len(stored) == 1 and "Jürgen Weiß" in stored[0]
    event = next(iter(icalendar.Calendar.from_ical(stored[0]).walk("VEVENT")))
    assert event.decoded("DTSTART") == chosen.start

    qtbot.waitUntil(lambda: view.call_key in win.pops.forms, timeout=5000)
    form = win.pops.forms[view.call_key]
    assert form.appointment.text() == line
    with qtbot.waitSignal(win.call_recorded, timeout=10000):
        pass
    note = form.save()
    assert note is not None and note.appointment == line and note.call_id is not None
    report = " ".join(_daily_report_text(app_paths.home, tmp_path).split())
    assert report.count("Termin gebucht:") == 1 and f"{local:%d.%m.%Y %H:%M}" in report
    assert report.count("(Erstgespräch)") == 1  # the journal row, not the note's line again


def test_a_slot_another_seat_took_meanwhile_is_shown_taken_with_fresh_slots(
    booking_window: tuple[MainWindow, str], qtbot, tmp_path: Path
) -> None:
    win, url = booking_window
    view = _pop(qtbot, win, tmp_path)
    panel = _open_panel(qtbot, win, view)
    first = panel.offered[0]
    other = AppPaths(tmp_path / "seat-b").ensure()  # the second seat: own data folder
    db = open_app_database(other)
    try:
        fill_demo(db.clients)
        _calendar_seat(db, url)
    finally:
        db.close()
    argv = ["--home", str(other.home), "book", "--client", "ROTH", "--type", "Erstgespräch",
            "--staff", "Dr. Roth", "--start", first.start.isoformat(),
            "--caller", "Frau Früh"]  # fmt: skip
    assert cli.run(other, main.build_parser().parse_args(argv)) == 0

    assert panel.slots.currentRow() == 0 and panel.slots.hasFocus()
    with qtbot.waitSignal(panel.failed, timeout=20000) as failed:
        qtbot.keyClick(panel.slots, Qt.Key.Key_Return)
    assert failed.args[0].startswith("Taken:")
    qtbot.waitUntil(lambda: panel.slots.count() > 0, timeout=5000)
    assert first not in panel.offered  # fresh slots, without the taken one
    assert panel.status.text().startswith("Taken:")
    stored = _events(url)
    assert len(stored) == 1 and "Frau Früh" in stored[0]  # never a double booking


def test_a_booking_while_the_server_is_down_is_kept_pending_and_says_so(
    booking_window: tuple[MainWindow, str],
    radicale_server: CalDavServer,
    qtbot,
    tmp_path: Path,
    app_paths: AppPaths,
) -> None:
    win, _url = booking_window
    view = _pop(qtbot, win, tmp_path)
    panel = _open_panel(qtbot, win, view)
    chosen = panel.offered[0]
    radicale_server.stop()
    with qtbot.waitSignal(panel.booked, timeout=30000) as booked:
        qtbot.keyClick(panel.slots, Qt.Key.Key_Return)
    line = booked.args[0]
    assert line.startswith("Termin vorgemerkt (Kalender nicht erreichbar): ")
    assert panel.status.text().startswith("PENDING")
    assert win.db is not None
    waiting = [p for p in win.db.calendars.pending() if p.client == "ROTH"]
    assert [(p.start, p.staff, p.state) for p in waiting] == [(chosen.start, "Dr. Roth", "pending")]
    qtbot.waitUntil(lambda: view.call_key in win.pops.forms, timeout=5000)
    assert win.pops.forms[view.call_key].appointment.text() == line
