"""Account, audio, operator and office-database settings, built from the declarations in
appenv.settings.

The SIP password and the office database's password go to the keyring only; a database
address with a password in it is refused, so none ever lands in settings.json.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from appenv import messages, secrets
from appenv.settings import ACCOUNT_KEYS, ENGINE_KEYS, Section, Settings
from softphone.account import password_key
from ui.settings_form import SettingsForm
from ui.tasks import run_task

if TYPE_CHECKING:
    from softphone.audio_devices import AudioDevice


def _list_devices() -> list[AudioDevice]:
    from softphone.audio_devices import list_devices  # PortAudio: only when asked

    return list_devices()


def _count_clients(url: str, password: str | None) -> int:
    """Open the office database as the app would (migrating it), count its clients."""
    from storage import open_database
    from storage.postgres.session import keyring_password

    with open_database(url, password=password or keyring_password(url)) as db:
        return len(db.clients.list_clients())


def _has_password(url: str) -> bool:
    import psycopg

    try:
        return bool(psycopg.conninfo.conninfo_to_dict(url).get("password"))
    except psycopg.ProgrammingError:
        return False


@dataclass(frozen=True)
class SettingsChange:
    """What the operator changed: the keys ``Settings.update`` reported, and a new password."""

    keys: frozenset[str]
    password: str | None  # only set when the operator typed one (kept in memory briefly)

    @property
    def account_changed(self) -> bool:
        return bool(self.keys & ACCOUNT_KEYS) or self.password is not None

    @property
    def engine_changed(self) -> bool:
        """Devices, port and address are engine start arguments: the engine must restart."""
        return bool(self.keys & ENGINE_KEYS)


class SettingsDialog(QDialog):
    SECTIONS = (Section.OPERATOR, Section.ACCOUNT, Section.AUDIO, Section.OFFICE)

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settings-dialog")
        self.setWindowTitle(self.tr("Settings"))
        self.settings = settings
        self.form = SettingsForm(settings, self.SECTIONS)
        self.registrar = self.form.editor("sip.registrar")
        self.username = self.form.editor("sip.username")
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("unchanged"))
        account = self.form.layouts[Section.ACCOUNT]
        account.insertRow(self.form.rows["sip.username"] + 1, self.tr("Password:"), self.password)
        account.addRow(
            QLabel(
                self.tr(
                    "TLS is not offered: the bundled pjsua2 build supports only "
                    "TLS 1.2 with an outdated OpenSSL."
                )
            )
        )
        self.audio_note = QLabel(self.tr("Looking for audio devices…"))
        self.form.layouts[Section.AUDIO].addRow(self.audio_note)

        self.db_url = self.form.editor("database.url")
        self.db_password = QLineEdit()
        self.db_password.setObjectName("database-password")
        self.db_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.db_password.setPlaceholderText(self.tr("unchanged"))
        office = self.form.layouts[Section.OFFICE]
        office.insertRow(self.form.rows["database.url"] + 1, self.tr("Password:"), self.db_password)
        self.db_test = QPushButton(self.tr("&Test connection"))
        self.db_test.setObjectName("database-test")
        self.db_test.clicked.connect(self.test_database)
        self.db_status = QLabel()
        self.db_status.setObjectName("database-status")
        self.db_status.setWordWrap(True)
        office.addRow(self.db_test, self.db_status)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._accept_if_valid)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for section in self.SECTIONS:
            layout.addWidget(self.form.boxes[section])
        layout.addWidget(buttons)
        run_task(
            _list_devices,
            self._fill_devices,
            lambda exc: self.audio_note.setText(str(exc)),
            owner=self,
        )

    def _fill_devices(self, devices: list[AudioDevice]) -> None:
        self.form.fill_devices(devices)
        self.audio_note.setText(
            self.tr("{0} devices found.").format(len(devices))
            if devices
            else self.tr("No audio device found: calls run without sound.")
        )

    # ---- office database ------------------------------------------------------------
    def _database_problem(self) -> str:
        """Why the typed database address cannot be kept ("" when it can)."""
        from storage import is_office_url

        url = self.db_url.text().strip()
        if not url:
            return ""
        if not is_office_url(url):
            return self.tr("The address must start with postgresql:// (empty: this seat's file).")
        if _has_password(url):
            return self.tr(
                "Type the password into the password field, not into the address: "
                "Vorzimmer keeps it in the system keyring."
            )
        return ""

    def _say_database(self, text: str, error: bool) -> None:
        self.db_status.setStyleSheet("color:#c62828;" if error else "color:#2e7d32;")
        self.db_status.setText(text)

    def test_database(self) -> None:
        """Connect in the background with what is typed; say how many clients it holds."""
        problem = self._database_problem()
        url = self.db_url.text().strip()
        if problem or not url:
            self._say_database(problem or self.tr("Type the office database's address."), True)
            return
        password = self.db_password.text() or None
        self.db_test.setEnabled(False)
        self._say_database(self.tr("Connecting…"), False)

        def done(count: int) -> None:
            self.db_test.setEnabled(True)
            self._say_database(self.tr("Connected: {0} clients.").format(count), False)

        def failed(exc: Exception) -> None:
            self.db_test.setEnabled(True)
            self._say_database(self.tr("No connection: {0}").format(exc), True)

        run_task(lambda: _count_clients(url, password), done, failed, owner=self)

    def _accept_if_valid(self) -> None:
        problem = self._database_problem()
        if problem:
            self._say_database(problem, True)
            self.db_url.setFocus()
            return
        self.accept()

    def apply(self) -> SettingsChange:
        """Store what the operator chose (listeners hear which keys changed); passwords
        only in the keyring."""
        values = self.form.values()
        password = self.password.text() or None
        if password and values["sip.registrar"] and values["sip.username"]:
            secrets.set_secret(
                password_key(values["sip.username"], values["sip.registrar"]), password
            )
        db_password = self.db_password.text()
        if db_password and values["database.url"]:
            from storage.postgres.session import password_key as database_key

            secrets.set_secret(database_key(values["database.url"]), db_password)
        keys = self.settings.update(values)
        if "ui.language" in keys:  # translators are installed once, at start
            messages.info(self.tr("The new language shows when Vorzimmer starts again."))
        if "database.url" in keys:  # the data layer is opened once, at start
            messages.info(self.tr("The new database is used when Vorzimmer starts again."))
        return SettingsChange(keys=keys, password=password)
