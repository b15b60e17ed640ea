"""The running window listens for a second start on its data folder and comes to the front.

The OS lock (appenv.instance_lock) decides who owns the folder; this module is only the
courtesy around it. The owner listens on a local socket named after the folder
(:class:`RaiseListener`); a second start sends ``raise <pid>`` to it, tells the operator
in a message box which process has the folder, and exits (:func:`refuse_second_window`).
"""

from __future__ import annotations

import hashlib
import os
import signal
import sys
from functools import partial

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from appenv import logs
from appenv.instance_lock import WINDOW, FolderInUse
from appenv.paths import AppPaths
from appenv.settings import STARTUP_PROBE

log = logs.get("app")

_SUN_PATH_MAX = 100  # sockaddr_un.sun_path is 108 bytes on Linux, 104 on macOS


def server_name(paths: AppPaths) -> str:
    """A socket inside the private data folder if its path fits, else a name per folder."""
    inside = paths.home / "vorzimmer.sock"
    if os.name == "posix" and len(os.fsencode(inside)) < _SUN_PATH_MAX:
        return str(inside)
    digest = hashlib.sha256(os.fsencode(paths.home)).hexdigest()[:16]
    return f"vorzimmer-{digest}"


class RaiseListener(QObject):
    """In the window's process: a second start asks for the window, the window comes up."""

    raise_requested = Signal(int)  # pid of the process that asked

    def __init__(self, paths: AppPaths, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        name = server_name(paths)
        QLocalServer.removeServer(name)  # we hold the folder's lock: any old socket is stale
        if not self._server.listen(name):
            log.warning(
                "cannot listen for second starts on %s: %s", name, self._server.errorString()
            )
        self._server.newConnection.connect(self._accept)
        self.raise_requested.connect(self._bring_to_front)

    def _accept(self) -> None:
        while (socket := self._server.nextPendingConnection()) is not None:
            socket.readyRead.connect(partial(self._read, socket))
            socket.disconnected.connect(socket.deleteLater)

    def _read(self, socket: QLocalSocket) -> None:
        while socket.canReadLine():
            line = bytes(socket.readLine().data()).decode("ascii", "replace").split()
            if len(line) == 2 and line[0] == "raise" and line[1].isdigit():
                self.raise_requested.emit(int(line[1]))

    def _bring_to_front(self, pid: int) -> None:
        log.info("second start on this data folder (pid %d): window brought to the front", pid)
        window = self._window
        if window.isMinimized():
            window.showNormal()
        window.show()
        window.raise_()
        window.activateWindow()


def send_raise(paths: AppPaths, timeout_ms: int = 1000) -> bool:
    """Ask the window that owns ``paths`` to come to the front; False if nobody listened."""
    socket = QLocalSocket()
    socket.connectToServer(server_name(paths))
    if not socket.waitForConnected(timeout_ms):
        return False
    socket.write(f"raise {os.getpid()}\n".encode("ascii"))
    sent = socket.waitForBytesWritten(timeout_ms)
    socket.disconnectFromServer()
    return sent


def refuse_second_window(paths: AppPaths, error: FolderInUse) -> None:
    """Raise the running window, then say in a message box who has the folder."""
    if not _has_display():  # e.g. over ssh: the terminal line said it; Qt would abort
        _core = QCoreApplication.instance() or QCoreApplication(sys.argv)
        send_raise(paths)
        return
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    _install_translations(app, paths)
    raised = send_raise(paths)
    translate = QCoreApplication.translate
    pid = error.holder.pid if error.holder is not None else 0
    if error.holder is None or error.holder.role == WINDOW:
        title = translate("SingleInstance", "Vorzimmer is already open")
        text = translate(
            "SingleInstance", "Vorzimmer is already open for this data folder (process {0})."
        ).format(pid)
        if raised:
            text += "\n" + translate("SingleInstance", "Its window has been brought to the front.")
    else:  # an import or a report run holds the folder for a moment
        title = translate("SingleInstance", "Data folder in use")
        text = translate(
            "SingleInstance",
            "A Vorzimmer command (process {0}) is working on this data folder. "
            "Start Vorzimmer again when it has finished.",
        ).format(pid)
    box = QMessageBox(QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Ok)
    details = [translate("SingleInstance", "Data folder: {0}").format(error.folder)]
    if error.holder is not None and error.holder.argv:
        command = " ".join(error.holder.argv)
        details.append(translate("SingleInstance", "Command line: {0}").format(command))
    box.setDetailedText("\n".join(details))
    _close_on_signals(box)
    if STARTUP_PROBE.is_on():
        QTimer.singleShot(0, lambda: print("probe in-use-shown", file=sys.stderr, flush=True))
    box.exec()


def _has_display() -> bool:
    if not sys.platform.startswith("linux"):
        return True
    return any(os.environ.get(k) for k in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"))


def _install_translations(app: QApplication, paths: AppPaths) -> None:
    from appenv.settings import Settings
    from ui import i18n

    i18n.install(app, Settings(paths.settings_file).get("ui.language"))


def _close_on_signals(box: QMessageBox) -> None:
    """SIGTERM/SIGINT close the box (the process still exits 'in use'), not kill it."""
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: box.reject())
    poll = QTimer(box)  # gives Python a moment to run its signal handlers
    poll.timeout.connect(lambda: None)
    poll.start(100)
