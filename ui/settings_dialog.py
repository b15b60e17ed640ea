"""Account, audio and operator settings, built from the declarations in appenv.settings.

The SIP password goes to the keyring only.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
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
    SECTIONS = (Section.OPERATOR, Section.ACCOUNT, Section.AUDIO)

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

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
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

    def apply(self) -> SettingsChange:
        """Store what the operator chose (listeners hear which keys changed); the password
        only in the keyring."""
        values = self.form.values()
        password = self.password.text() or None
        if password and values["sip.registrar"] and values["sip.username"]:
            secrets.set_secret(
                password_key(values["sip.username"], values["sip.registrar"]), password
            )
        keys = self.settings.update(values)
        if "ui.language" in keys:  # translators are installed once, at start
            messages.info(self.tr("The new language shows when Vorzimmer starts again."))
        return SettingsChange(keys=keys, password=password)
