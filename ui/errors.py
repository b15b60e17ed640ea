"""How the operator hears of problems: the message bridge's sink and the excepthook.

Known errors (:class:`appenv.errors.UserError`) are shown as their message, calmly, without
a trace. Anything else that escapes a slot or a thread is a bug: its full trace goes to the
log and the operator reads "Something went wrong. Nothing was lost." — notes are autosaved
drafts, calls run in the engine process, so that sentence is true. Widgets are only touched
on the GUI thread: every report travels through a (queued, when needed) signal.
"""

from __future__ import annotations

import sys
import threading
from types import TracebackType

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QMainWindow, QMessageBox
from shiboken6 import isValid

from appenv import logs, messages
from appenv.errors import UserError

log = logs.get("ui")

STATUS_MS = 8000


class ErrorReporter(QObject):
    """Installed once per window: the message sink and ``sys``/``threading`` excepthooks."""

    _message = Signal(object)  # appenv.messages.Message
    _dialog = Signal(bool, str)  # is a bug, text

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.open_dialogs: dict[bool, QMessageBox] = {}  # one per kind at a time
        self._message.connect(self._show_message, Qt.ConnectionType.QueuedConnection)
        self._dialog.connect(self._show_dialog, Qt.ConnectionType.QueuedConnection)
        self._old_sink: messages.Sink | None = None
        self._old_hook = sys.excepthook
        self._old_thread_hook = threading.excepthook
        self.installed = False

    def install(self) -> ErrorReporter:
        self._old_sink = messages.set_sink(self._message.emit)
        self._old_hook = sys.excepthook
        self._old_thread_hook = threading.excepthook
        sys.excepthook = self.excepthook
        threading.excepthook = self._thread_hook
        self.installed = True
        return self

    def uninstall(self) -> None:
        if not self.installed:
            return
        messages.set_sink(self._old_sink)
        sys.excepthook = self._old_hook
        threading.excepthook = self._old_thread_hook
        self.installed = False

    # -- hooks (any thread) ------------------------------------------------------------------

    def excepthook(
        self,
        exc_type: type[BaseException],
        exc: BaseException,
        tb: TracebackType | None,
    ) -> None:
        if not issubclass(exc_type, Exception):  # KeyboardInterrupt, SystemExit: not ours
            self._old_hook(exc_type, exc, tb)
            return
        if isinstance(exc, UserError):
            log.info("known error reached the operator: %s (%s)", exc.message, exc.detail)
            self._dialog.emit(False, exc.message)
            return
        import traceback  # only when something went wrong: not on the start-up path

        trace = "".join(traceback.format_exception(exc_type, exc, tb))
        log.error("unhandled exception (a bug):\n%s", trace.rstrip())
        self._dialog.emit(True, "")

    def _thread_hook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None:
            return
        self.excepthook(args.exc_type, args.exc_value, args.exc_traceback)

    # -- on the GUI thread -------------------------------------------------------------------

    @Slot(object)
    def _show_message(self, message: messages.Message) -> None:
        if not isValid(self.window):
            return
        if message.level == messages.Level.ERROR:
            self._show_dialog(False, message.text)
        else:
            self.window.statusBar().showMessage(message.text, STATUS_MS)

    @Slot(bool, str)
    def _show_dialog(self, bug: bool, text: str) -> None:
        if not isValid(self.window):
            return
        if bug:
            text = self.tr(
                "Something went wrong. Nothing was lost: your notes are kept as drafts and "
                "calls go on.\n\nYou can keep working. If it happens again, please tell your "
                "administrator; the details are in the log."
            )
        box = self.open_dialogs.get(bug)
        if box is not None and isValid(box) and box.isVisible():
            if not bug:  # a second known error replaces the first; a bug is said once
                box.setText(text)
            return
        box = QMessageBox(
            QMessageBox.Icon.Warning if bug else QMessageBox.Icon.Information,
            self.tr("Vorzimmer"),
            text,
            QMessageBox.StandardButton.Ok,
            self.window,
        )
        box.setObjectName("bug-dialog" if bug else "known-error-dialog")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.open_dialogs[bug] = box
        box.open()


def install(window: QMainWindow) -> ErrorReporter:
    """Show messages and uncaught exceptions in *window* until ``uninstall()``."""
    return ErrorReporter(window).install()
