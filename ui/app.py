"""Build the application: settings, store, phone engine, main window; run until quit."""

from __future__ import annotations

import os
import signal
import socket
import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSocketNotifier, QThreadPool, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from appenv import logs, secrets
from appenv.paths import AppPaths
from appenv.settings import Settings
from ui import i18n
from ui.main_window import MainWindow
from ui.phone import PhoneAdapter
from ui.settings_dialog import SettingsDialog, sip_secret_key
from ui.tasks import run_task

if TYPE_CHECKING:
    from clients.notes import Note
    from clients.store import ClientStore
    from ui.report_scheduler import ReportScheduler

log = logs.get("app")


def engine_args(settings: Settings, sip_port: int | None) -> list[str]:
    args = [
        "--sip-port",
        str(sip_port or settings.get("sip.local_port")),
        "--bind",
        settings.get("sip.bind_address"),
    ]
    for option, key in (
        ("--input-device", "audio.input"),
        ("--output-device", "audio.output"),
        ("--ringer-device", "audio.ringer"),
    ):
        if settings.get(key):
            args += [option, settings.get(key)]
    if os.environ.get("VORZIMMER_NULL_AUDIO"):
        args.append("--null-audio")
    return args


class Application:
    """Owns the long-lived objects and wires them together."""

    def __init__(
        self, qt_app: QApplication, paths: AppPaths, sip_port: int | None, demo: bool
    ) -> None:
        self.qt_app = qt_app
        self.paths = paths
        self.sip_port = sip_port
        self.settings = Settings(paths.settings_file)
        self.translators = i18n.install(qt_app, self.settings.get("ui.language"))
        self.demo = demo
        self.store: ClientStore | None = None
        self.phone = PhoneAdapter(engine_args(self.settings, sip_port))
        self.window = MainWindow(self.phone, self.settings)
        self.window.settings_requested.connect(self.open_settings)
        self.window.smtp_settings_requested.connect(self.open_smtp_settings)
        self.window.note_saved.connect(self.note_saved)
        self.scheduler: ReportScheduler | None = None
        qt_app.aboutToQuit.connect(self.shutdown)

    def start(self) -> None:
        """Window first, then the engine, then the store: the operator sees the app at once."""
        self.window.show()
        self.phone.start()
        if os.environ.get("VORZIMMER_STARTUP_PROBE"):
            self._startup_probes()
        QTimer.singleShot(20, self.open_store)  # after the first paint
        self.register_from_settings()

    def _startup_probes(self) -> None:
        """Timestamps on stderr for benchmarks/bench_startup.py (VORZIMMER_STARTUP_PROBE=1)."""
        QTimer.singleShot(0, lambda: print("probe window-shown", file=sys.stderr, flush=True))
        self.phone.engine_state.connect(
            lambda state, _d: print(f"probe engine-{state}", file=sys.stderr, flush=True)
        )
        self.phone.registration_changed.connect(
            lambda r: print(f"probe registration-{r.state}", file=sys.stderr, flush=True)
        )

    def open_store(self) -> None:
        from clients.drafts import DraftBox
        from clients.notes import SqliteNotesStore
        from clients.store import SqliteClientStore  # sqlite-utils loads numpy: after the window

        store = SqliteClientStore(self.paths.database)
        if self.demo:
            from clients.demo import load_demo

            added = load_demo(store)
            if added:
                log.info("demo dataset loaded (%d clients)", added)
        self.store = store
        self.window.attach_store(store, SqliteNotesStore(store, DraftBox(self.paths.drafts)))
        self.start_reports()

    def start_reports(self) -> None:
        """Daily reports at each client's report time, urgent notes at once, the list."""
        from ui.deliveries_view import DeliveriesView
        from ui.report_scheduler import ReportScheduler

        self.scheduler = ReportScheduler(self.paths, self.settings, parent=self.qt_app)
        deliveries = DeliveriesView(self.paths, operator=self.settings.get("operator.name"))
        self.window.side_panel.addTab(
            deliveries, QCoreApplication.translate("MainWindow", "Deliveries")
        )
        self.scheduler.changed.connect(deliveries.refresh)
        self.scheduler.problem.connect(self.window.on_error)
        deliveries.requeued.connect(self.scheduler.run_now)
        deliveries.error.connect(self.window.on_error)
        self.scheduler.start()

    def note_saved(self, note: Note) -> None:
        from clients.notes import Urgency

        if self.scheduler is not None and note.urgency == Urgency.URGENT:
            self.scheduler.queue_urgent_note(note)

    def open_smtp_settings(self) -> None:
        from ui.smtp_settings import SmtpSettingsDialog

        dialog = SmtpSettingsDialog(self.settings, self.window)
        if self.scheduler is not None:
            dialog.saved.connect(self.scheduler.run_now)
        dialog.open()

    def register_from_settings(self, password: str | None = None) -> None:
        registrar = self.settings.get("sip.registrar")
        username = self.settings.get("sip.username")
        if not (registrar and username):
            return
        transport = self.settings.get("sip.transport")

        def fetch() -> str | None:
            return password or secrets.get_secret(sip_secret_key(username, registrar))

        def done(pw: str | None) -> None:
            if pw is None:
                self.window.on_error(
                    QCoreApplication.translate(
                        "MainWindow", "No password stored for {0}: open Settings."
                    ).format(username)
                )
                return
            self.phone.register(registrar, username, pw, transport)

        run_task(fetch, done, lambda exc: self.window.on_error(str(exc)), owner=self.window)

    def open_settings(self) -> None:
        dialog = SettingsDialog(self.settings, self.window)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.apply_settings(dialog)

    def apply_settings(self, dialog: SettingsDialog) -> None:
        try:
            change = dialog.apply()
        except secrets.SecretStoreUnavailable as exc:
            QMessageBox.warning(
                self.window,
                QCoreApplication.translate("MainWindow", "Password not saved"),
                str(exc),
            )
            return
        if change.audio_changed:  # devices and port are engine arguments: restart it
            if self.phone.board.calls:
                self.window.on_error(
                    QCoreApplication.translate(
                        "MainWindow", "New audio settings apply after the calls."
                    )
                )
            else:
                self.phone.stop()
                self.phone.engine_args = engine_args(self.settings, self.sip_port)
                self.phone.start()
        if change.account_changed:
            if self.settings.get("sip.registrar"):
                self.register_from_settings(change.password)
            else:
                self.phone.unregister()

    def shutdown(self) -> None:
        if self.scheduler is not None:
            self.scheduler.stop()
        self.phone.stop()
        QThreadPool.globalInstance().waitForDone(10_000)  # background work ends before we do
        for translator in self.translators:
            self.qt_app.removeTranslator(translator)
        if self.store is not None:
            self.store.close()


def _quit_on_signals(app: QApplication) -> QSocketNotifier:
    """SIGTERM/SIGINT end the app cleanly (calls hung up) via Qt's event loop."""
    rsock, wsock = socket.socketpair()
    rsock.setblocking(False)
    wsock.setblocking(False)
    signal.set_wakeup_fd(wsock.fileno())
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: None)
    notifier = QSocketNotifier(rsock.fileno(), QSocketNotifier.Type.Read, app)

    def woke() -> None:
        try:
            rsock.recv(64)
        except OSError:
            pass
        app.quit()

    notifier.activated.connect(woke)
    notifier._sockets = (rsock, wsock)  # type: ignore[attr-defined]  # keep them alive
    return notifier


def run_app(paths: AppPaths, sip_port: int | None = None, demo: bool = False) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("Vorzimmer")
    app.setOrganizationName("Vorzimmer")
    _notifier = _quit_on_signals(app)
    application = Application(app, paths, sip_port, demo)
    application.start()
    from ui.single_instance import RaiseListener  # a second start raises this window

    _listener = RaiseListener(paths, application.window)
    return app.exec()
