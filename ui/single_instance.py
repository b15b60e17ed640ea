"""The running window listens for a second start on its data folder and comes to the front.

The OS lock (appenv.instance_lock) decides who owns the folder; this module is only the
courtesy around it. The owner listens on a local socket named after the folder
(:class:`RaiseListener`); a second start sends ``raise <pid>`` to it, tells the operator
in a message box which process has the folder, and exits (:func:`refuse_second_window`).
"""

from __future__ import annotations

import os
import signal
import socket
import sys
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QSocketNotifier, QTimer, Signal
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from appenv import logs
from appenv.instance_lock import WINDOW, FolderInUse
from appenv.paths import AppPaths
from appenv.settings import STARTUP_PROBE

log = logs.get("app")

_UNIX = hasattr(socket, "AF_UNIX")  # Linux, macOS; Windows uses a Qt named pipe instead
_SUN_PATH_MAX = 100  # sockaddr_un.sun_path is 108 bytes on Linux, 104 on macOS
_MAX_REQUEST = 64  # "raise <pid>\n"; anything longer is not ours


def _digest(paths: AppPaths) -> str:
    import hashlib  # loads OpenSSL (~14 ms): only for the rare names that need it

    return hashlib.sha256(os.fsencode(paths.home)).hexdigest()[:16]


def raise_address(paths: AppPaths) -> str | None:
    """Where the window listens: a socket in the private data folder (or, for a very long
    path, in the user's private runtime folder); on Windows a pipe named after the folder."""
    if not _UNIX:
        return f"vorzimmer-{_digest(paths)}"
    candidates = [paths.home / "vorzimmer.sock"]
    if os.environ.get("XDG_RUNTIME_DIR"):
        candidates.append(Path(os.environ["XDG_RUNTIME_DIR"]) / f"vorzimmer-{_digest(paths)}.sock")
    for path in candidates:
        if len(os.fsencode(path)) < _SUN_PATH_MAX:
            return str(path)
    return None


class RaiseListener(QObject):
    """In the window's process: a second start asks for the window, the window comes up.

    A plain Unix socket watched by a QSocketNotifier (QtNetwork would cost ~3 MB and ~5 ms
    at start for this one line); Windows, which has no AF_UNIX here, uses QLocalServer.
    """

    raise_requested = Signal(int)  # pid of the process that asked

    def __init__(self, paths: AppPaths, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        self._path: str | None = None
        self._server: socket.socket | None = None
        self._clients: dict[int, tuple[socket.socket, QSocketNotifier, bytearray]] = {}
        self._notifier: QSocketNotifier | None = None
        self._qt_server: Any = None
        self.raise_requested.connect(self._bring_to_front)
        address = raise_address(paths)
        if address is None:
            log.info("data folder path too long for a socket: a second start cannot raise us")
        elif _UNIX:
            self._listen_unix(address)
        else:
            self._listen_qt(address)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.close)

    def _listen_unix(self, path: str) -> None:
        Path(path).unlink(missing_ok=True)  # we hold the folder's lock: an old socket is stale
        server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            server.bind(path)
            os.chmod(path, 0o600)
            server.listen(8)
        except OSError as exc:
            server.close()
            log.warning("cannot listen for second starts on %s: %s", path, exc)
            return
        server.setblocking(False)
        self._server, self._path = server, path
        notifier = QSocketNotifier(server.fileno(), QSocketNotifier.Type.Read, self)
        notifier.activated.connect(self._accept)
        self._notifier = notifier

    def _accept(self) -> None:
        assert self._server is not None
        try:
            conn, _ = self._server.accept()
        except OSError:  # BlockingIOError: another wake-up took it
            return
        conn.setblocking(False)
        fd = conn.fileno()
        notifier = QSocketNotifier(fd, QSocketNotifier.Type.Read, self)
        self._clients[fd] = (conn, notifier, bytearray())
        notifier.activated.connect(partial(self._read, fd))

    def _read(self, fd: int, *_activated: object) -> None:
        if fd not in self._clients:
            return
        conn, notifier, buffer = self._clients[fd]
        try:
            data = conn.recv(_MAX_REQUEST)
        except BlockingIOError:
            return
        except OSError:
            data = b""
        buffer += data
        if b"\n" in buffer or not data or len(buffer) > _MAX_REQUEST:
            notifier.setEnabled(False)
            notifier.deleteLater()
            del self._clients[fd]
            conn.close()
            self._handle(bytes(buffer).split(b"\n", 1)[0])

    def _handle(self, line: bytes) -> None:
        words = line.decode("ascii", "replace").split()
        if len(words) == 2 and words[0] == "raise" and words[1].isdigit():
            self.raise_requested.emit(int(words[1]))

    def _listen_qt(self, name: str) -> None:
        from PySide6.QtNetwork import QLocalServer

        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        QLocalServer.removeServer(name)
        if not server.listen(name):
            log.warning("cannot listen for second starts on %s: %s", name, server.errorString())
        server.newConnection.connect(self._accept_qt)
        self._qt_server = server

    def _accept_qt(self) -> None:
        while (conn := self._qt_server.nextPendingConnection()) is not None:
            conn.waitForReadyRead(500)
            self._handle(bytes(conn.readLine(_MAX_REQUEST).data()))
            conn.disconnectFromServer()

    def close(self) -> None:
        """Stop listening and remove the socket file (the next owner would remove it too)."""
        for conn, notifier, _buffer in self._clients.values():
            notifier.setEnabled(False)
            conn.close()
        self._clients.clear()
        if self._notifier is not None:
            self._notifier.setEnabled(False)
        if self._server is not None:
            self._server.close()
            self._server = None
            if self._path is not None:
                Path(self._path).unlink(missing_ok=True)

    def _bring_to_front(self, pid: int) -> None:
        log.info("second start on this data folder (pid %d): window brought to the front", pid)
        window = self._window
        if window.isMinimized():
            window.showNormal()
        window.show()
        window.raise_()
        window.activateWindow()


def send_raise(paths: AppPaths, timeout: float = 1.0) -> bool:
    """Ask the window that owns ``paths`` to come to the front; False if nobody listened."""
    address = raise_address(paths)
    if address is None:
        return False
    request = f"raise {os.getpid()}\n".encode("ascii")
    if not _UNIX:
        from PySide6.QtNetwork import QLocalSocket

        _core = QCoreApplication.instance() or QCoreApplication(sys.argv)
        pipe = QLocalSocket()
        pipe.connectToServer(address)
        if not pipe.waitForConnected(int(timeout * 1000)):
            return False
        pipe.write(request)
        sent = pipe.waitForBytesWritten(int(timeout * 1000))
        pipe.disconnectFromServer()
        return bool(sent)
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn:
        conn.settimeout(timeout)
        try:
            conn.connect(address)
            conn.sendall(request)
        except OSError:
            return False
    return True


def refuse_second_window(paths: AppPaths, error: FolderInUse) -> None:
    """Raise the running window, then say in a message box who has the folder."""
    if not _has_display():  # e.g. over ssh: the terminal line said it; Qt would abort
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
