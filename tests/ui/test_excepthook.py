"""Known errors vs bugs, in a real window: what the operator reads and what the log keeps.

pytest-qt's own exception capture is off here (``qt_no_exception_capture``): the hook under
test is the one the app installs (ui/errors.py).
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtWidgets import QMainWindow, QMessageBox, QPushButton

from appenv import messages
from appenv.errors import UserError
from clients.errors import DuplicateCode
from ui import errors, i18n

pytestmark = [pytest.mark.ui, pytest.mark.qt_no_exception_capture]


class BrokenWindow(QMainWindow):
    """A window whose buttons fail the two ways code can fail."""

    def __init__(self) -> None:
        super().__init__()
        self.bug_button = QPushButton("bug", self)
        self.bug_button.clicked.connect(self.divide_by_zero)
        self.known_button = QPushButton("known", self)
        self.known_button.move(0, 40)
        self.known_button.clicked.connect(self.refuse)
        self.resize(400, 300)

    def divide_by_zero(self) -> None:
        print(1 / 0)  # a bug

    def refuse(self) -> None:
        raise DuplicateCode("ALPHA")


@pytest.fixture
def window(qapp, qtbot) -> Iterator[BrokenWindow]:
    win = BrokenWindow()
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    reporter = errors.install(win)
    assert sys.excepthook == reporter.excepthook
    yield win
    reporter.uninstall()
    assert sys.excepthook != reporter.excepthook
    assert messages.set_sink(None) is None  # the old (empty) sink is back


def dialog(win: QMainWindow, name: str) -> QMessageBox:
    box = win.findChild(QMessageBox, name)
    assert box is not None and box.isVisible(), f"no {name} shown"
    return box


@pytest.mark.expect_warnings
def test_a_bug_in_a_slot_is_logged_with_its_trace_and_said_calmly(window, qtbot, caplog):
    caplog.set_level(logging.INFO, logger="vorzimmer")
    qtbot.mouseClick(window.bug_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "bug-dialog") is not None)
    box = dialog(window, "bug-dialog")
    assert box.text().startswith("Something went wrong. Nothing was lost")
    assert "ZeroDivisionError" not in box.text() and "Traceback" not in box.text()
    [record] = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert "Traceback" in record.getMessage()
    assert "divide_by_zero" in record.getMessage() and "ZeroDivisionError" in record.getMessage()

    # a second bug while the dialog is open: logged, but no second dialog on top
    qtbot.mouseClick(window.bug_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len([r for r in caplog.records if r.levelno >= logging.ERROR]) == 2)
    QCoreApplication.processEvents()
    assert len([b for b in window.findChildren(QMessageBox) if b.isVisible()]) == 1


def test_a_known_error_in_a_slot_shows_its_message_without_a_trace(window, qtbot, caplog):
    caplog.set_level(logging.INFO, logger="vorzimmer")
    qtbot.mouseClick(window.known_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "known-error-dialog") is not None)
    box = dialog(window, "known-error-dialog")
    assert box.text() == "A client with the code 'ALPHA' exists already."
    assert window.findChild(QMessageBox, "bug-dialog") is None
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert not [r for r in caplog.records if "Traceback" in r.getMessage()]
    assert any("ALPHA" in r.getMessage() for r in caplog.records)  # the log still says it


@pytest.mark.expect_warnings
def test_a_bug_in_a_thread_reaches_the_window_through_the_gui_thread(window, qtbot, caplog):
    def work() -> None:
        raise RuntimeError("worker broke")

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "bug-dialog") is not None)
    assert any("worker broke" in r.getMessage() for r in caplog.records)


def test_messages_from_domain_code_reach_status_bar_and_dialog(window, qtbot):
    thread = threading.Thread(target=messages.warning, args=("The mail server is down.",))
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == "The mail server is down.")
    messages.user_error(UserError("The disk is full. Free some space.", detail="errno 28"))
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "known-error-dialog") is not None)
    box = dialog(window, "known-error-dialog")
    assert box.text() == "The disk is full. Free some space."  # the detail is for the log


@pytest.mark.expect_warnings
def test_without_a_sink_messages_go_to_the_log(caplog):
    assert messages.set_sink(None) is None
    messages.warning("The keyring is locked.", detail="dbus timeout")
    [record] = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert record.getMessage() == "The keyring is locked. (dbus timeout)"


@pytest.mark.expect_warnings
def test_the_bug_dialog_speaks_german(window, qtbot, qapp):
    old_locale = QLocale()
    translators = i18n.install(qapp, "de")
    try:
        qtbot.mouseClick(window.bug_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: window.findChild(QMessageBox, "bug-dialog") is not None)
        box = dialog(window, "bug-dialog")
        assert box.text().startswith("Etwas ist schiefgegangen. Es ist nichts verloren")
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
        QLocale.setDefault(old_locale)


def test_a_known_error_of_a_background_task_without_handler_is_shown(window, qtbot):
    from ui.tasks import run_task

    def fails() -> None:
        raise UserError("The mail server refused the login. Check the password in Settings.")

    run_task(fails, owner=window)
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "known-error-dialog") is not None)
    assert dialog(window, "known-error-dialog").text().startswith("The mail server refused")
