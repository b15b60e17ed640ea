"""The booking panel's journal, confirmations, moves, cancellations and conflicts: real
engine and sipp calls, Radicale on loopback, aiosmtpd with STARTTLS + AUTH (password in a
real keyring), the daily report PDF read back with pdftotext.

A caller books by keyboard with a confirmation (a typo in the address books nothing); the
caller's and the client's copies arrive with the event's UID and METHOD:REQUEST. The same
caller calls again: the appointment is listed, moved by keyboard (same UID, new time,
SEQUENCE raised) and cancelled (STATUS:CANCELLED), each confirmed; the report names
booked, moved and cancelled in the client's language (German). A booking kept pending
while Radicale is down whose slot another seat takes meanwhile becomes a conflict when the
panel searches again: listed in red in the panel and in the status bar until acknowledged.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from email.message import EmailMessage
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton

import main
from appenv import secrets
from appenv.paths import AppPaths
from appenv.settings import Settings
from calendar_sync import cli, desk
from calendar_sync.journal import AppointmentRecord, AppointmentState
from calendar_sync.slots import Slot
from storage import open_app_database
from tests.fixtures.caldav import CalDavServer
from tests.fixtures.qt import open_main_window
from tests.fixtures.smtp import SmtpSink
from tests.ui.demo_clients import fill_demo
from tests.ui.test_booking_panel import (
    ZONE,
    _calendar_seat,
    _events,
    _open_panel,
    _pop,
    booking_window,
    radicale_server,
)
from tests.ui.test_caller_numbers import _daily_report_text
from ui.booking_panel import BookingPanel
from ui.main_window import MainWindow
from ui.report_scheduler import ReportScheduler

__all__ = ["booking_window", "radicale_server"]
SENDER = "telefonservice@vorzimmer.test"
CALLER_MAIL = "petra@lange.test"
CLIENT_MAIL = "praxis@roth.test"


def _mail_set_up(win: MainWindow, app_paths: AppPaths, sink: SmtpSink) -> ReportScheduler:
    """SMTP settings + keyring, ROTH's report address, and the app's delivery wiring."""
    assert win.db is not None and win.store is not None
    roth = win.store.get_client_by_code("ROTH")
    assert roth is not None
    win.store.update_client(replace(roth, report_recipients=(CLIENT_MAIL,)))
    win.settings.update(
        {"smtp.host": sink.host, "smtp.port": sink.port, "smtp.security": "starttls",
         "smtp.username": sink.user, "smtp.from_addr": SENDER, "smtp.cafile": str(sink.tls.cert),
         "reports.send_automatically": False}
    )  # fmt: skip
    secrets.set_secret(f"smtp:{sink.user}", sink.password)
    scheduler = ReportScheduler(win.db, app_paths, win.settings, parent=win)
    win.deliver_requested.connect(scheduler.run_now)  # as ui.app wires it
    return scheduler


def _attachment(message: EmailMessage) -> tuple[str, icalendar.Component]:
    (part,) = list(message.iter_attachments())
    assert part.get_content_type() == "text/calendar"
    (event,) = icalendar.Calendar.from_ical(part.get_content()).walk("VEVENT")
    return str(part.get_param("method")), event


def _caller_copies(messages: list[EmailMessage]) -> list[tuple[str, icalendar.Component]]:
    """The caller's confirmations (method, event), in the order of their SEQUENCE."""
    copies = [_attachment(m) for m in messages if str(m["To"]) == CALLER_MAIL]
    return sorted(copies, key=lambda c: int(c[1].get("SEQUENCE", 0)))


def _mails(sink: SmtpSink, count: int, qtbot) -> list[EmailMessage]:
    qtbot.waitUntil(lambda: len(sink.messages()) >= count, timeout=20000)
    messages = sink.messages()
    assert len(messages) == count
    return messages


def _on_radicale(url: str) -> icalendar.Component:
    (stored,) = _events(url)
    (event,) = icalendar.Calendar.from_ical(stored).walk("VEVENT")
    return event


def _a_later_slot(qtbot, panel: BookingPanel) -> Slot:
    """Down the slot list (by keyboard) to a slot at least 20 minutes ahead: one that
    starts during the test would no longer be "to come" when the caller calls again."""
    soon = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=20)
    while panel.offered[panel.slots.currentRow()].start < soon:
        qtbot.keyClick(panel.slots, Qt.Key.Key_Down)
    return panel.offered[panel.slots.currentRow()]


def _second_call(qtbot, win: MainWindow, tmp_path: Path, name: str) -> BookingPanel:
    folder = tmp_path / name
    folder.mkdir()
    view = _pop(qtbot, win, folder)
    return _open_panel(qtbot, win, view)


def _save_note(qtbot, win: MainWindow, key: str) -> None:
    qtbot.waitUntil(lambda: key in win.pops.forms, timeout=5000)
    form = win.pops.forms[key]
    qtbot.waitUntil(lambda: form.current_note().call_id is not None, timeout=15000)
    note = form.save()
    assert note is not None and note.appointment


def test_book_move_cancel_by_keyboard_with_confirmations_and_the_report(
    booking_window: tuple[MainWindow, str],
    qtbot,
    tmp_path: Path,
    app_paths: AppPaths,
    smtp_server: SmtpSink,
    secret_service: str,
) -> None:
    win, url = booking_window
    _mail_set_up(win, app_paths, smtp_server)
    first = tmp_path / "first"
    first.mkdir()
    view = _pop(qtbot, win, first)
    panel = _open_panel(qtbot, win, view)
    assert panel.call_key == view.call_key
    assert not panel.appointments.isVisible()  # nothing booked for this caller yet
    assert panel.slots.hasFocus()
    chosen = _a_later_slot(qtbot, panel)
    for _ in range(3):  # slots -> caller name -> phone -> e-mail
        qtbot.keyClick(win.focusWidget(), Qt.Key.Key_Tab)
    assert panel.confirmation.email.hasFocus()
    assert not panel.confirmation.wanted
    qtbot.keyClicks(panel.confirmation.email, "petra@lange")  # a typo: nothing is booked
    assert panel.confirmation.wanted  # typing an address ticks "Send confirmation"
    with qtbot.waitSignal(panel.failed, timeout=5000) as failed:
        qtbot.keyClick(panel.confirmation.email, Qt.Key.Key_Return)
    assert "not valid" in failed.args[0] and "nothing was changed" in failed.args[0]
    assert _events(url) == []
    qtbot.keyClicks(panel.confirmation.email, ".test")
    with (
        qtbot.waitSignal(panel.booked, timeout=20000) as booked,
        qtbot.waitSignal(panel.confirmation_done, timeout=20000) as said,
    ):
        qtbot.keyClick(panel.confirmation.email, Qt.Key.Key_Return)
    assert booked.args[0].startswith("Termin gebucht: ")
    assert said.args[0] == f"Confirmation queued to {CALLER_MAIL}, {CLIENT_MAIL}."
    event = _on_radicale(url)
    uid = str(event["UID"])
    assert event.decoded("DTSTART") == chosen.start
    mails = {str(m["To"]): m for m in _mails(smtp_server, 2, qtbot)}
    assert set(mails) == {CALLER_MAIL, CLIENT_MAIL}
    for message in mails.values():
        method, sent = _attachment(message)
        assert method == "REQUEST" and str(sent["UID"]) == uid
    assert win.db is not None
    (row,) = win.db.calendars.appointments("ROTH", uid=uid)
    assert (row.call_key, row.email, row.state) == (view.call_key, CALLER_MAIL, "booked")
    _save_note(qtbot, win, view.call_key)

    # the same caller calls again: the appointment is listed, moved by keyboard
    panel = _second_call(qtbot, win, tmp_path, "second")
    assert panel.appointments.isVisible() and [r.uid for r in panel.appointments.records] == [uid]
    assert panel.confirmation.email.text() == CALLER_MAIL  # the address given before
    assert panel.confirmation.wanted
    with qtbot.waitSignal(panel.searched, timeout=20000):
        qtbot.keyClick(panel, Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)
    assert panel.moving is not None and panel.slots.hasFocus()
    assert panel.move_here_btn.isVisible() and not panel.book_btn.isVisible()
    qtbot.keyClick(panel.slots, Qt.Key.Key_Down)
    target = _a_later_slot(qtbot, panel)
    assert target.start != chosen.start
    with (
        qtbot.waitSignal(panel.changed, timeout=20000) as moved,
        qtbot.waitSignal(panel.confirmation_done, timeout=20000),
    ):
        qtbot.keyClick(panel.slots, Qt.Key.Key_Return)
    assert moved.args[0].startswith("Termin verlegt: ") and "(vorher " in moved.args[0]
    assert panel.status.text().startswith("Moved to ") and panel.moving is None
    event = _on_radicale(url)
    assert str(event["UID"]) == uid and event.decoded("DTSTART") == target.start
    assert int(event.get("SEQUENCE", 0)) >= 1
    sequence = int(event["SEQUENCE"])
    copies = _caller_copies(_mails(smtp_server, 4, qtbot))
    assert [(m, int(e.get("SEQUENCE", 0)), e.decoded("DTSTART")) for m, e in copies] == [
        ("REQUEST", 0, chosen.start),
        ("REQUEST", sequence, target.start),
    ]

    # ... then cancelled (asked once)
    qtbot.waitUntil(lambda: [r.state for r in panel.appointments.records] == ["moved"])
    qtbot.keyClick(panel.slots, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    box = panel.findChild(QMessageBox, "booking-cancel-question")
    assert box is not None
    qtbot.waitUntil(box.isVisible, timeout=3000)
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.No)
    with (
        qtbot.waitSignal(panel.changed, timeout=20000) as cancelled,
        qtbot.waitSignal(panel.confirmation_done, timeout=20000),
    ):
        qtbot.keyClick(box, Qt.Key.Key_Y)
    assert cancelled.args[0].startswith("Termin abgesagt: ")
    event = _on_radicale(url)
    assert str(event["UID"]) == uid and str(event["STATUS"]) == "CANCELLED"
    assert int(event["SEQUENCE"]) > sequence
    copies = _caller_copies(_mails(smtp_server, 6, qtbot))
    assert {str(e["UID"]) for _, e in copies} == {uid}
    method, sent = copies[-1]
    assert method == "CANCEL" and int(sent["SEQUENCE"]) == int(event["SEQUENCE"])
    qtbot.waitUntil(lambda: not panel.appointments.isVisible(), timeout=10000)
    second_key = panel.call_key
    assert second_key is not None
    _save_note(qtbot, win, second_key)

    report = " ".join(_daily_report_text(app_paths.home, tmp_path).split())
    local = chosen.start.astimezone(ZoneInfo(ZONE))
    for label in ("Termin gebucht:", "Termin verlegt:", "Termin abgesagt:"):
        assert report.count(label) == 1, label
    assert f"{local:%d.%m.%Y %H:%M}" in report
    assert "Appointment booked" not in report


@pytest.mark.expect_warnings  # the flush logs the conflict
def test_a_pending_booking_whose_slot_was_taken_is_a_conflict_until_acknowledged(
    booking_window: tuple[MainWindow, str],
    radicale_server: CalDavServer,
    qtbot,
    tmp_path: Path,
) -> None:
    win, url = booking_window
    view = _pop(qtbot, win, tmp_path)
    panel = _open_panel(qtbot, win, view)
    chosen = _a_later_slot(qtbot, panel)
    panel.confirmation.email.setFocus()
    qtbot.keyClicks(panel.confirmation.email, CALLER_MAIL)
    radicale_server.stop()
    with qtbot.waitSignal(panel.booked, timeout=30000):
        qtbot.keyClick(panel.confirmation.email, Qt.Key.Key_Return)
    assert panel.status.text().startswith("PENDING")
    assert "No confirmation sent" in panel.mail_status.text()
    qtbot.waitUntil(lambda: len(panel.appointments.records) == 1, timeout=10000)
    assert "pending: not written yet" in panel.appointments.list.item(0).text()
    assert not win.conflict_notice.isVisible()

    radicale_server.start()  # meanwhile another seat books the same slot
    other = AppPaths(tmp_path / "seat-b").ensure()
    db = open_app_database(other)
    try:
        fill_demo(db.clients)
        _calendar_seat(db, url)
    finally:
        db.close()
    argv = ["--home", str(other.home), "book", "--client", "ROTH", "--type", "Erstgespräch",
            "--staff", "Dr. Roth", "--start", chosen.start.isoformat(),
            "--caller", "Frau Früh"]  # fmt: skip
    assert cli.run(other, main.build_parser().parse_args(argv)) == 0

    qtbot.keyClick(panel, Qt.Key.Key_Escape)  # close, open again: a fresh search flushes
    with qtbot.waitSignal(panel.searched, timeout=30000):
        qtbot.keyClick(win.focusWidget() or win, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert panel.conflicts.isVisible()
    (conflict,) = panel.conflicts.records
    assert conflict.call_key == view.call_key
    assert conflict.starts_at == chosen.start and conflict.state == "conflict"
    label = panel.findChild(type(panel.status), f"booking-conflict-{conflict.id}")
    assert label is not None and "NOT BOOKED" in label.text()
    assert "Petra Lange" in label.text() and "01520 9876543" in label.text()
    assert "c62828" in label.styleSheet()  # red
    assert win.conflict_notice.isVisible() and "Petra Lange" in win.conflict_notice.text()
    assert (
        win.statusBar().currentMessage() == "1 pending booking(s) of ROTH not written: slot taken."
    )
    (stored,) = _events(url)
    assert "Frau Früh" in stored  # never a double booking

    # not hidden, not lost: another call of the client lists it again
    second = _second_call(qtbot, win, tmp_path, "again")
    assert [r.id for r in second.conflicts.records] == [conflict.id]
    assert win.conflict_notice.isVisible()
    button = second.findChild(QPushButton, f"booking-acknowledge-{conflict.id}")
    assert button is not None
    with qtbot.waitSignal(second.conflicts_changed, timeout=10000):
        button.setFocus()
        qtbot.keyClick(button, Qt.Key.Key_Space)
    assert not second.conflicts.isVisible() and not win.conflict_notice.isVisible()
    assert win.db is not None and desk.conflicts(win.db.calendars, "ROTH") == []
    with qtbot.waitSignal(second.searched, timeout=30000):
        second.search()
    assert second.conflicts.records == []


def test_a_move_or_cancel_while_the_server_is_down_changes_nothing_and_says_so(
    booking_window: tuple[MainWindow, str],
    radicale_server: CalDavServer,
    qtbot,
    tmp_path: Path,
) -> None:
    win, url = booking_window
    view = _pop(qtbot, win, tmp_path)
    panel = _open_panel(qtbot, win, view)
    _a_later_slot(qtbot, panel)
    with qtbot.waitSignal(panel.booked, timeout=20000):
        qtbot.keyClick(panel.slots, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(panel.appointments.records) == 1, timeout=10000)
    (booked,) = panel.appointments.records
    before = _on_radicale(url).to_ical()
    radicale_server.stop()

    with qtbot.waitSignal(panel.searched, timeout=30000):  # slots from the cached calendar
        qtbot.keyClick(panel.slots, Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)
    assert panel.moving is not None and panel.freshness.text().startswith("Calendar server unre")
    with qtbot.waitSignal(panel.failed, timeout=30000) as failed:
        qtbot.keyClick(panel.slots, Qt.Key.Key_Return)
    assert failed.args[0] == "The calendar server cannot be reached: nothing was changed."
    assert panel.moving is not None  # still choosing: try again when the server answers
    with qtbot.waitSignal(panel.searched, timeout=30000):  # the booking's slots again
        qtbot.keyClick(panel.slots, Qt.Key.Key_Escape)  # keep it as it is
    assert panel.moving is None and panel.isVisible() and panel.book_btn.isVisible()

    qtbot.keyClick(panel.slots, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    box = panel.findChild(QMessageBox, "booking-cancel-question")
    assert box is not None
    qtbot.waitUntil(box.isVisible, timeout=3000)
    with qtbot.waitSignal(panel.failed, timeout=30000) as failed:
        qtbot.keyClick(box, Qt.Key.Key_Y)
    assert failed.args[0] == "The calendar server cannot be reached: nothing was changed."

    radicale_server.start()
    assert _on_radicale(url).to_ical() == before
    assert win.db is not None
    rows = win.db.calendars.appointments("ROTH", uid=booked.uid)
    assert [r.state for r in rows] == ["booked"]  # the journal holds no move, no cancel


def test_a_conflict_left_from_before_is_in_the_status_bar_from_the_start(
    qtbot, app_paths: AppPaths, radicale_server: CalDavServer, secret_service: str
) -> None:
    db = open_app_database(app_paths)
    fill_demo(db.clients)
    _calendar_seat(db, radicale_server.new_calendar())
    start = dt.datetime.now(dt.UTC).replace(microsecond=0) + dt.timedelta(days=1)
    db.calendars.add_appointment(
        AppointmentRecord(
            client="ROTH", uid="p-1", starts_at=start, ends_at=start + dt.timedelta(minutes=30),
            caller="Petra Lange", phone="01520 9876543", state=AppointmentState.CONFLICT,
            message="taken",
        )
    )  # fmt: skip
    win = open_main_window(qtbot, Settings(app_paths.settings_file), db)
    try:
        qtbot.waitUntil(win.conflict_notice.isVisible, timeout=10000)
        assert win.conflict_notice.text() == (
            "Booking conflicts, call back: ROTH: Petra Lange 01520 9876543"
        )
    finally:
        win.phone.stop()
        db.close()
