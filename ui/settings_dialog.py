"""Account, audio and operator settings. The SIP password goes to the keyring only."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from appenv import secrets
from appenv.settings import Settings
from ui.tasks import run_task

if TYPE_CHECKING:
    from softphone.audio_bridge import AudioDevice


def sip_secret_key(username: str, registrar: str) -> str:
    return f"sip:{username}@{registrar}"


def _list_devices() -> list[AudioDevice]:
    from softphone.audio_bridge import list_devices  # PortAudio and numpy: only when asked

    return list_devices()


@dataclass(frozen=True)
class SettingsChange:
    account_changed: bool
    audio_changed: bool
    password: str | None  # only set when the operator typed one (kept in memory briefly)


class SettingsDialog(QDialog):
    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settings-dialog")
        self.setWindowTitle(self.tr("Settings"))
        self.settings = settings

        self.operator = QLineEdit(settings.get("operator.name"))
        self.language = QComboBox()
        self.language.addItem("Deutsch", "de")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(max(0, self.language.findData(settings.get("ui.language"))))

        self.registrar = QLineEdit(settings.get("sip.registrar"))
        self.registrar.setObjectName("registrar")
        self.registrar.setPlaceholderText(self.tr("e.g. sip.example.com:5060 — empty: local mode"))
        self.username = QLineEdit(settings.get("sip.username"))
        self.username.setObjectName("username")
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("unchanged"))
        self.transport = QComboBox()
        for name in ("udp", "tcp"):
            self.transport.addItem(name.upper(), name)
        self.transport.setCurrentIndex(
            max(0, self.transport.findData(settings.get("sip.transport")))
        )
        self.local_port = QSpinBox()
        self.local_port.setRange(1024, 65535)
        self.local_port.setValue(settings.get("sip.local_port"))

        self.input = QComboBox()
        self.output = QComboBox()
        self.ringer = QComboBox()
        for combo in (self.input, self.output, self.ringer):
            combo.addItem(self.tr("System default"), "")
        self.audio_note = QLabel(self.tr("Looking for audio devices…"))

        operator_box = QGroupBox(self.tr("Operator"))
        form = QFormLayout(operator_box)
        form.addRow(self.tr("Name in greetings:"), self.operator)
        form.addRow(self.tr("Language:"), self.language)
        account_box = QGroupBox(self.tr("SIP account"))
        form = QFormLayout(account_box)
        form.addRow(self.tr("Registrar:"), self.registrar)
        form.addRow(self.tr("User name:"), self.username)
        form.addRow(self.tr("Password:"), self.password)
        form.addRow(self.tr("Transport:"), self.transport)
        form.addRow(self.tr("Local SIP port:"), self.local_port)
        form.addRow(
            QLabel(
                self.tr(
                    "TLS is not offered: the bundled pjsua2 build supports only "
                    "TLS 1.2 with an outdated OpenSSL."
                )
            )
        )
        audio_box = QGroupBox(self.tr("Audio"))
        form = QFormLayout(audio_box)
        form.addRow(self.tr("Microphone:"), self.input)
        form.addRow(self.tr("Speaker / headset:"), self.output)
        form.addRow(self.tr("Ringing device:"), self.ringer)
        form.addRow(self.audio_note)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (operator_box, account_box, audio_box, buttons):
            layout.addWidget(widget)
        run_task(
            _list_devices,
            self._fill_devices,
            lambda exc: self.audio_note.setText(str(exc)),
            owner=self,
        )

    def _fill_devices(self, devices: list[AudioDevice]) -> None:
        for device in devices:
            if device.max_input_channels > 0:
                self.input.addItem(device.name, device.name)
            if device.max_output_channels > 0:
                self.output.addItem(device.name, device.name)
                self.ringer.addItem(device.name, device.name)
        for combo, key in (
            (self.input, "audio.input"),
            (self.output, "audio.output"),
            (self.ringer, "audio.ringer"),
        ):
            combo.setCurrentIndex(max(0, combo.findData(self.settings.get(key))))
        self.audio_note.setText(
            self.tr("{0} devices found.").format(len(devices))
            if devices
            else self.tr("No audio device found: calls run without sound.")
        )

    def apply(self) -> SettingsChange:
        """Store what the operator chose; the password only in the keyring."""
        s = self.settings
        before_account = (s.get("sip.registrar"), s.get("sip.username"), s.get("sip.transport"))
        before_audio = (
            s.get("audio.input"),
            s.get("audio.output"),
            s.get("audio.ringer"),
            s.get("sip.local_port"),
        )
        s.set("operator.name", self.operator.text().strip())
        s.set("ui.language", self.language.currentData())
        s.set("sip.registrar", self.registrar.text().strip())
        s.set("sip.username", self.username.text().strip())
        s.set("sip.transport", self.transport.currentData())
        s.set("sip.local_port", self.local_port.value())
        s.set("audio.input", self.input.currentData() or "")
        s.set("audio.output", self.output.currentData() or "")
        s.set("audio.ringer", self.ringer.currentData() or "")
        password = self.password.text() or None
        if password and s.get("sip.registrar") and s.get("sip.username"):
            secrets.set_secret(
                sip_secret_key(s.get("sip.username"), s.get("sip.registrar")), password
            )
        s.save()
        after_account = (s.get("sip.registrar"), s.get("sip.username"), s.get("sip.transport"))
        after_audio = (
            s.get("audio.input"),
            s.get("audio.output"),
            s.get("audio.ringer"),
            s.get("sip.local_port"),
        )
        return SettingsChange(
            account_changed=before_account != after_account or password is not None,
            audio_changed=before_audio != after_audio,
            password=password,
        )
