"""Build the application: settings, database, phone engine, main window; run until quit."""

from __future__ import annotations

import signal
import socket
import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSocketNotifier, QThreadPool, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from appenv import logs, secrets
from appenv.paths import AppPaths
from appenv.settings import NULL_AUDIO, STARTUP_PROBE, Settings
from softphone.account import password_key
from ui import errors, i18n
from ui.main_window import MainWindow
from ui.phone import PhoneAdapter
from ui.settings_dialog import SettingsDialog
from ui.tasks import run_task

if TYPE_CHECKING:
    from notes.model import Note
    from office.model import Operator
    from storage import Database
    from ui.deliveries_view import DeliveriesView
    from ui.login_dialog import LoginDialog
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
    if NULL_AUDIO.is_on():
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
        self.db: Database | None = None
        self.phone = PhoneAdapter(engine_args(self.settings, sip_port))
        self.window = MainWindow(self.phone, self.settings)
        self.error_reporter = errors.install(self.window)  # messages and uncaught exceptions
        self.window.settings_requested.connect(self.open_settings)
        self.window.smtp_settings_requested.connect(self.open_smtp_settings)
        self.window.note_saved.connect(self.note_saved)
        self.scheduler: ReportScheduler | None = None
        self.deliveries: DeliveriesView | None = None
        self.login: LoginDialog | None = None
        qt_app.aboutToQuit.connect(self.shutdown)

    def start(self) -> None:
        """Window first, then the engine, then the store: the operator sees the app at once."""
        self.window.show()
        self.phone.start()
        if STARTUP_PROBE.is_on():
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
        """Open (and migrate) the database off the GUI thread; then attach it."""
        paths, demo = self.paths, self.demo

        def open_it() -> Database:
            from storage import open_app_database

            db = open_app_database(paths)
            if demo:
                from clients.demo import load_demo

                added = load_demo(db.clients)
                if added:
                    log.info("demo dataset loaded (%d clients)", added)
            return db

        run_task(open_it, self.store_opened, self.store_failed, owner=self.window)

    def store_opened(self, db: Database) -> None:
        self.db = db
        self.window.attach_database(db)
        self.start_reports()
        self.ask_operator()

    def ask_operator(self) -> None:
        """With operator accounts in the database, the operator logs in first (calls do not
        ring meanwhile); without any (a single seat), the seat starts as before."""
        assert self.db is not None
        operators = self.db.operators

        def decide(count: int) -> None:
            if not count:
                self.window.sign_in(None)
                return
            from ui.login_dialog import LoginDialog

            self.phone.set_available(False)
            self.login = LoginDialog(operators, self.window)
            self.login.signed_in.connect(self.operator_signed_in)
            self.login.rejected.connect(self._login_refused)
            self.login.open()

        run_task(operators.count_operators, decide, self.store_failed, owner=self.window)

    def operator_signed_in(self, operator: Operator) -> None:
        self.window.sign_in(operator)
        if self.deliveries is not None:
            self.deliveries.operator = self.window.operator_name()

    def _login_refused(self) -> None:
        log.info("no operator logged in: quitting")
        self.window.close()
        self.qt_app.quit()

    def store_failed(self, exc: Exception) -> None:
        """Say what is wrong and what to do; Retry tries again, Quit ends the app (calls
        cannot be logged without the database, so running on would lose them)."""
        from appenv.errors import UserError

        if not isinstance(exc, UserError):
            raise exc  # a bug: the excepthook logs its trace and says so
        log.error("database not opened: %s (%s)", exc.message, exc.detail)
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            QCoreApplication.translate("Application", "The database cannot be opened"),
            exc.message,
            QMessageBox.StandardButton.Retry | QMessageBox.StandardButton.Close,
            self.window,
        )
        box.setObjectName("store-open-error")
        box.setDefaultButton(QMessageBox.StandardButton.Retry)
        box.finished.connect(lambda result: self._store_error_closed(result))
        self.store_error_box = box
        box.open()

    def _store_error_closed(self, result: int) -> None:
        if result == QMessageBox.StandardButton.Retry:
            self.open_store()
        else:
            self.window.close()
            self.qt_app.quit()

    def start_reports(self) -> None:
        """Daily reports at each client's report time, urgent notes at once, the list."""
        from ui.deliveries_view import DeliveriesView
        from ui.report_scheduler import ReportScheduler

        assert self.db is not None
        self.scheduler = ReportScheduler(self.db, self.paths, self.settings, parent=self.qt_app)
        deliveries = DeliveriesView(self.db, operator=self.window.operator_name())
        self.deliveries = deliveries
        self.window.side_panel.addTab(
            deliveries, QCoreApplication.translate("MainWindow", "Deliveries")
        )
        assert self.window.changes is not None
        self.window.changes.changed.connect(deliveries.on_database_changed)
        self.scheduler.problem.connect(self.window.on_error)
        deliveries.requeued.connect(self.scheduler.run_now)
        self.window.deliver_requested.connect(self.scheduler.run_now)
        deliveries.error.connect(self.window.on_error)
        self.scheduler.start()

    def note_saved(self, note: Note) -> None:
        from notes.model import Urgency

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
            return password or secrets.get_secret(password_key(username, registrar))

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
        if change.engine_changed:  # devices, port, address are engine arguments: restart
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
        self.error_reporter.uninstall()
        if self.scheduler is not None:
            self.scheduler.stop()
        self.phone.stop()
        if self.window.seat_control is not None:
            self.window.seat_control.log_out()  # written before the database closes
        QThreadPool.globalInstance().waitForDone(10_000)  # background work ends before we do
        for translator in self.translators:
            self.qt_app.removeTranslator(translator)
        if self.db is not None:
            if self.window.changes is not None:
                self.window.changes.stop()
            self.db.close()


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
